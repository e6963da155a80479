// A mailbox's "Send test email" (src/admin/actions/email-manual.ts): asks for the address (the
// logged-in user's own by default) and posts it; the worker sends the email through the mailbox.
import React, { useState } from 'react';
import { useSelector } from 'react-redux';
import { Box, Button, FormGroup, H4, Input, Label, Text } from '@adminjs/design-system';
import { useRecordAction } from './use-record-action.js';

const SendTestEmail = ({ resource, record, action }) => {
  const { busy, submit: post } = useRecordAction({ resource, record, action });
  const session = useSelector((state) => state.session);
  const [to, setTo] = useState(session?.email ?? '');
  const submit = (event) => {
    event.preventDefault();
    post({ to });
  };
  return (
    <Box as="form" variant="container" onSubmit={submit} data-testid="send-test-email">
      <H4>{record.title}</H4>
      <Text mb="lg">Sends a short, untracked email through this mailbox: the quickest check that its settings work.</Text>
      <FormGroup>
        <Label htmlFor="test-email-to" required>Send to</Label>
        <Input id="test-email-to" name="to" type="email" value={to} onChange={(e) => setTo(e.target.value)} width={1 / 2} />
      </FormGroup>
      <Button variant="contained" type="submit" disabled={busy} data-testid="send-test-email-submit">
        {busy ? 'Working…' : 'Send test email'}
      </Button>
    </Box>
  );
};

export default SendTestEmail;
