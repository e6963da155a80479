// Deals → Mark won / Mark lost (src/admin/actions/close-deal.ts): asks why (and, when lost, who
// won it instead), then posts. The deal moves to the pipeline's won or lost stage through the
// stage-move rules; a refusal comes back as an error notice and nothing changes.
import React, { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, H4, Input, Label, Text, TextArea } from '@adminjs/design-system';

const api = new ApiClient();

const CloseDeal = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const outcome = action.custom?.outcome ?? 'won';
  const [reason, setReason] = useState('');
  const [competitor, setCompetitor] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const data = new FormData();
      data.set('reason', reason);
      if (outcome === 'lost') data.set('competitor', competitor);
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box variant="container" data-testid="close-deal">
      <H4>{record.title}</H4>
      <Text mb="lg">
        {outcome === 'won'
          ? 'The deal moves to its pipeline\'s won stage. Why was it won?'
          : 'The deal moves to its pipeline\'s lost stage. Why was it lost, and to whom?'}
      </Text>
      <form onSubmit={submit}>
        <FormGroup>
          <Label htmlFor="reason" required>{outcome === 'won' ? 'Won reason' : 'Lost reason'}</Label>
          <TextArea id="reason" data-testid="close-deal-reason" width={1} rows={3} maxLength={action.custom?.maxReasonLength}
            value={reason} onChange={(e) => setReason(e.target.value)} />
        </FormGroup>
        {outcome === 'lost' && (
          <FormGroup>
            <Label htmlFor="competitor">Lost to competitor (optional)</Label>
            <Input id="competitor" data-testid="close-deal-competitor" width={1} value={competitor} onChange={(e) => setCompetitor(e.target.value)} />
          </FormGroup>
        )}
        <Button variant="contained" type="submit" disabled={busy} data-testid="close-deal-submit">
          {busy ? 'Saving…' : action.label}
        </Button>
      </form>
    </Box>
  );
};

export default CloseDeal;
