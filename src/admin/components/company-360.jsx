// Pages → "Company 360" (src/admin/pages/company-360.ts): type a company name, a domain or an
// address at the company; see what every system knows about it, each row saying how it matched
// (account link, via a linked row, same name, same domain) and linking to its record.
import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import {
  Badge, Box, Button, H3, H5, Input, Label, Loader, Table, TableBody, TableCell, TableHead, TableRow, Text,
} from '@adminjs/design-system';

const api = new ApiClient();
const PAGE = 'company360';

const MATCH_COLOR = { 'account link': 'success', name: 'primary', domain: 'info' };
const label = (key) => key.replace(/_/g, ' ');
const show = (value) => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).toLocaleString();
  return String(value);
};
const recordUrl = (table, id) => `/admin/resources/${table}/records/${id}/show`;

const Section = ({ section }) => {
  const columns = section.rows.length ? Object.keys(section.rows[0]).filter((k) => k !== 'id' && k !== 'matched_by') : [];
  return (
    <Box variant="container" mb="lg" data-testid={`company-section-${section.key}`}>
      <H5>{section.title} <Badge ml="sm">{section.rows.length}{section.truncated ? '+' : ''}</Badge></H5>
      {!section.allowed ? <Text color="grey60">Your role may not see these records.</Text>
        : section.rows.length === 0 ? <Text color="grey60">Nothing found.</Text>
          : (
            <Table>
              <TableHead>
                <TableRow>
                  <TableCell>matched by</TableCell>
                  {columns.map((c) => <TableCell key={c}>{label(c)}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {section.rows.map((row) => (
                  <TableRow key={row.id} data-testid={`company-row-${row.id}`}>
                    <TableCell><Badge variant={MATCH_COLOR[row.matched_by] ?? 'default'}>{row.matched_by}</Badge></TableCell>
                    {columns.map((c, i) => (
                      <TableCell key={c}>{i === 0 ? <a href={recordUrl(section.table, row.id)}>{show(row[c])}</a> : show(row[c])}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
    </Box>
  );
};

const Revenue = ({ revenue }) => (
  <Box variant="container" mb="lg" data-testid="company-revenue">
    <H5>Revenue against quota</H5>
    {!revenue.allowed ? <Text color="grey60">Your role may not see deals.</Text> : (
      <>
        <Text mb="default">
          Won <b>{revenue.won_value}</b> in {revenue.won_count} deal{revenue.won_count === 1 ? '' : 's'} ·
          open {revenue.open_value} (weighted {revenue.weighted_open_value}) in {revenue.open_count} ·
          lost {revenue.lost_count}
        </Text>
        {revenue.quotas.length === 0 ? <Text color="grey60">{revenue.quotasAllowed ? 'No active quota of the people who sold to this company.' : 'Your role may not see quotas.'}</Text> : (
          <Table>
            <TableHead>
              <TableRow>
                {['seller', 'period', 'from', 'to', 'target', 'won from this company', '% of target'].map((h) => <TableCell key={h}>{h}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {revenue.quotas.map((q) => (
                <TableRow key={q.quota_id}>
                  <TableCell><a href={recordUrl('sales_quotas', q.quota_id)}>{q.user_name}</a></TableCell>
                  <TableCell>{q.quota_period}</TableCell>
                  <TableCell>{q.start_date}</TableCell>
                  <TableCell>{q.end_date}</TableCell>
                  <TableCell>{q.revenue_target}</TableCell>
                  <TableCell>{q.company_won}</TableCell>
                  <TableCell>{q.percent_of_target ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </>
    )}
  </Box>
);

const Company360 = () => {
  const addNotice = useNotice();
  const initial = new URLSearchParams(window.location.search);
  const [query, setQuery] = useState(initial.get('q') ?? '');
  const [view, setView] = useState(null);
  const [loading, setLoading] = useState(false);

  const load = async (params) => {
    setLoading(true);
    try {
      const response = await api.getPage({ pageName: PAGE, params });
      if (response.data.notice) addNotice(response.data.notice);
      setView(response.data.view ?? null);
      const url = new URL(window.location.href);
      url.search = new URLSearchParams(params).toString();
      window.history.replaceState(null, '', url);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    const accountId = initial.get('accountId');
    if (accountId) load({ accountId });
    else if (initial.get('q')) load({ q: initial.get('q') });
  }, []);

  const onSubmit = (e) => {
    e.preventDefault();
    if (query.trim()) load({ q: query.trim() });
  };

  return (
    <Box variant="grey" data-testid="company-360">
      <Box variant="container" mb="lg">
        <H3>Company 360</H3>
        <form onSubmit={onSubmit}>
          <Label htmlFor="company-query">Company name, domain or an e-mail address at the company</Label>
          <Box flex flexDirection="row" alignItems="center">
            <Input id="company-query" data-testid="company-query" value={query} onChange={(e) => setQuery(e.target.value)}
              placeholder="Acme, acme.com, jane@acme.com" style={{ minWidth: 420 }} />
            <Button ml="default" variant="contained" type="submit" data-testid="company-search" disabled={loading}>Look up</Button>
          </Box>
        </form>
      </Box>
      {loading && <Loader />}
      {view && (
        <>
          <Box variant="container" mb="lg" data-testid="company-anchor">
            <H3 mb="sm">
              {view.anchor.accountId ? <a href={recordUrl('accounts', view.anchor.accountId)}>{view.anchor.name}</a> : view.anchor.name}
            </H3>
            <Text>
              {view.anchor.accountId ? 'Account' : 'No account: matched by name and domain only'}
              {view.anchor.key ? ` · name key "${view.anchor.key}"` : ''}
              {view.anchor.domain ? ` · domain ${view.anchor.domain}` : ''}
            </Text>
            {view.candidates.some((c) => c.id !== view.anchor.accountId) && (
              <Text mt="default" data-testid="company-candidates">
                {view.anchor.accountId ? 'Other accounts this could mean:' : 'Did you mean:'}{' '}
                {view.candidates.filter((c) => c.id !== view.anchor.accountId).map((c) => (
                  <Button key={c.id} size="sm" variant="text" onClick={() => load({ accountId: c.id })}>{c.name}</Button>
                ))}
              </Text>
            )}
          </Box>
          <Revenue revenue={view.revenue} />
          {view.sections.map((section) => <Section key={section.key} section={section} />)}
        </>
      )}
    </Box>
  );
};

export default Company360;
