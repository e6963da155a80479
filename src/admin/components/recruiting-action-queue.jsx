// Pages → "My Action Queue" (src/admin/pages/action-queue.ts): the logged-in user's open items,
// most urgent first; Dismiss calls the `dismiss` action of the item (the policy guards it).
import React, { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiClient, useNotice } from 'adminjs';
import { Badge, Box, Button, H2, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();
const COLOR = { high: 'danger', medium: 'primary', low: 'secondary' };

const ActionQueue = () => {
  const addNotice = useNotice();
  const [data, setData] = useState(null);
  const load = () => api.getPage({ pageName: 'myActionQueue' }).then((res) => setData(res.data));
  useEffect(() => { load(); }, []);

  const dismiss = async (item) => {
    const res = await api.recordAction({ resourceId: 'action_queue', recordId: item.id, actionName: 'dismiss', method: 'post', data: new FormData() });
    if (res.data.notice) addNotice(res.data.notice);
    await load();
  };

  if (!data) return <Loader />;
  if (data.error) return <Box variant="container" data-testid="action-queue"><Text>{data.error}</Text></Box>;
  return (
    <Box variant="container" data-testid="action-queue">
      <H2>My action queue</H2>
      {data.items.length === 0 ? <Text data-testid="action-queue-empty">Nothing to do. 🎉</Text> : (
        <Table>
          <TableHead>
            <TableRow>
              <TableCell>Priority</TableCell><TableCell>Item</TableCell><TableCell>Type</TableCell>
              <TableCell>Job</TableCell><TableCell>Candidate</TableCell><TableCell>Since</TableCell><TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map((item) => (
              <TableRow key={item.id} data-testid={`queue-item-${item.id}`}>
                <TableCell><Badge variant={COLOR[item.priority]}>{item.priority}</Badge></TableCell>
                <TableCell>
                  <Link to={`/admin/resources/action_queue/records/${item.id}/show`}>{item.title}</Link>
                  {item.description ? <Text variant="sm" color="grey60">{item.description}</Text> : null}
                </TableCell>
                <TableCell>{item.type.replace(/_/g, ' ')}</TableCell>
                <TableCell>{item.related_job_id ? <Link to={`/admin/resources/jobs/records/${item.related_job_id}/show`}>{item.related_job_title}</Link> : ''}</TableCell>
                <TableCell>{item.related_candidate_name ?? ''}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>{new Date(item.created_at).toLocaleDateString()}</TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {data.mayDismiss ? <Button size="sm" onClick={() => dismiss(item)} data-testid={`dismiss-${item.id}`}>Dismiss</Button> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
};

export default ActionQueue;
