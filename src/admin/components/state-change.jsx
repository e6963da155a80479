// Pause / Resume an enrollment, Activate / Pause / Archive a sequence
// (src/admin/actions/state-change.ts): asks the action's question, then posts (the server
// changes nothing on the GET that opens this page, and answers a refusal with an error notice).
import React from 'react';
import { Box, Button, H4, Text } from '@adminjs/design-system';
import { useRecordAction } from './use-record-action.js';

const StateChange = ({ resource, record, action }) => {
  const { busy, submit } = useRecordAction({ resource, record, action });
  return (
    <Box variant="container" data-testid="state-change">
      <H4>{record.title}</H4>
      <Text mb="lg">{action.custom?.question}</Text>
      <Button variant="contained" onClick={() => submit()} disabled={busy} data-testid="state-change-submit">
        {busy ? 'Working…' : action.label}
      </Button>
    </Box>
  );
};

export default StateChange;
