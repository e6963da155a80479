// The dashboard's sections, one per metric area, drawn with recharts from the handler's JSON
// (src/domain/metrics/dashboard-data.ts says what each number means).
import React, { useMemo, useState } from 'react';
import { Box } from '@adminjs/design-system';
// recharts 2 (not 3: recharts 3 needs redux 5, and AdminJS 7 hands every bundle its global
// redux 4, so charts die with "redux.isAction is not a function"). Its ES-module build, because
// AdminJS's rollup prefers a package's CommonJS `main`: the ESM build tree-shakes, and the
// panel's bundle is ~30 % smaller and quicker to build.
import {
  Bar, BarChart, CartesianGrid, ComposedChart, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts/es6/index.js';
import { COLORS, SERIES, Card, Empty, Kpi, KpiRow, MiniTable, Segmented, Unavailable, fieldStyle, fmt } from './dashboard-parts.jsx';

const axis = { fontSize: 11, fill: COLORS.slate };
const tooltipStyle = { fontSize: 12, borderRadius: 8, border: '1px solid #e2e8f0' };
const bucketLabel = (bucket) => (bucket === 'month' ? fmt.month : fmt.day);
const BUCKET_WORD = { day: 'day', week: 'week', month: 'month' };
const plural = (n, word) => `${fmt.count(n)} ${word}${n === 1 ? '' : 's'}`;

export const RevenueSection = ({ data, currency }) => {
  if (!data.available) return <Card title="Revenue against quota" testId="section-revenue" wide><Unavailable reason={data.reason} testId="revenue-unavailable" /></Card>;
  const { totals, months, quotaNote } = data;
  const money = (n) => fmt.money(n, currency);
  const rows = months.map((m) => ({
    ...m, label: fmt.month(m.month), revenue: m.ahead ? null : m.revenue,
  }));
  return (
    <Card
      title="Revenue per month against quota"
      subtitle={`Won revenue per month of the range; forecast = weighted open pipeline expected to close that month (also the ${months.filter((m) => m.ahead).length} months after the range); quota = active revenue quotas spread over their months`}
      testId="section-revenue"
      wide
    >
      <KpiRow>
        <Kpi label="Revenue won" value={money(totals.revenue)} testId="kpi-revenue" hint={plural(totals.deals, 'deal')} />
        <Kpi label="Quota" value={totals.quota === null ? '—' : money(totals.quota)} testId="kpi-quota" accent={COLORS.red} />
        <Kpi label="Attainment" value={fmt.rate(totals.attainment)} testId="kpi-attainment" accent={totals.attainment >= 100 ? COLORS.teal : COLORS.amber} />
        <Kpi label={`Forecast, next ${months.filter((m) => m.ahead).length} months`} value={money(totals.forecast)} testId="kpi-forecast" accent={COLORS.violet} />
      </KpiRow>
      {quotaNote ? <Unavailable reason={quotaNote} /> : null}
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={rows} margin={{ top: 10, right: 10, left: 10, bottom: 0 }}>
          <CartesianGrid stroke={COLORS.grid} vertical={false} />
          <XAxis dataKey="label" tick={axis} />
          <YAxis tick={axis} tickFormatter={(v) => fmt.moneyShort(v, currency)} width={70} />
          <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [v === null ? '—' : money(v), name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="revenue" name="Revenue won" fill={COLORS.blue} radius={[4, 4, 0, 0]} />
          <Bar dataKey="forecast" name="Forecast (weighted pipeline)" fill={COLORS.lightBlue} radius={[4, 4, 0, 0]} />
          {totals.quota !== null ? (
            <Line dataKey="quota" name="Quota" stroke={COLORS.red} strokeDasharray="6 4" strokeWidth={2} dot={{ r: 3 }} connectNulls={false} />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </Card>
  );
};

export const PipelineSection = ({ data, currency }) => {
  const pipelines = useMemo(() => {
    if (!data.available) return [];
    // The busiest pipeline of the range first: the one a person most likely came to see.
    const seen = new Map();
    for (const s of data.stages) {
      const p = seen.get(s.pipelineId) ?? seen.set(s.pipelineId, { id: s.pipelineId, name: s.pipeline, deals: 0 }).get(s.pipelineId);
      p.deals += s.deals;
    }
    return [...seen.values()].sort((a, b) => b.deals - a.deals || a.name.localeCompare(b.name));
  }, [data]);
  const [chosen, setChosen] = useState(null);
  if (!data.available) {
    return (
      <Card title="Pipeline funnel" testId="section-pipeline" wide>
        <Unavailable reason={data.reason} testId="pipeline-unavailable" />
      </Card>
    );
  }
  const { totals, months } = data;
  const pipelineId = chosen && pipelines.some((p) => p.id === chosen) ? chosen : pipelines[0]?.id;
  const stages = data.stages.filter((s) => s.pipelineId === pipelineId);
  const money = (n) => fmt.money(n, currency);
  const monthRows = months.map((m) => ({ ...m, label: fmt.month(m.month) }));
  return (
    <Card
      title="Pipeline funnel"
      subtitle="Deals created in the range, by the stage they are in now; value and weighted value (value × stage probability, open deals)"
      testId="section-pipeline"
      wide
      actions={pipelines.length > 1 ? (
        <select data-testid="pipeline-choice" style={fieldStyle} value={pipelineId} onChange={(e) => setChosen(e.target.value)}>
          {pipelines.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      ) : null}
    >
      <KpiRow>
        <Kpi label="Deals created" value={fmt.count(totals.deals)} testId="kpi-deals" />
        <Kpi label="Pipeline value" value={money(totals.value)} testId="kpi-pipeline-value" />
        <Kpi label="Weighted value" value={money(totals.weighted)} testId="kpi-weighted-value" accent={COLORS.lightBlue} />
        <Kpi label="Win rate" value={fmt.rate(totals.winRate)} testId="kpi-win-rate" hint={`${fmt.count(totals.won)} won · ${fmt.count(totals.lost)} lost`} accent={COLORS.teal} />
        <Kpi label="Cycle time" value={fmt.days(totals.cycleDays)} testId="kpi-cycle-time" hint="creation to win, average" accent={COLORS.amber} />
      </KpiRow>
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 20 }}>
        <Box>
          {stages.length === 0 ? <Empty /> : (
            <ResponsiveContainer width="100%" height={Math.max(220, stages.length * 44 + 40)}>
              <BarChart data={stages} layout="vertical" margin={{ top: 0, right: 40, left: 10, bottom: 0 }} barCategoryGap={8}>
                <CartesianGrid stroke={COLORS.grid} horizontal={false} />
                <XAxis type="number" tick={axis} tickFormatter={(v) => fmt.moneyShort(v, currency)} />
                <YAxis type="category" dataKey="stage" tick={axis} width={120} />
                <Tooltip
                  contentStyle={tooltipStyle}
                  formatter={(v, name) => [money(v), name]}
                  labelFormatter={(label, payload) => `${label}: ${plural(payload?.[0]?.payload?.deals ?? 0, 'deal')}`}
                />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="value" name="Value" fill={COLORS.blue} radius={[0, 4, 4, 0]}>
                  <LabelList dataKey="deals" position="right" style={{ fontSize: 11, fill: '#334155' }} formatter={(n) => plural(n, 'deal')} />
                </Bar>
                <Bar dataKey="weighted" name="Weighted value" fill={COLORS.lightBlue} radius={[0, 4, 4, 0]} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </Box>
        <Box>
          <Box style={{ fontSize: 12, color: COLORS.slate, marginBottom: 4 }}>Win rate and cycle time per month</Box>
          {monthRows.length === 0 ? <Empty /> : (
            <ResponsiveContainer width="100%" height={240}>
              <ComposedChart data={monthRows} margin={{ top: 10, right: 0, left: 0, bottom: 0 }}>
                <CartesianGrid stroke={COLORS.grid} vertical={false} />
                <XAxis dataKey="label" tick={axis} />
                <YAxis yAxisId="rate" tick={axis} domain={[0, 100]} tickFormatter={(v) => `${v}%`} width={40} />
                <YAxis yAxisId="days" orientation="right" tick={axis} tickFormatter={(v) => `${v}d`} width={40} />
                <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [name === 'Win rate' ? fmt.rate(v) : fmt.days(v), name]} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar yAxisId="rate" dataKey="winRate" name="Win rate" fill={COLORS.teal} radius={[4, 4, 0, 0]} />
                <Line yAxisId="days" dataKey="cycleDays" name="Cycle time" stroke={COLORS.amber} strokeWidth={2} dot={{ r: 3 }} connectNulls />
              </ComposedChart>
            </ResponsiveContainer>
          )}
        </Box>
      </Box>
    </Card>
  );
};

export const EmailSection = ({ data, bucket }) => {
  const [by, setBy] = useState('all');
  if (!data.available) return <Card title="E-mail" testId="section-email"><Unavailable reason={data.reason} testId="email-unavailable" /></Card>;
  const { totals } = data;
  // "all", "campaign:<id>" or "rep:<id>": which series the rate chart plots.
  const [kind, id] = by.includes(':') ? by.split(/:(.*)/s) : ['all', null];
  const pick = (rows) => rows.filter((r) => String(r.id) === id);
  const series = kind === 'campaign' ? pick(data.campaignSeries) : kind === 'rep' ? pick(data.repSeries) : data.series;
  const rows = series.map((r) => ({ ...r, label: bucketLabel(bucket)(r.bucket) }));
  return (
    <Card
      title="E-mail performance"
      subtitle={`Open, click and bounce rates per ${BUCKET_WORD[bucket]} (opens and clicks over delivered, bounces over sent)`}
      testId="section-email"
      wide
      actions={(
        <select data-testid="email-by" style={{ ...fieldStyle, maxWidth: 260 }} value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="all">All e-mail</option>
          <optgroup label="Campaign">
            {data.byCampaign.map((c) => <option key={`c${c.id}`} value={`campaign:${c.id}`}>{c.name}</option>)}
          </optgroup>
          <optgroup label="Rep">
            {data.byRep.map((r) => <option key={`r${r.id}`} value={`rep:${r.id}`}>{r.name}</option>)}
          </optgroup>
        </select>
      )}
    >
      <KpiRow>
        <Kpi label="Sent" value={fmt.count(totals.sent)} testId="kpi-emails-sent" hint={`${fmt.count(totals.delivered)} delivered`} />
        <Kpi label="Open rate" value={fmt.rate(totals.openRate)} testId="kpi-open-rate" accent={COLORS.teal} />
        <Kpi label="Click rate" value={fmt.rate(totals.clickRate)} testId="kpi-click-rate" accent={COLORS.violet} />
        <Kpi label="Bounce rate" value={fmt.rate(totals.bounceRate)} testId="kpi-bounce-rate" accent={COLORS.red} />
      </KpiRow>
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 20 }}>
        {rows.length === 0 ? <Empty /> : (
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={rows} margin={{ top: 10, right: 10, left: 0, bottom: 0 }}>
              <CartesianGrid stroke={COLORS.grid} vertical={false} />
              <XAxis dataKey="label" tick={axis} minTickGap={16} />
              <YAxis tick={axis} tickFormatter={(v) => `${v}%`} width={40} />
              <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [fmt.rate(v), name]} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Line dataKey="openRate" name="Open rate" stroke={COLORS.teal} strokeWidth={2} dot={false} connectNulls />
              <Line dataKey="clickRate" name="Click rate" stroke={COLORS.violet} strokeWidth={2} dot={false} connectNulls />
              <Line dataKey="bounceRate" name="Bounce rate" stroke={COLORS.red} strokeWidth={2} dot={false} connectNulls />
            </LineChart>
          </ResponsiveContainer>
        )}
        <Box>
          <MiniTable
            testId="email-by-campaign"
            columns={[
              { key: 'name', label: 'Campaign', render: (r) => <span title={r.name}>{r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name}</span> },
              { key: 'sent', label: 'Sent', align: 'right', render: (r) => fmt.count(r.sent) },
              { key: 'openRate', label: 'Open', align: 'right', render: (r) => fmt.rate(r.openRate) },
              { key: 'clickRate', label: 'Click', align: 'right', render: (r) => fmt.rate(r.clickRate) },
              { key: 'bounceRate', label: 'Bounce', align: 'right', render: (r) => fmt.rate(r.bounceRate) },
            ]}
            rows={data.byCampaign}
          />
          <Box style={{ height: 12 }} />
          <MiniTable
            testId="email-by-rep"
            columns={[
              { key: 'name', label: 'Rep' },
              { key: 'sent', label: 'Sent', align: 'right', render: (r) => fmt.count(r.sent) },
              { key: 'openRate', label: 'Open', align: 'right', render: (r) => fmt.rate(r.openRate) },
              { key: 'clickRate', label: 'Click', align: 'right', render: (r) => fmt.rate(r.clickRate) },
              { key: 'bounceRate', label: 'Bounce', align: 'right', render: (r) => fmt.rate(r.bounceRate) },
            ]}
            rows={data.byRep}
          />
        </Box>
      </Box>
    </Card>
  );
};

/** Activities or calls per day, stacked per rep (the busiest reps by name, the rest together). */
export const ActivitySection = ({ data }) => {
  const [measure, setMeasure] = useState('activities');
  const chart = useMemo(() => {
    if (!data.available) return { rows: [], reps: [] };
    const top = data.reps.slice(0, SERIES.length - 1);
    const keyOf = new Map(top.map((r, i) => [r.id, `r${i}`]));
    const reps = top.map((r, i) => ({ key: `r${i}`, name: r.name, color: SERIES[i] }));
    if (data.reps.length > top.length) reps.push({ key: 'rest', name: 'Others', color: SERIES[SERIES.length - 1] });
    const byDay = new Map();
    for (const d of data.days) {
      const row = byDay.get(d.day) ?? byDay.set(d.day, { day: d.day, label: fmt.day(d.day) }).get(d.day);
      const key = keyOf.get(d.userId) ?? 'rest';
      row[key] = (row[key] ?? 0) + d[measure];
    }
    return { rows: [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)), reps };
  }, [data, measure]);
  if (!data.available) return <Card title="Activities and calls" testId="section-activity"><Unavailable reason={data.reason} testId="activity-unavailable" /></Card>;
  const { totals } = data;
  const perDay = (n) => (totals.days ? (n / totals.days).toFixed(1) : '—');
  return (
    <Card
      title="Activities and calls per rep per day"
      subtitle="Activities by the day they were due (or took place); calls by the day they took place"
      testId="section-activity"
      wide
      actions={<Segmented testId="activity-measure" value={measure} onChange={setMeasure} options={[{ value: 'activities', label: 'Activities' }, { value: 'calls', label: 'Calls' }]} />}
    >
      <KpiRow>
        <Kpi label="Activities" value={fmt.count(totals.activities)} testId="kpi-activities" hint={`${fmt.count(totals.completed)} completed`} />
        <Kpi label="Calls" value={fmt.count(totals.calls)} testId="kpi-calls" hint={`${fmt.count(totals.answered)} answered`} accent={COLORS.teal} />
        <Kpi label="Answer rate" value={fmt.rate(totals.answerRate)} testId="kpi-answer-rate" hint="answered over calls with a result" accent={COLORS.amber} />
      </KpiRow>
      {data.note ? <Unavailable reason={data.note} /> : null}
      <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 20 }}>
        {chart.rows.length === 0 ? <Empty /> : (
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={chart.rows} margin={{ top: 10, right: 10, left: 0, bottom: 0 }}>
              <CartesianGrid stroke={COLORS.grid} vertical={false} />
              <XAxis dataKey="label" tick={axis} minTickGap={16} />
              <YAxis tick={axis} allowDecimals={false} width={32} />
              <Tooltip contentStyle={tooltipStyle} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {chart.reps.map((r) => <Bar key={r.key} dataKey={r.key} name={r.name} stackId="reps" fill={r.color} />)}
            </BarChart>
          </ResponsiveContainer>
        )}
        <MiniTable
          testId="activity-by-rep"
          columns={[
            { key: 'name', label: 'Rep' },
            { key: 'activities', label: 'Activities', align: 'right', render: (r) => fmt.count(r.activities) },
            { key: 'perDay', label: 'per day', align: 'right', render: (r) => perDay(r.activities) },
            { key: 'calls', label: 'Calls', align: 'right', render: (r) => fmt.count(r.calls) },
            { key: 'callsPerDay', label: 'per day', align: 'right', render: (r) => perDay(r.calls) },
            { key: 'answerRate', label: 'Answered', align: 'right', render: (r) => fmt.rate(r.answerRate) },
          ]}
          rows={data.reps}
        />
      </Box>
    </Card>
  );
};

export const LeadsSection = ({ data }) => {
  if (!data.available) return <Card title="Lead sources" testId="section-leads"><Unavailable reason={data.reason} testId="leads-unavailable" /></Card>;
  const { totals, sources } = data;
  return (
    <Card title="Lead sources and conversion" subtitle="Contacts created in the range, by source; converted = customers or with a won deal" testId="section-leads">
      <KpiRow>
        <Kpi label="New contacts" value={fmt.count(totals.contacts)} testId="kpi-contacts" />
        <Kpi label="Converted" value={fmt.count(totals.converted)} testId="kpi-converted" accent={COLORS.teal} />
        <Kpi label="Conversion rate" value={fmt.rate(totals.conversionRate)} testId="kpi-conversion-rate" accent={COLORS.amber} />
      </KpiRow>
      {sources.length === 0 ? <Empty /> : (
        <ResponsiveContainer width="100%" height={Math.max(200, sources.length * 34 + 40)}>
          <BarChart data={sources} layout="vertical" margin={{ top: 0, right: 56, left: 10, bottom: 0 }} barGap={2}>
            <CartesianGrid stroke={COLORS.grid} horizontal={false} />
            <XAxis type="number" tick={axis} allowDecimals={false} />
            <YAxis type="category" dataKey="source" tick={axis} width={100} />
            <Tooltip contentStyle={tooltipStyle} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="contacts" name="Contacts" fill={COLORS.lightBlue} radius={[0, 4, 4, 0]} />
            <Bar dataKey="converted" name="Converted" fill={COLORS.teal} radius={[0, 4, 4, 0]}>
              <LabelList dataKey="conversionRate" position="right" style={{ fontSize: 11, fill: '#334155' }} formatter={(v) => (v === null ? '' : `${v.toFixed(0)}%`)} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </Card>
  );
};

export const DocumentsSection = ({ data }) => {
  if (!data.available) return <Card title="Document signing" testId="section-documents"><Unavailable reason={data.reason} testId="documents-unavailable" /></Card>;
  const { totals, months, types } = data;
  const rows = months.map((m) => ({ ...m, label: fmt.month(m.month) }));
  return (
    <Card title="Document signing" subtitle="Documents created in the range: sent, signed, and the time from sending to signature" testId="section-documents">
      <KpiRow>
        <Kpi label="Sent" value={fmt.count(totals.sent)} testId="kpi-docs-sent" />
        <Kpi label="Signed" value={fmt.count(totals.signed)} testId="kpi-docs-signed" hint={`${fmt.rate(totals.completionRate)} of sent`} accent={COLORS.teal} />
        <Kpi label="Time to sign" value={fmt.hours(totals.signHours)} testId="kpi-sign-time" hint="average, sent to signed" accent={COLORS.amber} />
      </KpiRow>
      {rows.length === 0 ? <Empty /> : (
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={rows} margin={{ top: 10, right: 0, left: 0, bottom: 0 }}>
            <CartesianGrid stroke={COLORS.grid} vertical={false} />
            <XAxis dataKey="label" tick={axis} />
            <YAxis yAxisId="n" tick={axis} allowDecimals={false} width={32} />
            <YAxis yAxisId="h" orientation="right" tick={axis} tickFormatter={(v) => `${v}h`} width={44} />
            <Tooltip contentStyle={tooltipStyle} formatter={(v, name) => [name === 'Time to sign' ? fmt.hours(v) : fmt.count(v), name]} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar yAxisId="n" dataKey="sent" name="Sent" fill={COLORS.lightBlue} radius={[4, 4, 0, 0]} />
            <Bar yAxisId="n" dataKey="signed" name="Signed" fill={COLORS.teal} radius={[4, 4, 0, 0]} />
            <Line yAxisId="h" dataKey="signHours" name="Time to sign" stroke={COLORS.amber} strokeWidth={2} dot={{ r: 3 }} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      {types.length > 1 ? (
        <MiniTable
          testId="documents-by-type"
          columns={[
            { key: 'type', label: 'Type' },
            { key: 'sent', label: 'Sent', align: 'right', render: (r) => fmt.count(r.sent) },
            { key: 'signed', label: 'Signed', align: 'right', render: (r) => fmt.count(r.signed) },
            { key: 'signHours', label: 'Time to sign', align: 'right', render: (r) => fmt.hours(r.signHours) },
          ]}
          rows={types.map((t) => ({ ...t, key: t.type }))}
        />
      ) : null}
    </Card>
  );
};
