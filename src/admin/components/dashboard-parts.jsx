// The dashboard's building blocks: number formats, cards, KPI tiles, small tables. The numbers
// shown in KPI tiles carry data-testid attributes (the browser test reads them).
import React from 'react';
import { Box, H5, Text } from '@adminjs/design-system';

export const COLORS = {
  blue: '#3040d6', teal: '#0d9488', amber: '#d97706', red: '#dc2626', violet: '#7c3aed', slate: '#64748b',
  lightBlue: '#a5b4fc', lightTeal: '#99f6e4', grid: '#e5e7eb',
};
/** Series colours for per-rep stacks, picked to stay apart from each other. */
export const SERIES = ['#3040d6', '#0d9488', '#d97706', '#7c3aed', '#db2777', '#0891b2', '#65a30d', '#64748b'];

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const fmt = {
  count: (n) => integer.format(n ?? 0),
  money: (n, currency) => new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', maximumFractionDigits: 0 }).format(n ?? 0),
  /** Short money for chart axes: $12k, $1.2M. */
  moneyShort: (n, currency) => new Intl.NumberFormat('en-US', {
    style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 1,
  }).format(n ?? 0),
  rate: (n) => (n === null || n === undefined ? '—' : `${n.toFixed(1)} %`),
  days: (n) => (n === null || n === undefined ? '—' : `${n.toFixed(1)} days`),
  hours: (n) => (n === null || n === undefined ? '—' : `${n.toFixed(1)} h`),
  month: (iso) => new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  day: (iso) => new Date(`${iso}T00:00:00Z`).toLocaleString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
};

export const Card = ({ title, subtitle, testId, children, wide, actions }) => (
  <Box
    data-testid={testId}
    style={{
      background: '#fff', borderRadius: 12, padding: 20, boxShadow: '0 1px 3px rgba(15,23,42,.08), 0 1px 2px rgba(15,23,42,.04)',
      border: '1px solid #eef0f4', gridColumn: wide ? '1 / -1' : undefined, minWidth: 0,
    }}
  >
    <Box style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 12, marginBottom: 12 }}>
      <Box>
        <H5 style={{ margin: 0, fontSize: 16 }}>{title}</H5>
        {subtitle ? <Text style={{ color: COLORS.slate, fontSize: 12, marginTop: 2 }}>{subtitle}</Text> : null}
      </Box>
      {actions}
    </Box>
    {children}
  </Box>
);

/** A headline number; `testId` names it for tests, `hint` says what it counts. */
export const Kpi = ({ label, value, testId, hint, accent = COLORS.blue }) => (
  <Box style={{ padding: '10px 14px', borderRadius: 10, background: '#f8fafc', borderLeft: `4px solid ${accent}`, minWidth: 0 }}>
    <Text style={{ color: COLORS.slate, fontSize: 11, textTransform: 'uppercase', letterSpacing: '.04em' }}>{label}</Text>
    <Text data-testid={testId} style={{ fontSize: 22, fontWeight: 700, color: '#0f172a', lineHeight: '30px', whiteSpace: 'nowrap' }}>{value}</Text>
    {hint ? <Text style={{ color: COLORS.slate, fontSize: 11 }}>{hint}</Text> : null}
  </Box>
);

export const KpiRow = ({ children }) => (
  <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 10, marginBottom: 14 }}>{children}</Box>
);

/** Shown instead of a section the actor's role may not read (or the filters exclude). */
export const Unavailable = ({ reason, testId }) => (
  <Box data-testid={testId} style={{ padding: 18, borderRadius: 10, background: '#f8fafc', color: COLORS.slate, fontSize: 13 }}>
    {reason}
  </Box>
);

export const Empty = ({ children }) => (
  <Box style={{ padding: 24, textAlign: 'center', color: COLORS.slate, fontSize: 13 }}>{children || 'Nothing recorded in this range.'}</Box>
);

/** A compact table: columns [{ key, label, align, render }]. */
export const MiniTable = ({ columns, rows, testId }) => (
  <Box style={{ overflowX: 'auto' }}>
    <table data-testid={testId} style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key} style={{ textAlign: c.align || 'left', padding: '6px 8px', color: COLORS.slate, fontWeight: 600, borderBottom: '1px solid #e5e7eb' }}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={row.id ?? row.key ?? i} style={{ background: i % 2 ? '#fafbfc' : undefined }}>
            {columns.map((c) => (
              <td key={c.key} style={{ textAlign: c.align || 'left', padding: '6px 8px', borderBottom: '1px solid #f1f5f9', whiteSpace: 'nowrap' }}>
                {c.render ? c.render(row) : row[c.key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </Box>
);

export const fieldStyle = {
  height: 34, padding: '0 10px', borderRadius: 6, border: '1px solid #cbd5e1', background: '#fff', fontSize: 13, color: '#0f172a',
};

/** A small segmented switch: options [{ value, label }]. */
export const Segmented = ({ value, options, onChange, testId }) => (
  <Box data-testid={testId} style={{ display: 'inline-flex', border: '1px solid #cbd5e1', borderRadius: 6, overflow: 'hidden' }}>
    {options.map((o) => (
      <button
        key={o.value}
        type="button"
        onClick={() => onChange(o.value)}
        style={{
          border: 0, padding: '4px 10px', fontSize: 12, cursor: 'pointer',
          background: o.value === value ? COLORS.blue : '#fff', color: o.value === value ? '#fff' : '#334155',
        }}
      >
        {o.label}
      </button>
    ))}
  </Box>
);
