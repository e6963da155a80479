// Pages → "Outreach Activity" (src/admin/pages/outreach-activity.ts): three tables for admins —
// outreach per staff member and week by status, postings sourced per staff member and source,
// and the Builders' placement progress per posting.
import React, { useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Button, H2, H5, Input, Label, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

const api = new ApiClient();
const label = (s) => s.replace(/_/g, ' ');

const Grid = ({ testId, head, rows }) => (
  <Table mb="xl" data-testid={testId}>
    <TableHead><TableRow>{head.map((h) => <TableCell key={h}>{h}</TableCell>)}</TableRow></TableHead>
    <TableBody>
      {rows.length === 0 ? <TableRow><TableCell colSpan={head.length}>Nothing in this period.</TableCell></TableRow> : null}
      {rows.map((cells, i) => <TableRow key={i}>{cells.map((c, j) => <TableCell key={j}>{c}</TableCell>)}</TableRow>)}
    </TableBody>
  </Table>
);

const OutreachActivity = () => {
  const [data, setData] = useState(null);
  const [range, setRange] = useState({ from: '', to: '' });
  const load = (params = {}) => api.getPage({ pageName: 'outreachActivity', params }).then((res) => {
    setData(res.data);
    if (res.data.range) setRange(res.data.range);
  });
  useEffect(() => { load(); }, []);

  if (!data) return <Loader />;
  if (data.error) return <Box variant="container" data-testid="outreach-activity"><Text>{data.error}</Text></Box>;
  const n = (v) => v ?? 0;
  return (
    <Box variant="container" data-testid="outreach-activity">
      <H2>Outreach activity — {data.workspaceName}</H2>
      <Box flex alignItems="flex-end" mb="xl">
        <Box mr="lg"><Label>From</Label><Input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></Box>
        <Box mr="lg"><Label>To</Label><Input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></Box>
        <Button onClick={() => load(range)}>Show</Button>
      </Box>
      <H5>Outreach per staff member per week</H5>
      <Grid
        testId="activity-outreach"
        head={['Week of', 'Staff member', 'Total', ...data.outreachStatuses.map(label)]}
        rows={data.outreachByWeek.map((r) => [r.week, r.staff_name, r.total, ...data.outreachStatuses.map((s) => n(r.by_status[s]))])}
      />
      <H5>Job postings sourced</H5>
      <Grid
        testId="activity-sourcing"
        head={['Staff member', 'Total', ...data.sources.map(label)]}
        rows={data.postingsBySource.map((r) => [r.staff_name, r.total, ...data.sources.map((s) => n(r.by_source[s]))])}
      />
      <H5>Builder placement progress</H5>
      <Text mb="default">
        All postings: {data.builderStatuses.map((s) => `${label(s)} ${n(data.placementTotals[s])}`).join(' · ')}
      </Text>
      <Grid
        testId="activity-placements"
        head={['Posting', 'Company', 'Builders', ...data.builderStatuses.map(label)]}
        rows={data.placements.map((r) => [r.job_title, r.company_name, r.total, ...data.builderStatuses.map((s) => n(r.by_status[s]))])}
      />
    </Box>
  );
};

export default OutreachActivity;
