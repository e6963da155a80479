// Pause / Resume an enrollment, Activate / Pause / Archive a sequence
// (src/admin/actions/state-change.ts): asks the action's question, then posts (the server
// changes nothing on the GET that opens this page, and answers a refusal with an error notice).
import React, { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H4, Text } from '@adminjs/design-system';

const api = new ApiClient();

const StateChange = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({
        resourceId: resource.id, recordId: record.id, actionName: action.name, data: new FormData(),
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box variant="container" data-testid="state-change">
      <H4>{record.title}</H4>
      <Text mb="lg">{action.custom?.question}</Text>
      <Button variant="contained" onClick={submit} disabled={busy} data-testid="state-change-submit">
        {busy ? 'Working…' : action.label}
      </Button>
    </Box>
  );
};

export default StateChange;
