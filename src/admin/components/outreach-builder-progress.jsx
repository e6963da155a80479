// "Builder progress" on a job posting (src/admin/actions/outreach-actions.ts): each Builder the
// posting is shared with, with a status to pick; Save posts only the ones that changed.
import React, { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiClient, useNotice } from 'adminjs';
import { Box, Button, H4, Loader, Select, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();

const BuilderProgress = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [state, setState] = useState(null);
  const [changes, setChanges] = useState({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name })
      .then((res) => setState({ builders: res.data.builders ?? [], statuses: res.data.statuses ?? [] }));
  }, [record.id]);

  const save = async () => {
    setBusy(true);
    const data = new FormData();
    data.set('statuses', JSON.stringify(changes));
    try {
      const res = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, method: 'post', data });
      if (res.data.notice) addNotice(res.data.notice);
      if (res.data.redirectUrl && res.data.notice?.type === 'success') navigate(res.data.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  if (!state) return <Loader />;
  const options = state.statuses.map((s) => ({ value: s, label: s }));
  return (
    <Box variant="container" data-testid="builder-progress">
      <H4>{record.title}</H4>
      <Text mb="lg">{action.custom?.intro}</Text>
      {state.builders.length === 0 ? <Text>Not shared with any Builder yet: use "Share with builders".</Text> : (
        <Table mb="lg">
          <TableHead>
            <TableRow><TableCell>Builder</TableCell><TableCell>Shared</TableCell><TableCell>Status</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {state.builders.map((b) => {
              const current = changes[b.id] ?? b.status ?? 'shared';
              return (
                <TableRow key={b.id} data-testid={`builder-${b.builder_name}`}>
                  <TableCell>{b.builder_name}</TableCell>
                  <TableCell>{b.shared_date ?? ''}</TableCell>
                  <TableCell style={{ minWidth: 200 }}>
                    <Select
                      value={{ value: current, label: current }}
                      options={options}
                      onChange={(o) => setChanges((c) => ({ ...c, [b.id]: o.value }))}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Button variant="contained" onClick={save} disabled={busy || Object.keys(changes).length === 0} data-testid="builder-progress-save">
        {busy ? 'Saving…' : action.custom?.submit ?? 'Save'}
      </Button>
    </Box>
  );
};

export default BuilderProgress;
