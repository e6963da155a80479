// Sales quotas: the revenue target on the show page, with the attainment over the quota's period
// under it (figures from src/admin/actions/quota-attainment.ts: revenue and deals won, calls and
// meetings held, each against its target).
import React from 'react';
import { Box, Label, Text } from '@adminjs/design-system';

const read = (record) => {
  try {
    return JSON.parse(record.params.attainment);
  } catch {
    return null;
  }
};
const number = (v) => Number(v ?? 0).toLocaleString(undefined, { maximumFractionDigits: 0 });
const pct = (v) => (v === null || v === undefined ? '—' : `${v}%`);
const ROWS = [
  ['Revenue won', (a) => number(a.revenueWon), 'revenuePct', 'revenue_target'],
  ['Deals won', (a) => a.dealsWon, 'dealsPct', 'deals_target'],
  ['Calls', (a) => a.calls, 'callsPct', 'calls_target'],
  ['Meetings', (a) => a.meetings, 'meetingsPct', 'meetings_target'],
];

const QuotaAttainment = ({ property, record }) => {
  const a = read(record);
  const target = record.params[property.path];
  return (
    <Box mb="xl">
      {/* The panel's label for the column (property.label is the raw column name here). */}
      <Label>Revenue Target</Label>
      <Text mb="lg">{target === null || target === undefined || target === '' ? '—' : number(target)}</Text>
      {a && (
        <Box data-testid="quota-attainment">
          <Label>Attainment ({record.params.start_date} – {record.params.end_date})</Label>
          <table style={{ borderCollapse: 'collapse' }}>
            <tbody>
              {ROWS.map(([label, done, key, targetKey]) => (
                <tr key={key}>
                  <td style={{ padding: '2px 16px 2px 0' }}><Text>{label}</Text></td>
                  <td style={{ padding: '2px 16px 2px 0' }} data-testid={`attainment-${key}`}>
                    <Text>{done(a)}{record.params[targetKey] ? ` of ${number(record.params[targetKey])}` : ''}</Text>
                  </td>
                  <td><Text fontWeight="bold">{pct(a[key])}</Text></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Box>
      )}
    </Box>
  );
};

export default QuotaAttainment;
