// The campaign actions (src/admin/actions/campaign-actions.ts): "Preview audience" loads and
// shows the count and the first recipients; "Schedule", "Send now" and "Cancel" ask, then post
// (the server acts on POST only and answers every refusal with an error notice).
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import {
  Box, Button, H4, Input, Label, Table, TableBody, TableCell, TableHead, TableRow, Text,
} from '@adminjs/design-system';

const api = new ApiClient();

/** 'YYYY-MM-DDTHH:MM' in the browser's time zone, for a datetime-local input. */
const toLocalInput = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

const Preview = ({ resource, record }) => {
  const addNotice = useNotice();
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: 'previewAudience' }).then((response) => {
      if (response.data.notice) {
        setError(response.data.notice.message);
        addNotice(response.data.notice);
      }
      setPreview(response.data.preview ?? null);
    });
  }, [record.id]);
  if (error) return <Text data-testid="campaign-preview-error">{error}</Text>;
  if (!preview) return <Text>Counting the audience…</Text>;
  return (
    <Box data-testid="campaign-preview">
      <Text mb="lg">
        <strong>{preview.count}</strong> contact{preview.count === 1 ? '' : 's'} would receive this campaign now
        {preview.share ? ` (variant ${preview.share.variant}: ${preview.share.percent}% of an audience of ${preview.audienceCount})` : ''}.
        Unsubscribed and bounced contacts and contacts without an address are left out.
      </Text>
      {preview.recipients.length > 0 && (
        <Table>
          <TableHead>
            <TableRow><TableCell>E-mail</TableCell><TableCell>Name</TableCell><TableCell>Status</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {preview.recipients.map((r) => (
              <TableRow key={r.contact_id}>
                <TableCell>{r.email}</TableCell><TableCell>{r.name ?? ''}</TableCell><TableCell>{r.status}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {preview.count > preview.recipients.length && (
        <Text mt="default">… and {preview.count - preview.recipients.length} more.</Text>
      )}
    </Box>
  );
};

const QUESTIONS = {
  schedule: { title: 'Schedule this campaign', button: 'Schedule' },
  sendNow: { title: 'Send this campaign now to its whole audience?', button: 'Send now' },
  cancel: { title: 'Cancel this campaign? Queued e-mails that have not been handed to the sender will not go out.', button: 'Cancel campaign' },
};

const Confirm = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [when, setWhen] = useState(toLocalInput(record.params.scheduled_at));
  const [busy, setBusy] = useState(false);
  const question = QUESTIONS[action.name];
  const submit = async () => {
    setBusy(true);
    const data = new FormData();
    if (action.name === 'schedule' && when) data.set('scheduled_at', new Date(when).toISOString());
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box>
      <H4>{question.title}</H4>
      {action.name === 'schedule' && (
        <Box mb="lg">
          <Label>Scheduled at (your time zone)</Label>
          <Input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} data-testid="campaign-scheduled-at" />
        </Box>
      )}
      <Button variant="contained" onClick={submit} disabled={busy} data-testid="campaign-action-submit">
        {busy ? 'Working…' : question.button}
      </Button>
    </Box>
  );
};

const CampaignAction = (props) => {
  const { action, record } = props;
  return (
    <Box variant="container" data-testid="campaign-action">
      <H4>{record.title}</H4>
      {action.name === 'previewAudience' ? <Preview {...props} /> : <Confirm {...props} />}
    </Box>
  );
};

export default CampaignAction;
