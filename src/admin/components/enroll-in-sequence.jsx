// "Enroll in sequence" on the selected contacts: pick a sequence and the mailbox that sends it,
// enroll. The choices come from the server (those the user's role may use); the server checks
// every contact and says who was skipped and why.
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H4, Label, Loader, Select, Text } from '@adminjs/design-system';

const api = new ApiClient();

const sequenceOption = (s) => ({ value: s.id, label: `${s.name} (${s.status}, ${s.steps_count} step${s.steps_count === 1 ? '' : 's'})` });
const mailboxOption = (m) => ({ value: m.id, label: m.display_name ? `${m.display_name} <${m.email}>` : m.email });

const EnrollInSequence = (props) => {
  const { resource, records, action } = props;
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [choices, setChoices] = useState(null);
  const [sequence, setSequence] = useState(null);
  const [mailbox, setMailbox] = useState(null);
  const [saving, setSaving] = useState(false);
  const recordIds = records.map((r) => r.id);

  useEffect(() => {
    api.bulkAction({ resourceId: resource.id, actionName: action.name, recordIds }).then((response) => {
      const sequences = (response.data.sequences || []).map(sequenceOption);
      const mailboxes = (response.data.mailboxes || []).map(mailboxOption);
      setChoices({ sequences, mailboxes });
      // One mailbox (a rep's own) needs no choosing.
      if (mailboxes.length === 1) setMailbox(mailboxes[0]);
    });
  }, [resource.id, action.name, recordIds.join(',')]);

  const enroll = async () => {
    setSaving(true);
    const data = new FormData();
    data.set('sequenceId', sequence.value);
    data.set('emailAccountId', mailbox.value);
    try {
      const response = await api.bulkAction({ resourceId: resource.id, actionName: action.name, method: 'post', data, recordIds });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setSaving(false);
    }
  };

  if (!choices) return <Loader />;
  const count = `${records.length} contact${records.length === 1 ? '' : 's'}`;
  return (
    <Box variant="container" data-testid="enroll-in-sequence">
      <H4>Enroll {count} in a sequence</H4>
      <Text mb="lg">
        Contacts already in the sequence, unsubscribed, bounced or without an email address are skipped.
      </Text>
      {choices.sequences.length === 0 || choices.mailboxes.length === 0 ? (
        <Text data-testid="enroll-unavailable">
          {choices.sequences.length === 0
            ? 'No sequence you may use can take contacts (it must be active or paused, with at least one step).'
            : 'You have no active mailbox to send from.'}
        </Text>
      ) : (
        <>
          <Box mb="lg" data-testid="enroll-sequence">
            <Label>Sequence</Label>
            <Select value={sequence} options={choices.sequences} onChange={setSequence} />
          </Box>
          <Box mb="lg" data-testid="enroll-mailbox">
            <Label>Send from</Label>
            <Select value={mailbox} options={choices.mailboxes} onChange={setMailbox} />
          </Box>
          <Button variant="contained" onClick={enroll} disabled={saving || !sequence || !mailbox} data-testid="enroll-apply">
            {saving ? 'Enrolling…' : `Enroll ${count}`}
          </Button>
        </>
      )}
    </Box>
  );
};

export default EnrollInSequence;
