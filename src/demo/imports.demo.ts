/**
 * The CSV import history of Settings › Data imports: one past import of trade-show leads by the
 * admin, completed with two rejected rows, so the list and the error report have something to
 * show. A completed import keeps no file (data_imports.csv is cleared). Fixed values, no
 * randomness: it cannot shift what the other generators draw.
 */
import type { Clock, DemoWorkspace, Seeder } from './demo-kit.js';

export async function seedImports(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const admin = ws.users.admin!;
  const startedAt = clock.addMinutes(clock.addDays(clock.anchor, -12), 15 * 60 + 4);
  const finishedAt = clock.addMinutes(startedAt, 1);
  const counts = { total_rows: 48, processed_rows: 48, created_count: 41, updated_count: 5, error_count: 2 };
  await s.insert('data_imports', [{
    workspace_id: ws.id, user_id: admin.id, resource: 'leads', file_name: 'trade-show-leads.csv', status: 'completed',
    mapping: { 'First Name': 'first_name', 'Last Name': 'last_name', Email: 'email', Company: 'company_name', Phone: 'phone', Source: 'source' },
    options: { delimiter: ',' }, csv: '\\x', ...counts,
    errors: [
      { row: 17, field: 'email', message: 'must be a valid email address (got "jane.doe@")' },
      { row: 33, field: 'source', message: `must be one of: website, referral, linkedin, cold_email, trade_show, social_media, advertising, cold_outreach, other (got "expo")` },
    ],
    started_at: startedAt, finished_at: finishedAt, created_at: startedAt,
  }]);
  const [row] = await s.select<{ id: string }>(`SELECT id FROM data_imports WHERE workspace_id = $1 AND file_name = 'trade-show-leads.csv'`, [ws.id]);
  await s.insert('audit_logs', [{
    workspace_id: ws.id, user_id: admin.id, user_email: admin.email, action: 'import', severity: 'warn', resource_type: 'data_imports', resource_id: row!.id,
    description: 'CSV import of trade-show-leads.csv into leads: 41 created, 5 updated, 2 rejected',
    metadata: { resource: 'leads', file_name: 'trade-show-leads.csv', rows: 48, created: 41, updated: 5, rejected: 2 },
    created_at: finishedAt,
  }]);
}
