// Pages → "Find a person" (src/admin/pages/person-finder.ts): one person across the systems by
// e-mail or name, grouped by kind, likely duplicates flagged; a flagged pair of contacts or leads
// can be merged (choose which record to keep, confirm; the server repoints every link).
import React, { useEffect, useState } from 'react';
import { ApiClient, useNotice } from 'adminjs';
import {
  Badge, Box, Button, H3, H5, Input, Label, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text,
} from '@adminjs/design-system';

const api = new ApiClient();
const PAGE = 'findPerson';

const KIND_TITLE = {
  contact: 'Contacts', lead: 'Leads', candidate: 'Candidates', builder: 'Builders (job postings)',
  enrollee: 'Sequence enrollees', outreach_contact: 'Outreach contacts (S0)', user: 'Users',
};
const recordUrl = (hit) => `/admin/resources/${hit.table}/records/${hit.id}/show`;
const describe = (hit) => [hit.name, hit.email, hit.company].filter(Boolean).join(' · ');

const MergeConfirm = ({ pair, byId, onDone, onCancel }) => {
  const [keep, setKeep] = useState(pair.a);
  const [saving, setSaving] = useState(false);
  const loser = keep === pair.a ? pair.b : pair.a;
  const confirm = async () => {
    setSaving(true);
    const body = new FormData();
    body.set('kind', pair.kind);
    body.set('winnerId', keep);
    body.set('loserId', loser);
    try {
      const response = await api.getPage({ pageName: PAGE, method: 'post', data: body });
      onDone(response.data);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box mt="default" p="default" style={{ border: '1px solid #ccc' }} data-testid="merge-confirm">
      <Text mb="default"><b>Merge these two {pair.kind}s?</b> Every link to the one removed moves to the one kept;
        the kept record's empty fields take the other's values. This cannot be undone.</Text>
      {[pair.a, pair.b].map((id) => (
        <label key={id} style={{ display: 'block', marginBottom: 4 }}>
          <input type="radio" name={`keep-${pair.a}-${pair.b}`} checked={keep === id} onChange={() => setKeep(id)} data-testid={`merge-keep-${id}`} />
          {' '}Keep {describe(byId[id])} <small>({id.slice(0, 8)})</small>
        </label>
      ))}
      <Box mt="default">
        <Button variant="danger" onClick={confirm} disabled={saving} data-testid="merge-confirm-submit">{saving ? 'Merging…' : 'Merge'}</Button>
        <Button ml="default" variant="text" onClick={onCancel}>Cancel</Button>
      </Box>
    </Box>
  );
};

const PersonFinder = () => {
  const addNotice = useNotice();
  const [query, setQuery] = useState(new URLSearchParams(window.location.search).get('q') ?? '');
  const [data, setData] = useState(null);
  const [loading, setLoading] = useState(false);
  const [confirming, setConfirming] = useState(null);

  const search = async (q) => {
    setLoading(true);
    try {
      const response = await api.getPage({ pageName: PAGE, params: { q } });
      if (response.data.notice) addNotice(response.data.notice);
      setData(response.data);
      const url = new URL(window.location.href);
      url.search = new URLSearchParams({ q }).toString();
      window.history.replaceState(null, '', url);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { if (query.trim()) search(query.trim()); }, []);

  const result = data?.result;
  const byId = Object.fromEntries((result?.hits ?? []).map((h) => [h.id, h]));
  const kinds = [...new Set((result?.hits ?? []).map((h) => h.kind))];
  const pairKey = (p) => `${p.kind}:${p.a}:${p.b}`;

  const merged = async (response) => {
    if (response.notice) addNotice(response.notice);
    setConfirming(null);
    if (response.notice?.type !== 'error') await search(query.trim());
  };

  return (
    <Box variant="grey" data-testid="person-finder">
      <Box variant="container" mb="lg">
        <H3>Find a person</H3>
        <form onSubmit={(e) => { e.preventDefault(); if (query.trim()) search(query.trim()); }}>
          <Label htmlFor="person-query">E-mail address or name</Label>
          <Box flex flexDirection="row" alignItems="center">
            <Input id="person-query" data-testid="person-query" value={query} onChange={(e) => setQuery(e.target.value)}
              placeholder="jane@acme.com or Jane Doe" style={{ minWidth: 420 }} />
            <Button ml="default" variant="contained" type="submit" data-testid="person-search" disabled={loading}>Find</Button>
          </Box>
        </form>
      </Box>
      {loading && <Loader />}
      {result && (
        <>
          {result.duplicates.length > 0 && (
            <Box variant="container" mb="lg" data-testid="person-duplicates">
              <H5>Likely duplicates</H5>
              {result.duplicates.map((pair) => (
                <Box key={pairKey(pair)} mb="default" data-testid={`duplicate-${pair.a}-${pair.b}`}>
                  <Text>
                    <Badge variant="danger" mr="sm">{pair.kind}</Badge>
                    <a href={recordUrl(byId[pair.a])}>{describe(byId[pair.a])}</a> and{' '}
                    <a href={recordUrl(byId[pair.b])}>{describe(byId[pair.b])}</a> — {pair.reason}
                    {pair.mergeable && data.canMerge.includes(pair.kind) && confirming !== pairKey(pair) && (
                      <Button ml="default" size="sm" variant="outlined" onClick={() => setConfirming(pairKey(pair))}
                        data-testid={`merge-${pair.a}-${pair.b}`}>Merge…</Button>
                    )}
                  </Text>
                  {confirming === pairKey(pair) && (
                    <MergeConfirm pair={pair} byId={byId} onDone={merged} onCancel={() => setConfirming(null)} />
                  )}
                </Box>
              ))}
            </Box>
          )}
          {result.hits.length === 0 && <MessageBox message={`Nobody found for "${result.query}"`} variant="info" mb="lg" />}
          {kinds.map((kind) => (
            <Box key={kind} variant="container" mb="lg" data-testid={`person-kind-${kind}`}>
              <H5>{KIND_TITLE[kind] ?? kind}</H5>
              <Table>
                <TableHead>
                  <TableRow>
                    {['name', 'e-mail', 'company', 'details', 'matched by', ''].map((h) => <TableCell key={h}>{h}</TableCell>)}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {result.hits.filter((h) => h.kind === kind).map((hit) => (
                    <TableRow key={hit.id} data-testid={`person-hit-${hit.id}`}>
                      <TableCell><a href={recordUrl(hit)}>{hit.name ?? '—'}</a></TableCell>
                      <TableCell>{hit.email ?? '—'}</TableCell>
                      <TableCell>{hit.company ?? '—'}</TableCell>
                      <TableCell>{hit.detail ?? ''}</TableCell>
                      <TableCell>{hit.matched_by}</TableCell>
                      <TableCell>{hit.duplicate_of.length > 0 && <Badge variant="danger">possible duplicate</Badge>}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          ))}
          {result.hidden.length > 0 && (
            <Text color="grey60">Not searched (your role may not list them): {result.hidden.map((k) => KIND_TITLE[k] ?? k).join(', ')}.</Text>
          )}
        </>
      )}
    </Box>
  );
};

export default PersonFinder;
