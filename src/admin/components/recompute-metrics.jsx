// Recompute a metric table over a range of days: two date inputs, then the server checks the
// range and queues the metrics-etl job (its id comes back in the notice; the queue monitor shows it).
import React, { useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H4, Input, Label, Text } from '@adminjs/design-system';

const api = new ApiClient();

const isoDay = (date) => date.toISOString().slice(0, 10);

const RecomputeMetrics = ({ resource, action }) => {
  const addNotice = useNotice();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState(null);

  const submit = async () => {
    setBusy(true);
    const data = new FormData();
    data.set('from', from);
    data.set('to', to);
    try {
      const { data: response } = await api.resourceAction({ resourceId: resource.id, actionName: action.name, method: 'post', data });
      if (response.notice) addNotice(response.notice);
      setQueued(response.jobId || null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="container" data-testid="recompute-metrics">
      <H4>Recompute {resource.name}</H4>
      <Text mb="lg">
        Every row of the days from the first to the last date (both included) is computed again from its
        source tables, for this workspace. The work runs in the background; at most three years at once.
      </Text>
      <Box flex flexDirection="row" mb="lg">
        <Box mr="lg">
          <Label htmlFor="recompute-from">From</Label>
          <Input id="recompute-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="recompute-from" />
        </Box>
        <Box>
          <Label htmlFor="recompute-to">To</Label>
          <Input id="recompute-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="recompute-to" />
        </Box>
      </Box>
      <Button variant="contained" onClick={submit} disabled={busy || !from || !to} data-testid="recompute-apply">
        {busy ? 'Queuing…' : 'Recompute'}
      </Button>
      {queued && (
        <Text mt="lg" data-testid="recompute-queued">
          Queued as job {queued}: <a href="/admin/queues">queue monitor</a>
        </Text>
      )}
    </Box>
  );
};

export default RecomputeMetrics;
