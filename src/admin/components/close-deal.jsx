// Deals → Mark won / Mark lost (src/admin/actions/close-deal.ts): asks why (and, when lost, who
// won it instead), then posts. The deal moves to the pipeline's won or lost stage through the
// stage-move rules; a refusal comes back as an error notice and nothing changes.
import React, { useState } from 'react';
import { Box, Button, FormGroup, H4, Input, Label, Text, TextArea } from '@adminjs/design-system';
import { useRecordAction } from './use-record-action.js';

const CloseDeal = ({ resource, record, action }) => {
  const { busy, submit: post } = useRecordAction({ resource, record, action });
  const outcome = action.custom?.outcome ?? 'won';
  const [reason, setReason] = useState('');
  const [competitor, setCompetitor] = useState('');
  const submit = (event) => {
    event.preventDefault();
    post({ reason, competitor: outcome === 'lost' ? competitor : undefined });
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
