// Workflows → Test run (src/admin/actions/workflow-actions.ts): asks for a record id (and, for
// changed / changed_from_to conditions, the changes to assume), posts them, and shows what the
// workflow would do. The server writes nothing for it.
import React, { useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, FormGroup, H4, Input, Label, Text, TextArea } from '@adminjs/design-system';

const api = new ApiClient();

const TestRun = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const [recordId, setRecordId] = useState('');
  const [changes, setChanges] = useState('');
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const data = new FormData();
      data.set('recordId', recordId);
      data.set('changes', changes);
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data });
      if (response.data.notice) addNotice(response.data.notice);
      setResult(response.data.testRun ?? null);
    } finally {
      setBusy(false);
    }
  };
  const failing = result && result.conditions.failing;
  return (
    <Box variant="container" data-testid="workflow-test-run">
      <H4>{record.title}</H4>
      <form onSubmit={submit}>
        <FormGroup>
          <Label htmlFor="recordId">Id of the record to test with (empty for a scheduled workflow)</Label>
          <Input id="recordId" width={1} value={recordId} onChange={(e) => setRecordId(e.target.value)} />
        </FormGroup>
        <FormGroup>
          <Label htmlFor="changes">Changes to assume (optional JSON: {'{"stage_id": {"from": "…", "to": "…"}}'})</Label>
          <TextArea id="changes" width={1} rows={3} value={changes} onChange={(e) => setChanges(e.target.value)} />
        </FormGroup>
        <Button variant="contained" type="submit" disabled={busy}>{busy ? 'Testing…' : 'Test run'}</Button>
      </form>
      {result && (
        <Box mt="xl" data-testid="workflow-test-run-result">
          <Text mb="md">
            {result.would_run ? 'The conditions hold: it would run these actions.' : 'The conditions do not hold: it would not run.'}
          </Text>
          {failing && (
            <Text mb="md">Failing condition at {failing.path}: {JSON.stringify(failing.condition)} (actual: {JSON.stringify(failing.actual)})</Text>
          )}
          <pre style={{ whiteSpace: 'pre-wrap' }}>{JSON.stringify(result.actions, null, 2)}</pre>
        </Box>
      )}
    </Box>
  );
};

export default TestRun;
