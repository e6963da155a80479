/**
 * "Find a person": one person as each system knows them (a contact, a lead, a candidate, a
 * builder a posting was shared with, a sequence enrollee, an S0 outreach contact, a user), found
 * by e-mail (exact, any case) or by name (pg_trgm similarity of the name key), each table read
 * under the actor's `list` scope.
 *
 * Likely duplicates are flagged within one kind (two contacts, two leads): the same e-mail, or the
 * same name key and the same company (company key) or e-mail domain. Rows that share a hit's
 * e-mail or name key are fetched too, so a search for one spelling still shows its duplicates.
 */
import { QueryTypes } from 'sequelize';
import { sequelize } from '../../db.js';
import type { Actor } from '../permissions/actor.js';
import { companyKey, emailDomain, personKey, personKeySql } from './match-keys.js';
import { visibleRows } from '../permissions/visible-rows.js';
import { RuleError } from '../rule-error.js';

export class PersonSearchError extends RuleError {}

export const PERSON_KINDS = ['contact', 'lead', 'candidate', 'builder', 'enrollee', 'outreach_contact', 'user'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export interface PersonHit {
  kind: PersonKind;
  /** The record's key in `table` (for links). */
  id: string;
  table: string;
  /** The person record behind the hit: an enrollee's contact, else the hit itself. */
  person_id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  detail: string | null;
  matched_by: 'email' | 'name' | 'duplicate';
  score: number;
  /** Ids (same kind) this one is likely a duplicate of. */
  duplicate_of: string[];
}

export interface DuplicatePair {
  kind: PersonKind;
  a: string;
  b: string;
  reason: 'same email' | 'same name and company' | 'same name and domain';
  /** Two records of a kind merge-records.ts can merge. */
  mergeable: boolean;
}

export interface PersonSearchResult {
  query: string;
  by: 'email' | 'name';
  hits: PersonHit[];
  duplicates: DuplicatePair[];
  /** Kinds the actor's role may not list (not searched). */
  hidden: PersonKind[];
}

/** Kinds whose records merge-records.ts merges. */
export const MERGEABLE_KINDS: readonly PersonKind[] = ['contact', 'lead'];

interface KindSpec {
  kind: PersonKind;
  table: string;
  alias: string;
  from: string;
  id: string;
  personId: string;
  first: string;
  last: string;
  email: string;
  company: string;
  detail: string;
}

const KINDS: KindSpec[] = [
  {
    kind: 'contact', table: 'contacts', alias: 'c', from: 'contacts c LEFT JOIN accounts ca ON ca.id = c.account_id',
    id: 'c.id', personId: 'c.id', first: 'c.first_name', last: 'c.last_name', email: 'c.email',
    company: 'COALESCE(ca.name, c.company_name)', detail: `concat_ws(' · ', c.title, c.status::text)`,
  },
  {
    kind: 'lead', table: 'leads', alias: 'l', from: 'leads l',
    id: 'l.id', personId: 'l.id', first: 'l.first_name', last: 'l.last_name', email: 'l.email',
    company: 'l.company_name', detail: `concat_ws(' · ', l.job_title, l.status::text)`,
  },
  {
    kind: 'candidate', table: 'candidate_profiles', alias: 'cp', from: 'candidate_profiles cp JOIN users cu ON cu.id = cp.user_id',
    id: 'cp.user_id', personId: 'cp.user_id', first: 'cu.first_name', last: 'cu.last_name', email: 'cu.email',
    company: 'NULL::text', detail: `concat_ws(' · ', cp."current_role", cp.expected_role)`,
  },
  {
    kind: 'builder', table: 'job_posting_builders', alias: 'b', from: 'job_posting_builders b JOIN job_postings bp ON bp.id = b.job_posting_id',
    id: 'b.id', personId: 'b.id', first: 'b.builder_name', last: 'NULL::text', email: 'NULL::text',
    company: 'bp.company_name', detail: `concat_ws(' · ', bp.job_title, b.status::text)`,
  },
  {
    kind: 'enrollee', table: 'sequence_enrollments', alias: 'se',
    from: 'sequence_enrollments se JOIN contacts sc ON sc.id = se.contact_id JOIN sequences ss ON ss.id = se.sequence_id',
    id: 'se.id', personId: 'se.contact_id', first: 'sc.first_name', last: 'sc.last_name', email: 'sc.email',
    company: 'sc.company_name', detail: `concat_ws(' · ', ss.name, se.status::text)`,
  },
  {
    kind: 'outreach_contact', table: 'outreach', alias: 'o', from: 'outreach o',
    id: 'o.id', personId: 'o.id', first: 'o.contact_name', last: 'NULL::text', email: 'NULL::text',
    company: 'o.company_name', detail: `concat_ws(' · ', o.contact_title, o.status::text)`,
  },
  {
    kind: 'user', table: 'users', alias: 'u', from: 'users u',
    id: 'u.id', personId: 'u.id', first: 'u.first_name', last: 'u.last_name', email: 'u.email',
    company: 'NULL::text', detail: `CASE WHEN u.deleted_at IS NOT NULL THEN 'deleted' WHEN NOT u.is_active THEN 'inactive' END`,
  },
];

/** How similar two name keys must be (pg_trgm similarity, 0–1) to count as a hit. */
const NAME_THRESHOLD = 0.4;
const LIMIT_PER_KIND = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Raw = Omit<PersonHit, 'duplicate_of' | 'table' | 'kind'>;

async function searchKind(actor: Actor, spec: KindSpec, visible: string, match: string, replacements: Record<string, unknown>): Promise<Raw[]> {
  const key = personKeySql(spec.first, spec.last);
  return sequelize.query<Raw>(
    `SELECT ${spec.id} AS id, ${spec.personId} AS person_id, NULLIF(concat_ws(' ', ${spec.first}, ${spec.last}), '') AS name,
            ${spec.email} AS email, ${spec.company} AS company, NULLIF(${spec.detail}, '') AS detail,
            CASE WHEN lower(${spec.email}) = :email THEN 'email'
                 WHEN :by = 'name' AND (${key} = :nameKey OR similarity(${key}, :nameKey) >= ${NAME_THRESHOLD}) THEN 'name'
                 ELSE 'duplicate' END AS matched_by,
            round(GREATEST(CASE WHEN lower(${spec.email}) = :email THEN 1 ELSE 0 END, similarity(${key}, :nameKey))::numeric, 3)::float AS score
       FROM ${spec.from}
      WHERE ${spec.alias}.workspace_id = :ws AND (${visible}) AND (${match})
      ORDER BY score DESC, name
      LIMIT ${LIMIT_PER_KIND}`,
    { type: QueryTypes.SELECT, replacements: { ...replacements, ws: actor.workspaceId } },
  );
}

/** Same kind, two different people records, and a reason to think they are one person. */
function duplicateReason(a: PersonHit, b: PersonHit): DuplicatePair['reason'] | null {
  if (a.person_id === b.person_id) return null;
  if (a.email && b.email && a.email.toLowerCase() === b.email.toLowerCase()) return 'same email';
  const name = personKey(a.name);
  if (!name || name !== personKey(b.name)) return null;
  const company = companyKey(a.company);
  if (company && company === companyKey(b.company)) return 'same name and company';
  const domain = emailDomain(a.email);
  if (domain && domain === emailDomain(b.email)) return 'same name and domain';
  return null;
}

function flagDuplicates(hits: PersonHit[]): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  for (let i = 0; i < hits.length; i++) {
    for (let j = i + 1; j < hits.length; j++) {
      const [a, b] = [hits[i]!, hits[j]!];
      if (a.kind !== b.kind) continue;
      const reason = duplicateReason(a, b);
      if (!reason) continue;
      a.duplicate_of.push(b.id);
      b.duplicate_of.push(a.id);
      pairs.push({ kind: a.kind, a: a.id, b: b.id, reason, mergeable: MERGEABLE_KINDS.includes(a.kind) });
    }
  }
  return pairs;
}

/**
 * Every record of every kind the actor may list that matches `query`: an e-mail address matches
 * exactly (any case), anything else is a name. Refuses (PersonSearchError) a query too short or
 * too long to mean anything.
 */
export async function searchPeople(actor: Actor, query: string): Promise<PersonSearchResult> {
  const q = (query ?? '').trim();
  if (q.length < 2 || q.length > 200) throw new PersonSearchError('Type 2 to 200 characters: an e-mail address or a name');
  const by = EMAIL.test(q) ? 'email' : 'name';
  const nameKey = by === 'name' ? personKey(q) : '';
  if (by === 'name' && nameKey.length < 2) throw new PersonSearchError('Type a name (letters or digits) or an e-mail address');
  const email = by === 'email' ? q.toLowerCase() : '';

  const hidden: PersonKind[] = [];
  const searchable: Array<{ spec: KindSpec; visible: string }> = [];
  for (const spec of KINDS) {
    const visible = visibleRows(actor, spec.table, spec.alias);
    if (visible) searchable.push({ spec, visible });
    else hidden.push(spec.kind);
  }

  const found = new Map<string, PersonHit>();
  const add = (spec: KindSpec, rows: Raw[]) => {
    for (const row of rows) {
      const id = `${spec.kind}:${row.id}`;
      if (!found.has(id)) found.set(id, { ...row, kind: spec.kind, table: spec.table, score: Number(row.score), duplicate_of: [] });
    }
  };
  // Some word of the query (3+ letters) must be word-similar to the first or last name: the
  // pg_trgm indexes on those columns serve this, so the similarity of the whole name is computed
  // for a few candidates, not for every person of the workspace. A typo in one word still passes
  // through the other words.
  const words = nameKey.split(' ').filter((w) => w.length >= 3).slice(0, 4);
  const wordParams = Object.fromEntries(words.map((w, i) => [`w${i}`, w]));
  const base = { email, nameKey, by, companionKeys: [''], ...wordParams };
  for (const { spec, visible } of searchable) {
    const key = personKeySql(spec.first, spec.last);
    const prefilter = words.length ? `(${words.map((_, i) => `:w${i} <% ${spec.first} OR :w${i} <% ${spec.last}`).join(' OR ')}) AND ` : '';
    const match = by === 'email'
      ? `lower(${spec.email}) = :email`
      : `(${prefilter}(${key} = :nameKey OR similarity(${key}, :nameKey) >= ${NAME_THRESHOLD}))`;
    add(spec, await searchKind(actor, spec, visible, match, base));
  }

  // Companions: records of the same kind sharing a hit's e-mail or name key, found even when the
  // query spelled them differently (an e-mail search finds the same name under another address).
  const hits = [...found.values()];
  for (const { spec, visible } of searchable) {
    const own = hits.filter((h) => h.kind === spec.kind);
    if (own.length === 0) continue;
    const keys = [...new Set(own.map((h) => personKey(h.name)).filter(Boolean))];
    const emails = [...new Set(own.map((h) => h.email?.toLowerCase()).filter((e): e is string => !!e))];
    const key = personKeySql(spec.first, spec.last);
    const match = `(${key} = ANY(ARRAY[:companionKeys]::text[]) OR lower(${spec.email}) = ANY(ARRAY[:companionEmails]::text[]))`;
    add(spec, await searchKind(actor, spec, visible, match, {
      ...base, companionKeys: keys.length ? keys : [''], companionEmails: emails.length ? emails : [''],
    }));
  }

  const all = [...found.values()].sort((a, b) => PERSON_KINDS.indexOf(a.kind) - PERSON_KINDS.indexOf(b.kind) || b.score - a.score);
  return { query: q, by, hits: all, duplicates: flagDuplicates(all), hidden };
}
