// A contact's "Timeline" (src/admin/actions/contact-timeline.ts): emails, what happened to them,
// activities, tasks and enrollments, newest first, grouped by day; each entry links to its row.
import React, { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiClient } from 'adminjs';
import { Badge, Box, H4, Loader, Text } from '@adminjs/design-system';

const api = new ApiClient();

const KIND_LABEL = { email: 'Email', email_event: 'Email event', activity: 'Activity', task: 'Task', enrollment: 'Sequence' };
const KIND_COLOR = { email: 'primary', email_event: 'info', activity: 'success', task: 'secondary', enrollment: 'default' };

const day = (iso) => new Date(iso).toLocaleDateString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
const time = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

const ContactTimeline = ({ resource, record, action }) => {
  const [timeline, setTimeline] = useState(null);
  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name })
      .then((response) => setTimeline(response.data.timeline));
  }, [record.id]);
  if (!timeline) return <Loader />;

  const byDay = [];
  for (const entry of timeline.entries) {
    const label = day(entry.at);
    if (byDay.length === 0 || byDay[byDay.length - 1].label !== label) byDay.push({ label, entries: [] });
    byDay[byDay.length - 1].entries.push(entry);
  }
  return (
    <Box variant="container" data-testid="contact-timeline">
      <H4>{record.title}: {timeline.entries.length} entries</H4>
      {timeline.hidden.length > 0 && (
        <Text mb="lg" color="grey60">Not shown (your role may not list them): {timeline.hidden.join(', ').replace(/_/g, ' ')}</Text>
      )}
      {timeline.entries.length === 0 && <Text>Nothing has happened with this contact yet.</Text>}
      {byDay.map((group) => (
        <Box key={group.label} mb="xl">
          <Text fontWeight="bold" mb="sm">{group.label}</Text>
          {group.entries.map((entry) => (
            <Box key={`${entry.kind}-${entry.id}`} flex flexDirection="row" alignItems="baseline" py="sm"
              style={{ borderBottom: '1px solid #eeeeef', gap: 12 }} data-testid={`timeline-${entry.kind}`}>
              <Text color="grey60" style={{ width: 72, flexShrink: 0 }}>{time(entry.at)}</Text>
              <Badge variant={KIND_COLOR[entry.kind]} size="sm" style={{ width: 96, flexShrink: 0, textAlign: 'center' }}>{KIND_LABEL[entry.kind]}</Badge>
              <Box style={{ flexGrow: 1 }}>
                <Link to={`/admin/resources/${entry.table}/records/${entry.id}/show`}>{entry.title}</Link>
                {entry.detail && <Text color="grey60" fontSize="sm">{entry.detail}</Text>}
              </Box>
              {entry.status && <Badge outline size="sm">{entry.status}</Badge>}
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
};

export default ContactTimeline;
