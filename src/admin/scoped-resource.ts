/**
 * The panel's data access: @adminjs/sequelize's Resource with every read and write passed
 * through the permission policy and the workspace. Lists, counts and searches carry the
 * actor's scope in their WHERE; a single row (show, edit, delete, custom record actions) and
 * bulk selections are fetched under the scope of the action, so a guessed id of a row out of
 * scope is "not found"; writes get the actor's workspace, refuse references to other
 * workspaces, validate like the database, and are audited in the same transaction.
 */
import { BaseProperty, BaseRecord, NotFoundError, ValidationError, type ActionContext, type Filter, type PropertyErrors } from 'adminjs';
import { Resource as SequelizeResource } from '@adminjs/sequelize';
import { Op, Sequelize, type Model, type ModelStatic, type Transaction, type WhereOptions } from 'sequelize';
import type { Actor } from '../domain/permissions/actor.js';
import { actorScope } from '../domain/permissions/actor.js';
import { OWNER_COLUMN } from '../domain/permissions/ownership.js';
import { scopeCondition, workspaceColumn } from '../domain/permissions/scope-sql.js';
import { recordAudit } from './data/audit.js';
import { ReferenceRecord } from './data/reference-record.js';
import { convertFilter, typeKey } from './data/filters.js';
import { estimateCount } from './data/count.js';
import { checkReferences, columnValues, throwIfErrors, toValidationError } from './data/write-values.js';
import { SECRET_PROPERTIES } from './resources/secrets.js';
import { isUuid } from '../domain/uuid.js';
import { withActorTransaction } from './data/actor-transaction.js';

/** contacts, activities, estimates, sequences, email_campaigns: the user who created the row. */
const CREATOR_COLUMN = 'created_by';
const COMPOSITE_ID = 'id';
const COMPOSITE_SEPARATOR = '.';

type AnyModel = ModelStatic<Model>;
type Row = Record<string, unknown>;

export class ScopedResource extends SequelizeResource {
  readonly model: AnyModel;
  readonly table: string;
  readonly secrets: string[];

  constructor(model: AnyModel) {
    super(model as unknown as typeof Model);
    this.model = model;
    this.table = model.getTableName() as string;
    this.secrets = SECRET_PROPERTIES[this.table] ?? [];
  }

  // ---- reads ---------------------------------------------------------------------------

  /** The WHERE for `action`, or null when the actor may not use it at all. */
  scopeWhere(context: ActionContext | undefined, action: string): WhereOptions | null {
    const actor = context?.currentAdmin as Actor | undefined;
    if (!actor?.policies) return null;
    const scope = actorScope(actor, this.table, action);
    if (!scope) return null;
    const condition = scopeCondition(actor, this.table, scope, this.model.name);
    return condition ? Sequelize.literal(condition) : {};
  }

  private actionName(context: ActionContext | undefined, fallback: string): string {
    return context?.action?.name ?? fallback;
  }

  /** Scope + filters of a list-like read: `list`, `search`, or `export` (which filters the same). */
  whereFor(filter: Filter | undefined, context: ActionContext | undefined, action: string): WhereOptions | null {
    const scope = this.scopeWhere(context, action);
    if (!scope) return null;
    return { [Op.and]: [scope, ...convertFilter(this.table, this.rawAttributes() as never, filter)] };
  }

  private listAction(context: ActionContext | undefined): string {
    return this.actionName(context, 'list') === 'search' ? 'search' : 'list';
  }

  private get hasCreator(): boolean {
    return CREATOR_COLUMN in this.model.getAttributes();
  }

  private toRecord(row: Model): BaseRecord {
    return new BaseRecord(this.withKey(this.strip(row.toJSON() as Row)), this);
  }

  // ---- keys ----------------------------------------------------------------------------
  // AdminJS knows one id column. A table keyed by several (user_roles: workspace, user, role)
  // gets a virtual `id`, its key columns joined by COMPOSITE_SEPARATOR.

  private get keyColumns(): readonly string[] {
    return this.model.primaryKeyAttributes;
  }

  private get isComposite(): boolean {
    return this.keyColumns.length > 1;
  }

  private withKey(row: Row): Row {
    if (!this.isComposite) return row;
    return { ...row, [COMPOSITE_ID]: this.keyColumns.map((c) => String(row[c])).join(COMPOSITE_SEPARATOR) };
  }

  private keyOf(row: Row): unknown {
    return this.isComposite ? this.withKey(row)[COMPOSITE_ID] : row[this.primaryKey()];
  }

  override properties(): BaseProperty[] {
    const properties = super.properties();
    if (!this.isComposite) return properties;
    for (const property of properties) if (property.isId()) property.isId = () => false;
    return [new BaseProperty({ path: COMPOSITE_ID, isId: true, type: 'string', isSortable: false }), ...properties];
  }

  /** The WHERE of one row's key, or null when `id` cannot be a key of this table (no query then). */
  private keyWhere(id: unknown): WhereOptions | null {
    if (typeof id !== 'string' || id === '') return null;
    const parts = this.isComposite ? id.split(COMPOSITE_SEPARATOR) : [id];
    if (parts.length !== this.keyColumns.length) return null;
    const attributes = this.model.getAttributes() as Record<string, never>;
    const where: Record<string, string> = {};
    for (const [i, column] of this.keyColumns.entries()) {
      if (typeKey(attributes[column]) === 'UUID' && !isUuid(parts[i])) return null;
      where[column] = parts[i]!;
    }
    return where;
  }

  override async find(
    filter: Filter,
    { limit = 20, offset = 0, sort = {} }: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } },
    context?: ActionContext,
  ): Promise<BaseRecord[]> {
    const where = this.whereFor(filter, context, this.listAction(context));
    if (!where) return [];
    const attributes = this.model.getAttributes() as Record<string, never>;
    const sortable = (name?: string) => !!name && !!attributes[name] && !['VIRTUAL', 'JSONB', 'JSON', 'ARRAY'].includes(typeKey(attributes[name]));
    const sortBy = sortable(sort.sortBy) ? sort.sortBy! : sortable('created_at') ? 'created_at' : this.primaryKey();
    const direction = sort.direction === 'asc' ? 'ASC' : 'DESC';
    const pk = this.primaryKey();
    const rows = await this.model.findAll({
      where,
      limit,
      offset,
      // The key breaks ties, so a page boundary never repeats or skips a row.
      order: sortBy === pk ? [[pk, direction]] : [[sortBy, direction], [pk, direction]],
    });
    return rows.map((row) => this.toRecord(row));
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    const where = this.whereFor(filter, context, this.listAction(context));
    if (!where) return 0;
    return estimateCount(this.model, where);
  }

  override async findOne(id: string, context?: ActionContext): Promise<BaseRecord | null> {
    const row = await this.findScoped(id, context, this.actionName(context, 'show'));
    return row ? this.toRecord(row) : null;
  }

  /** One row by key under the action's scope; locked FOR UPDATE when read inside a write. */
  private async findScoped(
    id: unknown,
    context: ActionContext | undefined,
    action: string,
    transaction?: Transaction,
  ): Promise<Model | null> {
    const key = this.keyWhere(id);
    if (!key) return null;
    const scope = this.scopeWhere(context, action);
    if (!scope) return null;
    return this.model.findOne({
      where: { [Op.and]: [key, scope] },
      ...(transaction && { transaction, lock: transaction.LOCK.UPDATE }),
    });
  }

  /**
   * Bulk actions fetch their selection under the action's scope (ids out of scope drop out);
   * reference titles of other resources (populate) need only the same workspace.
   */
  override async findMany(ids: Array<string | number>, context?: ActionContext): Promise<BaseRecord[]> {
    const keys = ids.map((id) => this.keyWhere(String(id))).filter((key) => key !== null);
    if (keys.length === 0) return [];
    const ownAction = context?.resource?.id() === this.id() ? this.actionName(context, 'list') : null;
    const scope = ownAction ? this.scopeWhere(context, ownAction) : this.titleScope(context);
    if (!scope) return [];
    const where = { [Op.and]: [{ [Op.or]: keys }, scope] };
    if (ownAction) return (await this.model.findAll({ where })).map((row) => this.toRecord(row));
    // Populating references of another resource: the id and the title are all that is shown.
    const title = this.decorate().titleProperty().name();
    const attributes = [...new Set([this.primaryKey(), ...(title in this.model.getAttributes() ? [title] : [])])];
    const rows = await this.model.findAll({ where, attributes });
    return rows.map((row) => new ReferenceRecord(this.strip(row.toJSON() as Row), this));
  }

  /** Reference titles: any row of the actor's workspace (every workspace for a root admin). */
  private titleScope(context: ActionContext | undefined): WhereOptions | null {
    const actor = context?.currentAdmin as Actor | undefined;
    if (!actor?.policies) return null;
    const condition = scopeCondition(actor, this.table, actor.isRoot ? 'all' : 'workspace', this.model.name);
    return condition ? Sequelize.literal(condition) : {};
  }

  // ---- writes --------------------------------------------------------------------------

  /** A table's own form rules (a user's password); runs before references are checked. */
  protected async prepareValues(
    _values: Record<string, unknown>,
    _params: Record<string, unknown>,
    _isNew: boolean,
    _errors: PropertyErrors,
    _actor: Actor,
  ): Promise<void> {}

  private actorOf(context?: ActionContext): Actor {
    const actor = context?.currentAdmin as Actor | undefined;
    if (!actor?.policies) throw new ValidationError({}, { message: 'You are not logged in' });
    return actor;
  }

  override async create(params: Record<string, unknown>, context?: ActionContext): Promise<Row> {
    const actor = this.actorOf(context);
    const scope = actorScope(actor, this.table, this.actionName(context, 'new'));
    if (!scope) throw new ValidationError({}, { message: 'You may not create these records' });
    const { values, errors } = columnValues(this.model, params);
    const ws = workspaceColumn(this.table);
    if (ws === 'workspace_id') values.workspace_id = actor.workspaceId;
    // Who created a row is a fact of the request, not a form field.
    if (this.hasCreator) values[CREATOR_COLUMN] = actor.id;
    await this.prepareValues(values, params, true, errors, actor);
    const ownerColumn = OWNER_COLUMN[this.table];
    if ((scope === 'own' || scope === 'team') && ownerColumn) {
      // What a user with an `own` scope creates is theirs, or they could not see it afterwards.
      if (values[ownerColumn] == null) values[ownerColumn] = actor.id;
      else if (scope === 'own' && values[ownerColumn] !== actor.id) {
        errors[ownerColumn] = { message: 'You can only create records you own' };
      }
    }
    await checkReferences(this.model, values, ws ? actor.workspaceId : null, errors);
    throwIfErrors(errors);
    return this.write(actor, async (transaction) => {
      const row = await this.model.create(values, { transaction });
      const after = row.toJSON() as Row;
      await recordAudit({ actor, action: 'create', table: this.table, id: this.keyOf(after), before: null, after, secrets: this.secrets, transaction });
      return this.withKey(this.strip(after));
    });
  }

  override async update(id: string, params: Record<string, unknown>, context?: ActionContext): Promise<Row> {
    const actor = this.actorOf(context);
    const action = this.actionName(context, 'edit');
    const { values, errors } = columnValues(this.model, params);
    if (this.hasCreator) delete values[CREATOR_COLUMN];
    await this.prepareValues(values, params, false, errors, actor);
    await checkReferences(this.model, values, workspaceColumn(this.table) ? actor.workspaceId : null, errors);
    throwIfErrors(errors);
    return this.write(actor, async (transaction) => {
      const row = await this.findScoped(id, context, action, transaction);
      if (!row) throw new NotFoundError(`No ${this.table} record ${id} that you may edit`, 'update');
      const before = row.toJSON() as Row;
      row.set(values);
      await row.save({ transaction });
      await row.reload({ transaction });
      const after = row.toJSON() as Row;
      await recordAudit({ actor, action: 'update', table: this.table, id, before, after, secrets: this.secrets, transaction });
      return this.withKey(this.strip(after));
    });
  }

  override async delete(id: string, context?: ActionContext): Promise<void> {
    const actor = this.actorOf(context);
    const action = this.actionName(context, 'delete');
    await this.write(actor, async (transaction) => {
      const row = await this.findScoped(id, context, action, transaction);
      if (!row) throw new NotFoundError(`No ${this.table} record ${id} that you may delete`, 'delete');
      const before = row.toJSON() as Row;
      await row.destroy({ transaction });
      await recordAudit({ actor, action: 'delete', table: this.table, id, before, after: null, secrets: this.secrets, transaction });
    });
  }

  private strip(row: Row): Row {
    const copy = { ...row };
    for (const secret of this.secrets) delete copy[secret];
    return copy;
  }

  /**
   * Runs a write in a transaction; a database refusal becomes a message next to the field. The
   * domain events the write causes (outbox triggers) carry the acting user.
   */
  private async write<T>(actor: Actor, work: (transaction: Transaction) => Promise<T>): Promise<T> {
    try {
      return await withActorTransaction(actor, work);
    } catch (error) {
      throw toValidationError(this.model, error) ?? error;
    }
  }
}
