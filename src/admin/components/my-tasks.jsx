// "My tasks" (src/admin/pages/my-tasks.ts): the logged-in user's open tasks as overdue, due
// today and upcoming, most urgent first, each with Complete.
import React, { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiClient, useNotice } from 'adminjs';
import { Badge, Box, Button, H2, H4, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();

const BUCKETS = [
  { key: 'overdue', label: 'Overdue', empty: 'Nothing overdue.' },
  { key: 'today', label: 'Due today', empty: 'Nothing due today.' },
  { key: 'upcoming', label: 'Upcoming', empty: 'Nothing scheduled.' },
];
const PRIORITY = { urgent: 'danger', high: 'primary', medium: 'info', low: 'light' };
const due = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'no due date');

const MyTasks = () => {
  const addNotice = useNotice();
  const [data, setData] = useState(null);
  const [busy, setBusy] = useState(null);
  useEffect(() => { api.getPage({ pageName: 'myTasks' }).then((response) => setData(response.data)); }, []);

  const complete = async (taskId) => {
    setBusy(taskId);
    try {
      const response = await api.getPage({ pageName: 'myTasks', method: 'post', data: { taskId } });
      if (response.data.notice) addNotice(response.data.notice);
      setData(response.data);
    } finally {
      setBusy(null);
    }
  };

  if (!data) return <Loader />;
  if (data.error) return <Box variant="grey"><MessageBox message={data.error} variant="danger" /></Box>;
  return (
    <Box variant="grey" data-testid="my-tasks">
      <H2>My tasks</H2>
      {BUCKETS.map(({ key, label, empty }) => (
        <Box variant="container" mb="xl" key={key} data-testid={`tasks-${key}`}>
          <H4>{label} ({data.tasks[key].length})</H4>
          {data.tasks[key].length === 0 ? <Text color="grey60">{empty}</Text> : (
            <Table>
              <TableHead>
                <TableRow><TableCell>Task</TableCell><TableCell>About</TableCell><TableCell>Priority</TableCell><TableCell>Due</TableCell><TableCell /></TableRow>
              </TableHead>
              <TableBody>
                {data.tasks[key].map((task) => (
                  <TableRow key={task.id} data-testid={`task-${task.id}`}>
                    <TableCell><Link to={`/admin/resources/tasks/records/${task.id}/show`}>{task.title}</Link></TableCell>
                    <TableCell>
                      {task.about_table
                        ? <Link to={`/admin/resources/${task.about_table}/records/${task.about_id}/show`}>{task.about_title ?? task.about_table}</Link>
                        : '—'}
                    </TableCell>
                    <TableCell><Badge variant={PRIORITY[task.priority]} size="sm">{task.priority}</Badge></TableCell>
                    <TableCell style={key === 'overdue' ? { color: '#c20012' } : undefined}>{due(task.due_at)}</TableCell>
                    <TableCell>
                      {data.mayComplete && (
                        <Button size="sm" variant="outlined" disabled={busy === task.id} onClick={() => complete(task.id)} data-testid={`complete-${task.id}`}>
                          {busy === task.id ? 'Working…' : 'Complete'}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Box>
      ))}
    </Box>
  );
};

export default MyTasks;
