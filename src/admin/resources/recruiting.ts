/** Recruiting (S1 ATS): jobs, candidates, applications, the recruiter's action queue and chat. */
import {
  ActionQueueItem,
  Application,
  ApplicationTimelineEntry,
  CandidateProfile,
  CandidateWorkHistory,
  ChatMessage,
  Job,
} from '../../models/index.js';
import { JOB_EMPLOYMENT_TYPES, JOB_SALARY_UNITS, JOB_STATUSES, JOB_WORK_MODES } from '../../models/job.model.js';
import {
  CANDIDATE_CONTACT_MODE_SUGGESTIONS,
  CANDIDATE_JOB_TYPE_PREFERENCE_SUGGESTIONS,
  CANDIDATE_RELOCATION_OPTIONS,
  CANDIDATE_RESERVATION_CATEGORY_SUGGESTIONS,
  CANDIDATE_SECTOR_PREFERENCE_SUGGESTIONS,
  CANDIDATE_SHIFT_PREFERENCE_SUGGESTIONS,
} from '../../models/candidate-profile.model.js';
import {
  APPLICATION_AUTOMATION_STATUSES,
  APPLICATION_FOLLOW_UP_STATUSES,
  APPLICATION_STATUSES,
} from '../../models/application.model.js';
import { ACTION_QUEUE_PRIORITIES, ACTION_QUEUE_TYPES } from '../../models/action-queue-item.model.js';
import { CHAT_SENDER_TYPES } from '../../models/chat-message.model.js';
import {
  enumProperty,
  longText,
  money,
  newestFirst,
  prop,
  hidden,
  stringArray,
  title,
  SYSTEM_COLUMNS,
} from './labels.js';
import { NAV, type ResourceSpec } from './types.js';
import { component } from '../components/loader.js';

/** The three application status columns; the timeline records changes to any of them. */
const ANY_APPLICATION_STATUS = [
  ...new Set([...APPLICATION_STATUSES, ...APPLICATION_AUTOMATION_STATUSES, ...APPLICATION_FOLLOW_UP_STATUSES]),
];

const JOB_EDIT = [
  'title', 'client_id', 'assigned_recruiter_id', 'status', 'internal_job_id', 'employment_type', 'work_mode',
  'industry', 'functional_area', 'job_locations', 'number_of_openings', 'application_deadline',
  'min_salary', 'max_salary', 'currency', 'salary_unit', 'experience_required', 'education_qualification',
  'notice_period_accepted', 'job_summary', 'about_company', 'responsibilities', 'required_skills',
  'preferred_skills', 'tools_tech_stack', 'benefits_perks', 'hiring_process_rounds',
  'slug_url', 'meta_title', 'meta_description',
];

const CANDIDATE_EDIT = [
  'user_id', 'current_role', 'expected_role', 'is_actively_searching', 'total_experience_years',
  'highest_education', 'year_of_passing', 'skills', 'certificates', 'bio', 'projects_summary',
  'phone', 'alternate_phone', 'alternate_email', 'linkedin_url', 'portfolio_url', 'github_url',
  'resume_url', 'resume_last_updated', 'job_type_preference', 'shift_preference', 'sector_preference',
  'preferred_industries', 'current_locations', 'preferred_locations', 'ready_to_relocate',
  'looking_for_jobs_abroad', 'willingness_to_travel', 'work_authorization', 'notice_period',
  'availability_date', 'current_ctc', 'expected_ctc', 'currency', 'is_ctc_negotiable',
  'has_current_offers', 'number_of_offers', 'languages', 'has_driving_license', 'best_time_to_contact',
  'preferred_contact_mode', 'time_zone', 'gender', 'marital_status', 'dob', 'reservation_category',
  'disability',
];

export const recruitingResources: ResourceSpec[] = [
  {
    model: Job,
    options: {
      navigation: NAV.recruiting,
      titleProperty: 'title',
      sort: newestFirst,
      listProperties: [
        'title', 'client_id', 'assigned_recruiter_id', 'status', 'employment_type', 'work_mode',
        'number_of_openings', 'application_deadline',
      ],
      filterProperties: [
        'status', 'client_id', 'assigned_recruiter_id', 'employment_type', 'work_mode', 'title', 'industry',
        'application_deadline', 'created_at',
      ],
      editProperties: JOB_EDIT,
      showProperties: [...JOB_EDIT, ...SYSTEM_COLUMNS],
      properties: {
        title,
        status: enumProperty(JOB_STATUSES),
        employment_type: enumProperty(JOB_EMPLOYMENT_TYPES),
        work_mode: enumProperty(JOB_WORK_MODES),
        salary_unit: enumProperty(JOB_SALARY_UNITS),
        // Amounts in the job's own `currency`.
        min_salary: money,
        max_salary: money,
        job_summary: longText,
        about_company: longText,
        meta_description: longText,
        job_locations: stringArray,
        responsibilities: stringArray,
        required_skills: stringArray,
        preferred_skills: stringArray,
        tools_tech_stack: stringArray,
        benefits_perks: stringArray,
        hiring_process_rounds: stringArray,
      },
    },
  },
  {
    model: CandidateProfile,
    options: {
      navigation: NAV.recruiting,
      // No name column: the candidate's name is the `user_id` link; the role reads best as a title.
      titleProperty: 'current_role',
      sort: newestFirst,
      listProperties: [
        'user_id', 'current_role', 'expected_role', 'total_experience_years', 'is_actively_searching',
        'notice_period', 'availability_date',
      ],
      filterProperties: [
        'user_id', 'is_actively_searching', 'current_role', 'expected_role', 'job_type_preference',
        'ready_to_relocate', 'looking_for_jobs_abroad', 'highest_education', 'availability_date',
      ],
      editProperties: CANDIDATE_EDIT,
      showProperties: [...CANDIDATE_EDIT, 'workspace_id', 'created_at', 'updated_at'],
      // The profile in the seed's sections, then work history and all applications (related.ts).
      actions: { show: { component: component('RecruitingCandidateProfile', 'recruiting-candidate-profile.jsx') } },
      properties: {
        current_role: title,
        bio: longText,
        projects_summary: longText,
        skills: stringArray,
        certificates: stringArray,
        current_locations: stringArray,
        preferred_locations: stringArray,
        preferred_industries: stringArray,
        languages: stringArray,
        ready_to_relocate: enumProperty(CANDIDATE_RELOCATION_OPTIONS),
        // Open lists (TEXT): the seed's values offered as choices.
        job_type_preference: enumProperty(CANDIDATE_JOB_TYPE_PREFERENCE_SUGGESTIONS),
        shift_preference: enumProperty(CANDIDATE_SHIFT_PREFERENCE_SUGGESTIONS),
        sector_preference: enumProperty(CANDIDATE_SECTOR_PREFERENCE_SUGGESTIONS),
        reservation_category: enumProperty(CANDIDATE_RESERVATION_CATEGORY_SUGGESTIONS),
        preferred_contact_mode: enumProperty(CANDIDATE_CONTACT_MODE_SUGGESTIONS),
        // In the profile's own `currency`.
        current_ctc: money,
        expected_ctc: money,
        // Machine data (an embedding of hundreds of floats): not for people to read or type.
        ai_skills_vector: prop(hidden, { isArray: true, isSortable: false }),
      },
    },
  },
  {
    model: CandidateWorkHistory,
    options: {
      navigation: NAV.recruiting,
      titleProperty: 'job_title',
      sort: newestFirst,
      listProperties: ['job_title', 'company_name', 'profile_id', 'start_date', 'end_date', 'is_current'],
      filterProperties: ['profile_id', 'company_name', 'job_title', 'is_current', 'start_date'],
      editProperties: [
        'profile_id', 'company_name', 'job_title', 'start_date', 'end_date', 'is_current', 'ctc_at_role',
        'responsibilities', 'tools_used',
      ],
      showProperties: [
        'profile_id', 'company_name', 'job_title', 'start_date', 'end_date', 'is_current', 'ctc_at_role',
        'responsibilities', 'tools_used', ...SYSTEM_COLUMNS,
      ],
      properties: {
        job_title: title,
        responsibilities: longText,
        tools_used: stringArray,
      },
    },
  },
  {
    model: Application,
    options: {
      navigation: NAV.recruiting,
      // No name column: when the candidate applied identifies the application best.
      titleProperty: 'applied_at',
      sort: newestFirst,
      listProperties: [
        'applied_at', 'candidate_id', 'job_id', 'status', 'follow_up_status', 'match_score', 'next_follow_up_date',
      ],
      filterProperties: [
        'job_id', 'candidate_id', 'status', 'automation_status', 'follow_up_status', 'is_active',
        'is_recruiter_approved', 'next_follow_up_date', 'applied_at',
      ],
      editProperties: [
        'job_id', 'candidate_id', 'status', 'automation_status', 'follow_up_status', 'is_recruiter_approved',
        'match_score', 'next_follow_up_date', 'follow_up_remarks', 'ai_custom_summary',
      ],
      showProperties: [
        'applied_at', 'job_id', 'candidate_id', 'status', 'automation_status', 'follow_up_status', 'is_active',
        'is_recruiter_approved', 'match_score', 'next_follow_up_date', 'follow_up_remarks', 'ai_custom_summary',
        ...SYSTEM_COLUMNS,
      ],
      properties: {
        applied_at: title,
        status: enumProperty(APPLICATION_STATUSES),
        automation_status: enumProperty(APPLICATION_AUTOMATION_STATUSES),
        follow_up_status: enumProperty(APPLICATION_FOLLOW_UP_STATUSES),
        follow_up_remarks: longText,
        ai_custom_summary: longText,
      },
    },
  },
  {
    model: ApplicationTimelineEntry,
    // Written by the application on every status change: a history, not edited by hand.
    readOnly: true,
    options: {
      navigation: NAV.recruiting,
      titleProperty: 'new_status',
      sort: newestFirst,
      listProperties: ['created_at', 'application_id', 'previous_status', 'new_status', 'changed_by', 'remarks'],
      filterProperties: ['application_id', 'changed_by', 'new_status', 'previous_status', 'created_at'],
      showProperties: ['application_id', 'previous_status', 'new_status', 'changed_by', 'remarks', ...SYSTEM_COLUMNS],
      properties: {
        new_status: prop(title, enumProperty(ANY_APPLICATION_STATUS)),
        previous_status: enumProperty(ANY_APPLICATION_STATUS),
        remarks: longText,
      },
    },
  },
  {
    model: ActionQueueItem,
    options: {
      navigation: NAV.recruiting,
      titleProperty: 'title',
      sort: newestFirst,
      listProperties: [
        'title', 'type', 'priority', 'user_id', 'related_job_id', 'related_candidate_id', 'is_dismissed', 'created_at',
      ],
      filterProperties: ['type', 'priority', 'user_id', 'is_dismissed', 'related_job_id', 'related_candidate_id', 'created_at'],
      editProperties: [
        'title', 'type', 'priority', 'user_id', 'related_job_id', 'related_candidate_id', 'description', 'is_dismissed',
      ],
      showProperties: [
        'title', 'type', 'priority', 'user_id', 'related_job_id', 'related_candidate_id', 'description',
        'is_dismissed', ...SYSTEM_COLUMNS,
      ],
      properties: {
        title,
        type: enumProperty(ACTION_QUEUE_TYPES),
        priority: enumProperty(ACTION_QUEUE_PRIORITIES),
        description: longText,
      },
    },
  },
  {
    model: ChatMessage,
    options: {
      navigation: NAV.recruiting,
      titleProperty: 'message_text',
      sort: newestFirst,
      listProperties: ['message_text', 'application_id', 'sender_type', 'sent_at', 'is_read'],
      filterProperties: ['application_id', 'sender_type', 'is_read', 'sent_at'],
      editProperties: ['application_id', 'sender_type', 'message_text', 'sent_at', 'is_read'],
      showProperties: ['application_id', 'sender_type', 'message_text', 'sent_at', 'is_read', ...SYSTEM_COLUMNS],
      properties: {
        message_text: prop(title, longText),
        sender_type: enumProperty(CHAT_SENDER_TYPES),
      },
    },
  },
];
