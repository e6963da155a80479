// A candidate's page (candidate_profiles show): the profile in the seed's sections (A–G), then
// the related lists — work history (section F) and every application of the candidate (one
// candidate, many jobs). Fields are drawn by AdminJS's own property components, as on any show page.
import React from 'react';
import { BasePropertyComponent } from 'adminjs';
import { Box, H5 } from '@adminjs/design-system';

const SECTIONS = [
  ['Profile', ['user_id', 'current_role', 'expected_role', 'is_actively_searching', 'bio', 'phone', 'linkedin_url', 'portfolio_url', 'github_url', 'resume_url', 'resume_last_updated']],
  ['Skills & education', ['total_experience_years', 'highest_education', 'year_of_passing', 'skills', 'certificates', 'projects_summary']],
  ['Job preferences', ['job_type_preference', 'shift_preference', 'current_locations', 'preferred_locations', 'ready_to_relocate', 'notice_period', 'availability_date', 'work_authorization']],
  ['Salary', ['current_ctc', 'expected_ctc', 'currency', 'is_ctc_negotiable']],
  ['Personal & broader preferences', ['looking_for_jobs_abroad', 'sector_preference', 'preferred_industries', 'willingness_to_travel', 'languages', 'has_driving_license', 'gender', 'marital_status', 'dob', 'reservation_category', 'disability']],
  ['Contact & availability', ['has_current_offers', 'number_of_offers', 'best_time_to_contact', 'preferred_contact_mode', 'alternate_email', 'alternate_phone', 'time_zone']],
];

const CandidateProfile = ({ resource, record }) => {
  const byName = Object.fromEntries(resource.showProperties.map((p) => [p.propertyPath, p]));
  const placed = new Set(SECTIONS.flatMap(([, names]) => names));
  // Whatever no section names (system columns, the related lists) follows, in the resource's order.
  const rest = resource.showProperties.filter((p) => !placed.has(p.propertyPath));
  const draw = (p) => <BasePropertyComponent key={p.propertyPath} where="show" property={p} resource={resource} record={record} />;
  return (
    <Box variant="container" data-testid="candidate-profile">
      {SECTIONS.map(([title, names]) => {
        const props = names.map((n) => byName[n]).filter(Boolean);
        if (props.length === 0) return null;
        return (
          <Box key={title} mb="xl" data-testid={`section-${title}`}>
            <H5 mb="lg">{title}</H5>
            <Box flex flexDirection="row" flexWrap="wrap">
              {props.map((p) => <Box key={p.propertyPath} width={[1, 1 / 2, 1 / 3]} pr="lg">{draw(p)}</Box>)}
            </Box>
          </Box>
        );
      })}
      {rest.map(draw)}
    </Box>
  );
};

export default CandidateProfile;
