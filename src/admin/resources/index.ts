/**
 * Every table's presentation, in sidebar (NAV) order. Two AdminJS 7.8 display gaps are closed
 * here with `after` hooks added to each spec's own actions (list, show, edit, new):
 * - nested JSONB shown as JSON text: AdminJS flattens JSON into `column.0.key` params, which a
 *   textarea cannot show (and whose leaves a form sends back as strings);
 * - empty money in a show view: the currency component prints `${null}` → "NaN".
 */
import { flat, type ActionContext, type ActionRequest, type ActionResponse, type After } from 'adminjs';
import type { Model, ModelStatic } from 'sequelize';
import { outreachResources } from './outreach.js';
import { recruitingResources } from './recruiting.js';
import { salesResources } from './sales.js';
import { pipelineResources } from './pipeline.js';
import { emailResources } from './email.js';
import { campaignResources } from './campaigns.js';
import { automationResources } from './automation.js';
import { analyticsResources } from './analytics.js';
import { securityResources } from './security.js';
import { settingsResources } from './settings.js';
import { humanize } from './labels.js';
import { RELATED_PROPERTY } from './related-property.js';
import type { ResourceSpec } from './types.js';

export { SECRET_PROPERTIES } from './secrets.js';
export type { ResourceSpec } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = ModelStatic<Model<any, any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Params = Record<string, any>;

const tableOf = (spec: ResourceSpec): string => spec.model.getTableName() as string;

function columnType(model: AnyModel, column: string): string | undefined {
  return (model.getAttributes()[column]?.type as { key?: string } | undefined)?.key;
}

/** The spec's JSONB columns presented as JSON text (the `jsonText` preset: a textarea). */
function jsonTextColumns(spec: ResourceSpec): string[] {
  return Object.entries(spec.options.properties ?? {})
    .filter(([column, options]) => options.type === 'textarea' && ['JSON', 'JSONB'].includes(columnType(spec.model, column) ?? ''))
    .map(([column]) => column);
}

/** The spec's columns shown with the `currency` type. */
function moneyColumns(spec: ResourceSpec): string[] {
  return Object.entries(spec.options.properties ?? {})
    .filter(([, options]) => options.type === 'currency')
    .map(([column]) => column);
}

/**
 * Replaces each column's flattened JSON (`{ a: [1] }` arrives as the param `column.a.0`) with one
 * pretty-printed JSON string, which a textarea can show and edit. `indent` defaults to two spaces;
 * the show view gets no-break spaces, as HTML collapses ordinary ones.
 */
export function jsonParamsToText(params: Params, columns: readonly string[], indent = '  '): Params {
  const next: Params = { ...params };
  for (const column of columns) {
    const value = flat.get(params, column);
    if (value === undefined) continue;
    for (const key of Object.keys(next)) {
      if (key === column || key.startsWith(`${column}${flat.DELIMITER}`)) delete next[key];
    }
    next[column] = JSON.stringify(value, null, indent);
  }
  return next;
}

const SHOW_INDENT = '\u00a0\u00a0\u00a0\u00a0';

/**
 * The `after` hook of one action. JSON-text columns become text (the form sends that text back as
 * a string, which the write path parses: ScopedResource's columnValues JSON.parse's a string given
 * for a JSONB column); after a refused save, the text the user typed is kept as typed. In the
 * show view, empty money is blanked so the currency component does not print "NaN".
 */
export function presentationAfter(
  json: readonly string[],
  money: readonly string[],
  view: 'list' | 'show' | 'edit' | 'new',
): After<ActionResponse> {
  const present = (params: Params): Params => {
    const next = json.length ? jsonParamsToText(params, json, view === 'show' ? SHOW_INDENT : '  ') : { ...params };
    if (view === 'show') for (const column of money) if (next[column] === null) next[column] = '';
    return next;
  };
  return async (response: ActionResponse, request: ActionRequest, _context: ActionContext) => {
    const record = response.record as { params?: Params; errors?: Params } | undefined;
    // A refused response carries empty params: it stays empty.
    if (record?.params && Object.keys(record.params).length > 0) {
      const refused = request.method === 'post' && Object.keys(record.errors ?? {}).length > 0;
      const typed = refused ? stringsOf(request.payload ?? {}, json) : {};
      response.record = { ...record, params: { ...present(record.params), ...typed } };
    }
    if (Array.isArray(response.records)) {
      response.records = response.records.map((each: { params?: Params }) =>
        each?.params ? { ...each, params: present(each.params) } : each);
    }
    return response;
  };
}

function stringsOf(params: Params, keys: readonly string[]): Params {
  return Object.fromEntries(keys.filter((key) => typeof params[key] === 'string').map((key) => [key, params[key]]));
}

const VIEWS = ['list', 'show', 'edit', 'new'] as const;

/** The spec with `presentationAfter` appended to its list/show/edit/new hooks, when it needs one. */
function withPresentationHooks(spec: ResourceSpec): ResourceSpec {
  const json = jsonTextColumns(spec);
  const money = moneyColumns(spec);
  if (!json.length && !money.length) return spec;
  // Loosely typed: AdminJS types each standard action's hooks with its own response type.
  const actions: Record<string, { after?: unknown }> = { ...spec.options.actions };
  for (const view of VIEWS) {
    if (!json.length && view !== 'show') continue;
    const after = presentationAfter(json, money, view);
    const existing = actions[view]?.after;
    actions[view] = {
      ...actions[view],
      after: existing ? [...(Array.isArray(existing) ? existing : [existing]), after] : [after],
    };
  }
  return { ...spec, options: { ...spec.options, actions: actions as ResourceSpec['options']['actions'] } };
}

export const allResourceSpecs: ResourceSpec[] = [
  ...outreachResources,
  ...recruitingResources,
  ...salesResources,
  ...pipelineResources,
  ...emailResources,
  ...campaignResources,
  ...automationResources,
  ...analyticsResources,
  ...securityResources,
  ...settingsResources,
].map(withPresentationHooks);

/** Table → JSONB columns shown and edited as JSON text. */
export const JSON_TEXT_PROPERTIES: Record<string, string[]> = Object.fromEntries(
  allResourceSpecs
    .map((spec): [string, string[]] => [tableOf(spec), jsonTextColumns(spec)])
    .filter(([, columns]) => columns.length > 0),
);

/** Title Case, like AdminJS's own labels ("Expected Close Date"). */
const titleCase = (text: string): string => text.replace(/(^|\s)([a-z])/g, (_m, space: string, letter: string) => space + letter.toUpperCase());

/**
 * Column labels for the locale (`translations.en.resources`): a foreign key reads as the thing it
 * points to ('owner_id' → 'Owner', 'account_manager_id' → 'Account Manager'), where AdminJS
 * would say "Owner Id".
 */
export const RESOURCE_TRANSLATIONS: Record<string, { properties: Record<string, string> }> = Object.fromEntries(
  allResourceSpecs.map((spec) => {
    const properties: Record<string, string> = { [RELATED_PROPERTY]: 'Related records' };
    for (const [column, attribute] of Object.entries(spec.model.getAttributes())) {
      if (attribute.references && column.endsWith('_id')) properties[column] = titleCase(humanize(column.slice(0, -3)));
    }
    return [tableOf(spec), { properties }];
  }),
);
