/**
 * Presentation helpers shared by the area files: readable labels for the models' enum values
 * and the property option presets (money, long text, JSONB, arrays, secrets) so that every
 * table presents the same kind of column the same way.
 */
import type { PropertyOptions } from 'adminjs';

/** Words that read wrong when merely capitalised. */
const WORDS: Record<string, string> = {
  ab: 'A/B',
  ai: 'AI',
  ctc: 'CTC',
  govt: 'Government',
  id: 'ID',
  ip: 'IP',
  nda: 'NDA',
  obc: 'OBC',
  rpo: 'RPO',
  sc: 'SC',
  smtp: 'SMTP',
  st: 'ST',
  url: 'URL',
  utm: 'UTM',
};

/** Values whose words alone do not say what they mean. */
const PHRASES: Record<string, string> = {
  int_scheduled: 'Interview scheduled',
  on_site: 'On-site',
  reengagement: 'Re-engagement',
  rpo: 'RPO (recruitment process outsourcing)',
  transactional_optional: 'Optional transactional',
  warn: 'Warning',
};

/**
 * A stored lower_snake_case value as a sentence-case label:
 * 'closed_won' → 'Closed won', '1_3_months' → '1–3 months', 'quick_15min' → 'Quick 15 min',
 * 'nda' → 'NDA'.
 */
export function humanize(value: string): string {
  if (PHRASES[value]) return PHRASES[value];
  const range = /^(\d+)_(\d+)_(.+)$/.exec(value);
  const text = range
    ? `${range[1]}–${range[2]} ${humanizeWords(range[3]!)}`
    : humanizeWords(value);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function humanizeWords(value: string): string {
  return value
    .split('_')
    .filter(Boolean)
    .map((word) => WORDS[word] ?? word.replace(/^(\d+)(min|h|d)$/, '$1 $2'))
    .join(' ');
}

export interface AvailableValue {
  value: string;
  label: string;
}

/** `availableValues` for a model's exported const array, e.g. `enumValues(CONTACT_STATUSES)`. */
export function enumValues(values: readonly string[], labels: Record<string, string> = {}): AvailableValue[] {
  return values.map((value) => ({ value, label: labels[value] ?? humanize(value) }));
}

/** An enum column: a select with readable labels (the model's const array). */
export function enumProperty(values: readonly string[], labels?: Record<string, string>): PropertyOptions {
  return { availableValues: enumValues(values, labels) };
}

/**
 * Money (NUMERIC(15,2)): AdminJS 7.8's `currency` type (react-currency-input-field). Its
 * grouping option is `groupSeparator` (there is no `thousandsSeparator`). No currency symbol:
 * workspaces bill in their own currency (settings.currency: USD, EUR...) and deals, jobs and
 * candidate CTCs carry their own `currency` column, so a fixed '$' would mislabel amounts.
 */
export const MONEY_PROPS = { decimalSeparator: '.', groupSeparator: ',', decimalScale: 2 } as const;
export const money: PropertyOptions = { type: 'currency', props: { ...MONEY_PROPS } };

/** Long free text (notes, descriptions, messages): a textarea in forms, never a list column. */
export const longText: PropertyOptions = { type: 'textarea', isSortable: false };

/** HTML bodies written in the panel (templates, campaign content): the rich text editor. */
export const richText: PropertyOptions = { type: 'richtext', isSortable: false };

const NOT_IN_LIST_OR_FILTER = { list: false, filter: false, show: true, edit: true };

/**
 * JSONB holding a flat object of scalars (settings, custom_fields, metadata): key/value pairs.
 * Never a filter (a JSONB filter compares the whole document) nor a list column (AdminJS has no
 * list component for key-value). Values come back from the form as strings.
 */
export const keyValue: PropertyOptions = { type: 'key-value', isSortable: false, isVisible: NOT_IN_LIST_OR_FILTER };

/**
 * JSONB with nested structure (conditions, actions, permissions, any JSON value): pretty-printed
 * JSON in a textarea. Needs the `jsonTextHooks` of ./index.ts on the show/edit/new actions: AdminJS
 * flattens JSON into `path.0.key` params, which a textarea cannot show.
 */
export const jsonText: PropertyOptions = { type: 'textarea', isSortable: false, isVisible: NOT_IN_LIST_OR_FILTER };

/** A JSON or TEXT[] array of strings (tags, skills, locations): edited item by item. */
export const stringArray: PropertyOptions = { type: 'string', isArray: true, isSortable: false, isVisible: NOT_IN_LIST_OR_FILTER };

/** Not for people: never shown, edited, filtered or listed. */
export const hidden: PropertyOptions = {
  isVisible: { list: false, show: false, edit: false, filter: false },
  isSortable: false,
};

/** Secrets (hashes, tokens, encrypted credentials): hidden everywhere; see SECRET_PROPERTIES. */
export const secret: PropertyOptions = hidden;

/** The record's readable name. */
export const title: PropertyOptions = { isTitle: true };

/**
 * A virtual attribute (no column): shown, never sorted (ORDER BY on a missing column fails),
 * filtered or edited.
 */
export const virtual: PropertyOptions = {
  isSortable: false,
  isVisible: { list: true, show: true, edit: false, filter: false },
};

/** Merges presets left to right (later wins; isVisible objects are merged). */
export function prop(...parts: PropertyOptions[]): PropertyOptions {
  return parts.reduce<PropertyOptions>((memo, part) => {
    const merged: PropertyOptions = { ...memo, ...part };
    if (typeof memo.isVisible === 'object' && typeof part.isVisible === 'object') {
      merged.isVisible = { ...memo.isVisible, ...part.isVisible };
    }
    return merged;
  }, {});
}

/** Newest first (every table here has created_at). */
export const newestFirst = { sortBy: 'created_at', direction: 'desc' } as const;

/** Columns the database and the server fill: never in an edit form. */
export const SYSTEM_COLUMNS = ['id', 'workspace_id', 'created_at', 'updated_at'];
