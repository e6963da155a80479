/**
 * The panel's presentation options (src/admin/resources/): every table has exactly one resource,
 * every property named exists, lists stay short and useful, filters never offer the columns that
 * crash AdminJS, secrets are hidden everywhere, logs and metrics are read only, and AdminJS
 * 7.8 accepts every resource as configured. No server is started.
 */
import AdminJS, { type BaseResource, type PropertyOptions } from 'adminjs';
import { Database, Resource } from '@adminjs/sequelize';
import type { Model, ModelStatic } from 'sequelize';
import { sequelize } from '../src/db.js';
import { allModels, Workflow, Workspace } from '../src/models/index.js';
import {
  allResourceSpecs,
  JSON_TEXT_PROPERTIES,
  jsonParamsToText,
  RESOURCE_TRANSLATIONS,
  SECRET_PROPERTIES,
} from '../src/admin/resources/index.js';
import { enumValues, humanize } from '../src/admin/resources/labels.js';
import { NAV, type ResourceSpec } from '../src/admin/resources/types.js';

afterAll(() => sequelize.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = ModelStatic<Model<any, any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Attribute = { type: { key: string; type?: { key: string } }; values?: string[]; references?: any; primaryKey?: boolean };

const WHERE = ['list', 'filter', 'show', 'edit'] as const;
const tableOf = (spec: ResourceSpec): string => spec.model.getTableName() as string;
const attributesOf = (model: AnyModel) => model.getAttributes() as unknown as Record<string, Attribute>;
const typeKey = (attribute: Attribute): string => attribute.type.key;
const isJsonOrArray = (attribute: Attribute): boolean => ['JSON', 'JSONB', 'ARRAY'].includes(typeKey(attribute));
const propertiesOf = (spec: ResourceSpec): Record<string, PropertyOptions> => spec.options.properties ?? {};
const namesIn = (spec: ResourceSpec, where: (typeof WHERE)[number]): string[] =>
  (spec.options as Record<string, unknown>)[`${where}Properties`] as string[] ?? [];

/** Form-only fields: declared in `properties`, edited but never shown or listed (users.password). */
function isFormOnly(spec: ResourceSpec, name: string): boolean {
  const visible = propertiesOf(spec)[name]?.isVisible;
  return typeof visible === 'object' && visible.edit === true && visible.show === false && visible.list === false;
}

/** Columns worth a list column: not ids, tenancy (unless part of the key), secrets, JSON or arrays. */
function listable(spec: ResourceSpec): string[] {
  const secrets = SECRET_PROPERTIES[tableOf(spec)] ?? [];
  return Object.entries(attributesOf(spec.model))
    .filter(([name, attribute]) => name !== 'id' && !(name === 'workspace_id' && !attribute.primaryKey))
    .filter(([name]) => !secrets.includes(name))
    .filter(([, attribute]) => !isJsonOrArray(attribute) && typeKey(attribute) !== 'BLOB')
    .map(([name]) => name);
}

describe('resource specs', () => {
  test('every model has exactly one resource, in NAV order, keeping the table name as id', () => {
    const specTables = allResourceSpecs.map(tableOf);
    const modelTables = allModels.map((model) => model.getTableName() as string);
    expect([...specTables].sort()).toEqual([...modelTables].sort());
    expect(new Set(specTables).size).toBe(specTables.length);

    const navOrder: string[] = Object.values(NAV).map((nav) => nav.name);
    const seen = allResourceSpecs.map((spec) => (spec.options.navigation as { name: string }).name);
    for (const name of seen) expect(navOrder).toContain(name);
    const positions = seen.map((name) => navOrder.indexOf(name));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const spec of allResourceSpecs) expect(spec.options.id).toBeUndefined();
  });

  test.each(allResourceSpecs.map((spec) => [tableOf(spec), spec] as const))('%s: every named property exists on the model', (_table, spec) => {
    const attributes = attributesOf(spec.model);
    const problems: string[] = [];
    for (const where of WHERE) {
      const names = namesIn(spec, where);
      if (!(where === 'edit' && spec.readOnly)) expect(names.length).toBeGreaterThan(0);
      if (new Set(names).size !== names.length) problems.push(`${where}Properties has duplicates`);
      for (const name of names) {
        if (attributes[name]) continue;
        if (where === 'edit' && isFormOnly(spec, name)) continue;
        problems.push(`${where}Properties: ${name}`);
      }
    }
    for (const name of Object.keys(propertiesOf(spec))) {
      if (!attributes[name] && !isFormOnly(spec, name)) problems.push(`properties: ${name}`);
    }
    const title = spec.options.titleProperty;
    if (!title || !attributes[title]) problems.push(`titleProperty: ${title}`);
    else if (propertiesOf(spec)[title]?.isTitle !== true) problems.push(`properties.${title}.isTitle`);
    expect(problems).toEqual([]);
  });

  test.each(allResourceSpecs.map((spec) => [tableOf(spec), spec] as const))('%s: a short, useful list sorted newest first', (_table, spec) => {
    const list = namesIn(spec, 'list');
    const candidates = listable(spec);
    if (candidates.length >= 5) {
      expect(list.length).toBeGreaterThanOrEqual(5);
      expect(list.length).toBeLessThanOrEqual(8);
    } else {
      expect([...list].sort()).toEqual([...candidates].sort()); // small table: all of it
    }
    if (!attributesOf(spec.model).workspace_id?.primaryKey) expect(list).not.toContain('workspace_id');
    expect(list).not.toContain('id');

    const sort = spec.options.sort;
    expect(sort?.direction).toBe('desc');
    expect(attributesOf(spec.model)[sort!.sortBy]).toBeDefined();
  });

  test.each(allResourceSpecs.map((spec) => [tableOf(spec), spec] as const))('%s: filters and forms hold only safe columns', (_table, spec) => {
    const attributes = attributesOf(spec.model);
    const problems: string[] = [];
    for (const name of namesIn(spec, 'filter')) {
      const attribute = attributes[name]!;
      const key = typeKey(attribute);
      // TEXT[]: `values.map is not a function`; JSONB compares the whole document; INET and a
      // partial UUID in a LIKE are database errors; a VIRTUAL has no column.
      if (isJsonOrArray(attribute) || ['INET', 'VIRTUAL', 'BLOB'].includes(key)) problems.push(`filter ${name} (${key})`);
      if (key === 'UUID' && !attribute.references) problems.push(`filter ${name} (bare UUID)`);
    }
    for (const name of namesIn(spec, 'edit')) {
      if (['id', 'workspace_id', 'created_at', 'updated_at', 'weighted_value', 'days_in_pipeline'].includes(name)) {
        problems.push(`edit ${name}`);
      }
      if (attributes[name] && typeKey(attributes[name]) === 'VIRTUAL') problems.push(`edit ${name} (virtual)`);
    }
    for (const name of namesIn(spec, 'list')) {
      const options = propertiesOf(spec)[name];
      const shownAsText = options?.type === 'textarea' && typeof options.isVisible === 'object' && options.isVisible.list;
      if (attributes[name] && isJsonOrArray(attributes[name]) && !shownAsText) problems.push(`list ${name} (JSON/array)`);
      if (options?.type === 'richtext') problems.push(`list ${name} (rich text is rendered as HTML in lists)`);
    }
    expect(problems).toEqual([]);
  });

  test.each(allResourceSpecs.map((spec) => [tableOf(spec), spec] as const))('%s: JSON, arrays and enums are presented deliberately', (_table, spec) => {
    const attributes = attributesOf(spec.model);
    const properties = propertiesOf(spec);
    const shown = new Set(WHERE.flatMap((where) => namesIn(spec, where)));
    const problems: string[] = [];
    for (const [name, attribute] of Object.entries(attributes)) {
      const options = properties[name];
      if (isJsonOrArray(attribute) || typeKey(attribute) === 'VIRTUAL') {
        if (!options) problems.push(`${name}: no property options`);
        else if (options.isSortable !== false) problems.push(`${name}: sortable`);
        if (typeKey(attribute) === 'ARRAY' && shown.has(name) && !options?.isArray) problems.push(`${name}: not an array`);
      }
      if (typeKey(attribute) === 'ENUM') {
        const values = options?.availableValues?.map((v) => v.value);
        if (JSON.stringify(values) !== JSON.stringify(attribute.values)) problems.push(`${name}: availableValues ≠ enum`);
        if (options?.availableValues?.some((v) => !v.label || v.label === v.value && /_/.test(v.value))) {
          problems.push(`${name}: unreadable labels`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test('secrets are hidden everywhere and named in no property list', () => {
    for (const [table, columns] of Object.entries(SECRET_PROPERTIES)) {
      const spec = allResourceSpecs.find((s) => tableOf(s) === table);
      expect(spec).toBeDefined();
      for (const column of columns) {
        expect(attributesOf(spec!.model)[column]).toBeDefined();
        expect(propertiesOf(spec!)[column]?.isVisible).toEqual({ list: false, show: false, edit: false, filter: false });
        for (const where of WHERE) expect(namesIn(spec!, where)).not.toContain(column);
      }
    }
    expect(SECRET_PROPERTIES.users).toContain('password_hash');
    expect(SECRET_PROPERTIES.sessions).toContain('token');
    expect(SECRET_PROPERTIES.password_reset_tokens).toContain('token');
    expect(SECRET_PROPERTIES.email_accounts).toEqual(expect.arrayContaining(['access_token', 'refresh_token']));
    // Every column that looks like a credential is listed.
    for (const spec of allResourceSpecs) {
      for (const column of Object.keys(attributesOf(spec.model))) {
        if (/password|token$|_secret$|api_key/.test(column)) expect(SECRET_PROPERTIES[tableOf(spec)] ?? []).toContain(column);
      }
    }
  });

  test('metrics, logs, sessions, executions and reset tokens are read only', () => {
    const readOnly = new Set(allResourceSpecs.filter((spec) => spec.readOnly).map(tableOf));
    for (const table of [
      'pipeline_metrics', 'activity_metrics', 'email_metrics', 'call_metrics', 'contact_metrics', 'document_metrics',
      'revenue_metrics', 'audit_logs', 'security_logs', 'sessions', 'workflow_executions', 'password_reset_tokens',
    ]) {
      expect(readOnly).toContain(table);
    }
  });
});

describe('labels', () => {
  test('stored values read as sentence-case labels', () => {
    expect(humanize('closed_won')).toBe('Closed won');
    expect(humanize('1_3_months')).toBe('1–3 months');
    expect(humanize('quick_15min')).toBe('Quick 15 min');
    expect(humanize('nda')).toBe('NDA');
    expect(humanize('int_scheduled')).toBe('Interview scheduled');
    expect(enumValues(['open', 'on_hold'])).toEqual([
      { value: 'open', label: 'Open' },
      { value: 'on_hold', label: 'On hold' },
    ]);
  });
});

describe('AdminJS 7.8 accepts every resource', () => {
  AdminJS.registerAdapter({ Database, Resource });
  const admin = new AdminJS({
    resources: allResourceSpecs.map((spec) => ({ resource: spec.model, options: spec.options })),
  });
  const resourceOf = (table: string): BaseResource => admin.findResource(table);

  test.each(allResourceSpecs.map((spec) => [tableOf(spec), spec] as const))('%s decorates as configured', (table, spec) => {
    const decorated = resourceOf(table).decorate();
    const names = (list: { name(): string }[]) => list.map((p) => p.name());
    expect(names(decorated.getListProperties())).toEqual(spec.options.listProperties);
    expect(names(decorated.getProperties({ where: 'show' }))).toEqual(spec.options.showProperties);
    if (!spec.readOnly) expect(names(decorated.getProperties({ where: 'edit' }))).toEqual(spec.options.editProperties);
    expect(names(decorated.getProperties({ where: 'filter' }))).toEqual(spec.options.filterProperties);
    expect(decorated.titleProperty().name()).toBe(spec.options.titleProperty);
    const json = decorated.toJSON({ id: 'test', email: 'test@example.test' } as never);
    expect(json.navigation?.name).toBe((spec.options.navigation as { name: string }).name);
    // Secrets are hidden even where a view has no explicit list.
    for (const column of SECRET_PROPERTIES[table] ?? []) {
      const property = decorated.getPropertyByKey(column)!;
      for (const where of WHERE) expect(property.isVisible(where)).toBe(false);
    }
  });

  test('money columns use the currency type with its real option names, and empty money shows empty', async () => {
    const deal = resourceOf('deals').decorate().getPropertyByKey('value')!.toJSON('show');
    expect(deal.type).toBe('currency');
    expect(deal.props).toMatchObject({ decimalSeparator: '.', groupSeparator: ',' });
    // AdminJS 7.8's currency show component formats `${null}` as "NaN": the show hook blanks it.
    const spec = allResourceSpecs.find((s) => tableOf(s) === 'deals')!;
    const [after] = (spec.options.actions as Record<string, { after?: unknown }>).show!.after as
      ((...args: unknown[]) => Promise<{ record: { params: Record<string, unknown> } }>)[];
    const { record } = await after!({ record: { params: { value: '10.00', actual_value: null } } }, { method: 'get' }, {});
    expect(record.params).toEqual({ value: '10.00', actual_value: '' });
  });

  test('foreign keys are labelled by what they point to', () => {
    expect(RESOURCE_TRANSLATIONS.deals!.properties).toMatchObject({ owner_id: 'Owner', stage_id: 'Stage', account_id: 'Account' });
    expect(RESOURCE_TRANSLATIONS.outreach!.properties.staff_user_id).toBe('Staff User');
    expect(RESOURCE_TRANSLATIONS.deals!.properties.account_manager_id).toBe('Account Manager');
  });

  test('nested JSONB reaches the form as JSON text and keeps its types', async () => {
    expect(JSON_TEXT_PROPERTIES.workflows).toEqual(['trigger_conditions', 'actions']);
    expect(JSON_TEXT_PROPERTIES.system_settings).toEqual(['value']);

    const workspace = await Workspace.create({ name: 'Panel Co', slug: `panel-co-${Date.now()}` });
    const conditions = { all: [{ field: 'value', op: 'gt', value: 10000 }, { field: 'stage', op: 'in', value: ['a', 'b'] }] };
    const actions = [{ type: 'create_task', title: 'Call', due_in_days: 2, notify: true }];
    const workflow = await Workflow.create({
      workspace_id: workspace.id, name: 'Big deal', trigger_type: 'deal_created', trigger_conditions: conditions, actions,
    });

    const record = await resourceOf('workflows').findOne(workflow.id);
    const params = record!.toJSON().params;
    expect(params['actions.0.due_in_days']).toBe(2); // AdminJS flattens JSON: a textarea shows nothing

    type Hook = (...args: unknown[]) => Promise<{ record: { params: Record<string, unknown> } }>;
    const hook = (table: string, action: 'show' | 'edit') => {
      const spec = allResourceSpecs.find((s) => tableOf(s) === table)!;
      const after = (spec.options.actions as Record<string, { after?: unknown }>)[action]?.after as Hook[];
      expect(after).toHaveLength(1);
      return after[0]!;
    };
    const edited = (await hook('workflows', 'edit')({ record: record!.toJSON() }, { method: 'get' }, {})).record.params;
    expect(Object.keys(edited).filter((key) => key.startsWith('actions.') || key.startsWith('trigger_conditions.'))).toEqual([]);
    expect(JSON.parse(edited.actions as string)).toEqual(actions);
    expect(JSON.parse(edited.trigger_conditions as string)).toEqual(conditions);
    expect(edited.name).toBe('Big deal');
    // The show view indents with no-break spaces (HTML collapses ordinary ones).
    const shown = (await hook('workflows', 'show')({ record: record!.toJSON() }, { method: 'get' }, {})).record.params;
    expect(shown.actions).toContain('\u00a0');
    expect(JSON.parse((shown.actions as string).replace(/\u00a0/g, ' '))).toEqual(actions);

    // Scalars (system_settings.value) become their JSON text too; a refused save keeps what was typed.
    expect(jsonParamsToText({ value: false }, ['value'])).toEqual({ value: 'false' });
    expect(jsonParamsToText({ value: 'x@y.z' }, ['value'])).toEqual({ value: '"x@y.z"' });
    const refused = await hook('workflows', 'edit')(
      { record: { params: { actions: '[{ oops', name: 'Big deal' }, errors: { actions: { message: 'Must be valid JSON' } } } },
      { method: 'post', payload: { actions: '[{ oops' } },
      {},
    );
    expect(refused.record.params.actions).toBe('[{ oops');
  });
});
