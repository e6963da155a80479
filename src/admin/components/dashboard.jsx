// The panel's home page: analytics from the metric tables, under the user's role (a rep sees
// their own numbers, a manager their team's, an admin the workspace's). The filters refetch
// through ApiClient.getDashboard; the server validates them and answers 400 with a message.
import React, { useCallback, useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import { Box, Button, H2, Label, Loader, MessageBox, Text } from '@adminjs/design-system';
import { COLORS, fieldStyle } from './dashboard-parts.jsx';
import { ActivitySection, DocumentsSection, EmailSection, LeadsSection, PipelineSection, RevenueSection } from './dashboard-sections.jsx';

const api = new ApiClient();

const SCOPE_TEXT = {
  own: 'Your own numbers',
  team: "Your team's numbers",
  workspace: 'The whole workspace',
  all: 'The whole workspace',
};

const Field = ({ label, children }) => (
  <Box style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
    <Label style={{ margin: 0, fontSize: 11, color: COLORS.slate, textTransform: 'uppercase', letterSpacing: '.04em' }}>{label}</Label>
    {children}
  </Box>
);

const Dashboard = () => {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const [loading, setLoading] = useState(true);
  // What the form shows; sent on Apply (dates) or at once (selects).
  const [form, setForm] = useState({ from: '', to: '', teamId: '', ownerId: '' });

  const load = useCallback((params) => {
    setLoading(true);
    api.getDashboard({ params }).then((response) => {
      setData(response.data);
      setError(null);
      const f = response.data.filters;
      setForm({ from: f.from, to: f.to, teamId: f.teamId || '', ownerId: f.ownerId || '' });
    }).catch((err) => {
      setError(err?.response?.data?.error || err?.message || 'The dashboard could not be loaded.');
    }).finally(() => setLoading(false));
  }, []);

  useEffect(() => { load({}); }, [load]);

  const apply = (changes = {}) => {
    const next = { ...form, ...changes };
    setForm(next);
    load(Object.fromEntries(Object.entries(next).filter(([, v]) => v)));
  };

  if (!data && loading) return <Box p="xxl" style={{ display: 'flex', justifyContent: 'center' }}><Loader /></Box>;

  return (
    <Box data-testid="analytics-dashboard" style={{ padding: '24px 28px 40px', background: '#f4f6fa', minHeight: '100%' }}>
      <Box style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'flex-end', gap: 16, marginBottom: 18 }}>
        <Box>
          <H2 style={{ margin: 0 }}>Analytics</H2>
          <Text data-testid="dashboard-scope" style={{ color: COLORS.slate, fontSize: 13 }}>
            {data ? `${SCOPE_TEXT[data.scope] || 'No personal numbers for your role'} · ${data.filters.from} to ${data.filters.to}` : ''}
          </Text>
        </Box>
        <form
          data-testid="dashboard-filters"
          onSubmit={(e) => { e.preventDefault(); apply(); }}
          style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 10 }}
        >
          <Field label="From">
            <input type="date" name="from" style={fieldStyle} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          </Field>
          <Field label="To">
            <input type="date" name="to" style={fieldStyle} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
          </Field>
          <Field label="Team">
            <select name="teamId" style={fieldStyle} value={form.teamId} onChange={(e) => apply({ teamId: e.target.value })}>
              <option value="">All teams</option>
              {(data?.options.teams || []).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </Field>
          <Field label="Owner">
            <select name="ownerId" style={fieldStyle} value={form.ownerId} onChange={(e) => apply({ ownerId: e.target.value })}>
              <option value="">Everyone</option>
              {(data?.options.owners || []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </Field>
          <Button type="submit" size="sm" variant="contained" data-testid="dashboard-apply" disabled={loading}>Apply</Button>
        </form>
      </Box>
      {error ? <MessageBox data-testid="dashboard-error" variant="danger" message={error} style={{ marginBottom: 16 }} /> : null}
      {data ? (
        <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 20, opacity: loading ? 0.55 : 1, transition: 'opacity .15s' }}>
          <RevenueSection data={data.revenue} currency={data.currency} />
          <PipelineSection data={data.pipeline} currency={data.currency} />
          <EmailSection data={data.email} bucket={data.bucket} />
          <ActivitySection data={data.activity} />
          <LeadsSection data={data.leads} />
          <DocumentsSection data={data.documents} />
        </Box>
      ) : null}
    </Box>
  );
};

export default Dashboard;
