/**
 * What a CSV import may write, per resource: the importable columns (read from the model, minus
 * what the system keeps), the match key that turns a row into an update, the references that
 * must point into the importing workspace, and the mapping rules the panel enforces.
 *
 * Match keys, from the schema's unique constraints:
 * - contacts, leads: email (lower-cased) within the workspace, UNIQUE (workspace_id, email).
 *   A contact row without an email (a name only, allowed by contacts_identity_present) cannot be
 *   matched and is always created.
 * - candidate_profiles: the profile's key is user_id; the row names the user by their login
 *   email (users.email is globally UNIQUE). The user must belong to the workspace; a user
 *   without a profile gets one, a user with one has it updated.
 * - accounts: there is no UNIQUE on accounts (only indexes on (workspace_id, domain) and
 *   (workspace_id, name)), so matching is the import's rule: the account whose domain equals the
 *   row's domain; failing that, the account whose name equals the row's name ignoring case when
 *   the row or the account has no domain (two companies of the same name with different domains
 *   stay two accounts). Among several matches the oldest account wins.
 * - deals, job_postings: no natural key; rows are created, unless an `id` column is mapped and
 *   the row has an id, which must be a row of the workspace and is updated.
 */
import { DataTypes, type Model, type ModelAttributeColumnOptions, type ModelStatic } from 'sequelize';
import { Account, CandidateProfile, Contact, Deal, JobPosting, Lead } from '../../models/index.js';
import { DATA_IMPORT_RESOURCES, type DataImportResource } from '../../models/data-import.model.js';

export { DATA_IMPORT_RESOURCES, type DataImportResource };

export type MatchKey = 'email' | 'domain_or_name' | 'id' | 'user_email';

/** Tables an imported UUID may point at; each is checked to be a row of the workspace. */
export type ReferenceTable =
  | 'users' | 'accounts' | 'contacts' | 'leads' | 'pipelines' | 'pipeline_stages' | 'opportunities'
  | 'outreach' | 'deals' | 'job_postings';

export interface ImportResourceDef {
  resource: DataImportResource;
  /** The singular noun for messages ("no deal with this id"). */
  noun: string;
  model: ModelStatic<Model>;
  primaryKey: string;
  match: MatchKey;
  /** Columns the system keeps (generated, trigger-kept, set by the import itself): never mapped. */
  systemColumns: string[];
  /** Reference columns and the table each must point into. */
  references: Record<string, ReferenceTable>;
  /** Columns that are not in the table but may be mapped (candidate_profiles.email). */
  pseudoColumns?: Record<string, ModelAttributeColumnOptions>;
  /** Mapping rule: at least one column of each group must be mapped. */
  requiredGroups?: string[][];
  /** Required columns a row may leave empty because the import fills them (job_postings.staff_user_id). */
  filledByImport?: string[];
}

const ALWAYS_SYSTEM = ['workspace_id', 'created_at', 'updated_at'];

export const IMPORT_RESOURCES: Record<DataImportResource, ImportResourceDef> = {
  contacts: {
    resource: 'contacts', noun: 'contact', model: Contact, primaryKey: 'id', match: 'email',
    systemColumns: ['created_by'], // the importing user
    references: { account_id: 'accounts', owner_id: 'users' },
    // contacts_identity_present: a contact is an email or a name.
    requiredGroups: [['email', 'first_name', 'last_name']],
  },
  accounts: {
    resource: 'accounts', noun: 'account', model: Account, primaryKey: 'id', match: 'domain_or_name',
    systemColumns: [],
    references: { owner_id: 'users', account_manager_id: 'users', created_from_lead_id: 'leads' },
  },
  leads: {
    resource: 'leads', noun: 'lead', model: Lead, primaryKey: 'id', match: 'email',
    systemColumns: [],
    references: { owner_id: 'users', converted_to_user_id: 'users' },
    requiredGroups: [['email']],
  },
  deals: {
    resource: 'deals', noun: 'deal', model: Deal, primaryKey: 'id', match: 'id',
    // weighted_value is GENERATED; days_in_pipeline is kept by a trigger.
    systemColumns: ['weighted_value', 'days_in_pipeline'],
    references: {
      id: 'deals', pipeline_id: 'pipelines', stage_id: 'pipeline_stages', owner_id: 'users',
      account_manager_id: 'users', contact_id: 'contacts', account_id: 'accounts', lead_id: 'leads',
      opportunity_id: 'opportunities',
    },
  },
  job_postings: {
    resource: 'job_postings', noun: 'job posting', model: JobPosting, primaryKey: 'id', match: 'id',
    systemColumns: [],
    references: { id: 'job_postings', staff_user_id: 'users', outreach_id: 'outreach' },
    filledByImport: ['staff_user_id'], // the importing user when the row names nobody
  },
  candidate_profiles: {
    resource: 'candidate_profiles', noun: 'candidate profile', model: CandidateProfile, primaryKey: 'user_id',
    match: 'user_email',
    // user_id is resolved from the email; the embedding is computed, not typed by people.
    systemColumns: ['user_id', 'ai_skills_vector'],
    references: {},
    pseudoColumns: { email: { type: DataTypes.TEXT, allowNull: false } },
    requiredGroups: [['email']],
  },
};

export function resourceDef(resource: string): ImportResourceDef {
  const def = IMPORT_RESOURCES[resource as DataImportResource];
  if (!def) throw new Error(`"${resource}" cannot be imported (one of: ${DATA_IMPORT_RESOURCES.join(', ')})`);
  return def;
}

/** Column -> attribute for every column a CSV may be mapped to, in the model's order. */
export function importableColumns(def: ImportResourceDef): Map<string, ModelAttributeColumnOptions> {
  const skip = new Set([...ALWAYS_SYSTEM, ...def.systemColumns]);
  if (def.match !== 'id') skip.add(def.primaryKey);
  const columns = new Map<string, ModelAttributeColumnOptions>();
  for (const [name, attr] of Object.entries(def.model.getAttributes() as Record<string, ModelAttributeColumnOptions>)) {
    if (skip.has(name) || attr.type instanceof DataTypes.VIRTUAL) continue;
    columns.set(name, attr);
  }
  for (const [name, attr] of Object.entries(def.pseudoColumns ?? {})) columns.set(name, attr);
  return columns;
}

/** Columns a created row must have: NOT NULL without a default (the table's own rule). */
export function requiredOnCreate(def: ImportResourceDef): string[] {
  return [...importableColumns(def)]
    .filter(([name, attr]) => attr.allowNull === false && attr.defaultValue === undefined && name !== def.primaryKey && !def.pseudoColumns?.[name])
    .map(([name]) => name);
}

/** Problems of a mapping (CSV header -> column) for a file with these headers; [] when usable. */
export function checkMapping(def: ImportResourceDef, headers: string[], mapping: Record<string, string>): string[] {
  const problems: string[] = [];
  const columns = importableColumns(def);
  const present = new Set(headers);
  const targets = new Map<string, string>();
  for (const [header, column] of Object.entries(mapping)) {
    if (!present.has(header)) problems.push(`the file has no column "${header}"`);
    else if (headers.indexOf(header) !== headers.lastIndexOf(header)) problems.push(`the file has two columns named "${header}"`);
    if (!columns.has(column)) {
      problems.push(`"${column}" is not an importable column of ${def.resource}`);
      continue;
    }
    const other = targets.get(column);
    if (other !== undefined) problems.push(`"${header}" and "${other}" are both mapped to ${column}`);
    targets.set(column, header);
  }
  if (targets.size === 0) problems.push('map at least one column');
  const updatesById = def.match === 'id' && targets.has('id');
  if (!updatesById) {
    const filled = new Set(def.filledByImport ?? []);
    for (const column of requiredOnCreate(def)) {
      if (!targets.has(column) && !filled.has(column)) problems.push(`${column} is required: map a column to it`);
    }
  }
  for (const group of def.requiredGroups ?? []) {
    if (!group.some((c) => targets.has(c))) {
      problems.push(group.length === 1 ? `${group[0]} is required: map a column to it` : `map at least one of ${group.join(', ')}`);
    }
  }
  return problems;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

// Header spellings common in CRM and spreadsheet exports, squashed; tried after the column's own name.
const SYNONYMS: Record<string, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'emailid', 'workemail', 'login'],
  first_name: ['firstname', 'first', 'givenname', 'forename'],
  last_name: ['lastname', 'last', 'surname', 'familyname'],
  phone: ['phone', 'phonenumber', 'telephone', 'tel', 'workphone'],
  mobile: ['mobile', 'mobilephone', 'cell', 'cellphone'],
  company_name: ['company', 'companyname', 'organization', 'organisation', 'employer'],
  title: ['title', 'jobtitle', 'position', 'role'],
  job_title: ['jobtitle', 'title', 'position', 'role'],
  postal_code: ['postalcode', 'zip', 'zipcode', 'postcode'],
  address_line1: ['address', 'address1', 'street', 'streetaddress', 'addressline1'],
  address_line2: ['address2', 'addressline2'],
  website: ['website', 'web', 'url', 'homepage'],
  name: ['name', 'accountname', 'company', 'companyname', 'organization', 'organisation'],
  domain: ['domain', 'companydomain', 'emaildomain'],
  linkedin_url: ['linkedin', 'linkedinurl', 'linkedinprofile'],
  tags: ['tags', 'labels'],
  notes: ['notes', 'note', 'comments', 'comment'],
  value: ['value', 'amount', 'dealvalue'],
};
// Where a resource reads a spelling differently ("Name" of a deal is its title).
const RESOURCE_SYNONYMS: Partial<Record<DataImportResource, Record<string, string[]>>> = {
  deals: { title: ['dealname', 'name', 'deal'] },
};

/**
 * A first mapping for the panel's mapping form: each header to the column whose name it spells
 * (case, spaces and punctuation ignored: "First Name" -> first_name, "E-mail" -> email), or to a
 * column it is a common synonym of. Each column is used once; unknown headers are left out.
 */
export function suggestMapping(resource: DataImportResource, headers: string[]): Record<string, string> {
  const def = resourceDef(resource);
  const columns = [...importableColumns(def).keys()];
  const byName = new Map(columns.map((c) => [squash(c), c]));
  const taken = new Set<string>();
  const mapping: Record<string, string> = {};
  const assign = (header: string, column: string | undefined) => {
    if (!column || taken.has(column) || mapping[header]) return;
    mapping[header] = column;
    taken.add(column);
  };
  // Exact spellings first, so that "Title" on deals goes to title before a synonym claims it.
  for (const header of headers) assign(header, byName.get(squash(header)));
  const synonyms = { ...SYNONYMS, ...RESOURCE_SYNONYMS[resource] };
  for (const header of headers) {
    const key = squash(header);
    assign(header, columns.find((column) => (synonyms[column] ?? []).includes(key)));
  }
  return mapping;
}
