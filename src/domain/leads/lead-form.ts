/**
 * A website form submission (S3 "anyone can create leads"): `lead`, `demo_request` or
 * `sales_contact`. In one transaction it upserts the workspace's lead with that address (a
 * second submission updates and reuses it, never duplicates), records the submission as a lead
 * activity, and for the two request kinds writes the demo_requests / sales_contact_requests row.
 *
 * What the database does on its own (migration 20261123150200): a lead that is new is routed
 * (owner, priority, tags, tasks) by the insert itself; the activity scores the lead (a demo
 * request +50, a plain form submit 0, as the seed has it). The interest flags the form states
 * (requested_demo, requested_sales_contact, interest_type) are written with the lead, so that
 * routing rules on them see them at insert time.
 *
 * Attribution: contact details take the latest non-empty value; UTM fields, landing page and
 * referrer keep the first touch (filled only where still empty).
 */
import { isIP } from 'node:net';
import { QueryTypes, type Transaction } from 'sequelize';
import { z } from 'zod';
import { sequelize } from '../../db.js';

const FORM_KINDS = ['lead', 'demo_request', 'sales_contact'] as const;

/** '' from an HTML form means "not given"; text is trimmed. */
const text = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v), z.string().max(max, `must be at most ${max} characters`).optional());
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { message: `must be one of ${values.join(', ')}` }).optional());

export const leadFormSchema = z.object({
  workspace: z.string({ message: 'is required (the workspace slug)' }).trim().min(1, 'is required (the workspace slug)').max(100),
  form: z.preprocess((v) => (v === '' || v === undefined ? 'lead' : v), z.enum(FORM_KINDS, { message: `must be one of ${FORM_KINDS.join(', ')}` })),
  email: z
    .string({ message: 'is required' })
    .trim()
    .toLowerCase()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email({ message: 'must be an email address' })),
  first_name: text(200),
  last_name: text(200),
  company_name: text(300),
  phone: text(50),
  job_title: text(200),
  message: text(5000),
  utm_source: text(500),
  utm_medium: text(500),
  utm_campaign: text(500),
  utm_term: text(500),
  utm_content: text(500),
  landing_page: text(2000),
  referrer: text(2000),
  // demo_request
  demo_type: choice(['quick_15min', 'standard_30min', 'full_60min'] as const),
  preferred_date: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.iso.date({ message: 'must be a date, YYYY-MM-DD' }).optional(),
  ),
  preferred_time: text(50),
  timezone: text(100),
  // sales_contact
  inquiry_type: choice(['pricing', 'enterprise', 'partnership', 'general'] as const),
  estimated_budget: text(100),
  timeline: choice(['immediate', '1_3_months', '3_6_months', '6_12_months', 'planning'] as const),
});

export type LeadFormInput = z.input<typeof leadFormSchema>;
export type LeadForm = z.output<typeof leadFormSchema>;

/** The submission is not acceptable; `fields` names each bad field with its problem. */
export class LeadFormError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(`invalid form: ${Object.entries(fields).map(([f, m]) => `${f} ${m}`).join('; ')}`);
    this.name = 'LeadFormError';
  }
}

/** Parses a raw body; throws LeadFormError naming every bad field. */
export function parseLeadForm(body: unknown): LeadForm {
  const parsed = leadFormSchema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '(body)';
    fields[field] ??= issue.message;
  }
  throw new LeadFormError(fields);
}

export interface LeadFormMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface LeadFormResult {
  leadId: string;
  /** false when a lead with this address already existed and was reused. */
  created: boolean;
  demoRequestId?: string;
  salesContactRequestId?: string;
}

const one = async <T extends object>(sql: string, bind: unknown[], transaction: Transaction): Promise<T> =>
  (await sequelize.query<T>(sql, { bind, type: QueryTypes.SELECT, transaction }))[0]!;

/** Validates (throws LeadFormError) and records one submission. */
export async function submitLeadForm(body: unknown, meta: LeadFormMeta = {}): Promise<LeadFormResult> {
  const form = parseLeadForm(body);
  return sequelize.transaction(async (t) => {
    const [workspace] = await sequelize.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', {
      bind: [form.workspace], type: QueryTypes.SELECT, transaction: t,
    });
    if (!workspace) throw new LeadFormError({ workspace: 'is not a known workspace' });

    const interest = form.form === 'demo_request' ? 'demo' : form.form === 'sales_contact' ? 'sales_contact' : null;
    const lead = await one<{ id: string; created: boolean }>(
      `INSERT INTO leads (workspace_id, email, first_name, last_name, company_name, phone, job_title, source,
                          interest_type, requested_demo, requested_sales_contact,
                          utm_source, utm_medium, utm_campaign, utm_term, utm_content, landing_page, referrer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'website', $8::enum_leads_interest_type, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (workspace_id, email) DO UPDATE SET
         first_name = coalesce(EXCLUDED.first_name, leads.first_name),
         last_name = coalesce(EXCLUDED.last_name, leads.last_name),
         company_name = coalesce(EXCLUDED.company_name, leads.company_name),
         phone = coalesce(EXCLUDED.phone, leads.phone),
         job_title = coalesce(EXCLUDED.job_title, leads.job_title),
         source = coalesce(leads.source, EXCLUDED.source),
         interest_type = coalesce(EXCLUDED.interest_type, leads.interest_type),
         requested_demo = leads.requested_demo OR EXCLUDED.requested_demo,
         requested_sales_contact = leads.requested_sales_contact OR EXCLUDED.requested_sales_contact,
         utm_source = coalesce(leads.utm_source, EXCLUDED.utm_source),
         utm_medium = coalesce(leads.utm_medium, EXCLUDED.utm_medium),
         utm_campaign = coalesce(leads.utm_campaign, EXCLUDED.utm_campaign),
         utm_term = coalesce(leads.utm_term, EXCLUDED.utm_term),
         utm_content = coalesce(leads.utm_content, EXCLUDED.utm_content),
         landing_page = coalesce(leads.landing_page, EXCLUDED.landing_page),
         referrer = coalesce(leads.referrer, EXCLUDED.referrer)
       RETURNING id, (xmax = 0) AS created`,
      [
        workspace.id, form.email, form.first_name ?? null, form.last_name ?? null, form.company_name ?? null, form.phone ?? null,
        form.job_title ?? null, interest, form.form === 'demo_request', form.form === 'sales_contact',
        form.utm_source ?? null, form.utm_medium ?? null, form.utm_campaign ?? null, form.utm_term ?? null, form.utm_content ?? null,
        form.landing_page ?? null, form.referrer ?? null,
      ],
      t,
    );

    const utm = Object.fromEntries(
      (['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const).filter((k) => form[k]).map((k) => [k, form[k]]),
    );
    await sequelize.query(
      `INSERT INTO lead_activities (workspace_id, lead_id, activity_type, activity_data, page_url, ip_address, user_agent)
       VALUES ($1, $2, $3::enum_lead_activities_activity_type, $4::jsonb, $5, $6::inet, $7)`,
      {
        bind: [
          workspace.id, lead.id, form.form === 'demo_request' ? 'demo_request' : 'form_submit',
          JSON.stringify({ source: 'lead_form', form: form.form, ...utm }), form.landing_page ?? null, validIp(meta.ip), meta.userAgent?.slice(0, 1000) ?? null,
        ],
        transaction: t,
      },
    );

    const result: LeadFormResult = { leadId: lead.id, created: lead.created };
    const person = [form.email, form.first_name ?? null, form.last_name ?? null, form.company_name ?? null, form.phone ?? null];
    // The request goes to whoever owns the lead now (routing has run for a new lead).
    if (form.form === 'demo_request') {
      const row = await one<{ id: string }>(
        `INSERT INTO demo_requests (workspace_id, lead_id, email, first_name, last_name, company_name, phone,
                                    demo_type, preferred_date, preferred_time, timezone, message, assigned_sales_rep)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8::enum_demo_requests_demo_type, $9::date, $10, $11, $12, l.owner_id
           FROM leads l WHERE l.id = $2
         RETURNING id`,
        [workspace.id, lead.id, ...person, form.demo_type ?? null, form.preferred_date ?? null, form.preferred_time ?? null, form.timezone ?? null, form.message ?? null],
        t,
      );
      result.demoRequestId = row.id;
    } else if (form.form === 'sales_contact') {
      const row = await one<{ id: string }>(
        `INSERT INTO sales_contact_requests (workspace_id, lead_id, email, first_name, last_name, company_name, phone,
                                             inquiry_type, message, estimated_budget, timeline, assigned_to, assigned_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8::enum_sales_contact_requests_inquiry_type, $9, $10,
                $11::enum_sales_contact_requests_timeline, l.owner_id, CASE WHEN l.owner_id IS NOT NULL THEN now() END
           FROM leads l WHERE l.id = $2
         RETURNING id`,
        [workspace.id, lead.id, ...person, form.inquiry_type ?? null, form.message ?? null, form.estimated_budget ?? null, form.timeline ?? null],
        t,
      );
      result.salesContactRequestId = row.id;
    }
    return result;
  });
}

/** An address PostgreSQL's inet accepts, else NULL (the activity is still recorded). */
function validIp(ip: string | null | undefined): string | null {
  return ip && isIP(ip) ? ip : null;
}
