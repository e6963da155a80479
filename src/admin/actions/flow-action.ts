/**
 * The shape shared by the S0/S1 daily-flow actions (Log outreach, Log job posting, Share with
 * builders, Change status, Approve, Post message, Dismiss, Convert to client): a GET opens the
 * form (with whatever the form needs: prefill, choices, suggestions) and changes nothing; a POST
 * runs one domain function and its audit entries in one transaction. A rule's refusal becomes an
 * error notice and the transaction rolls back, so nothing is written. The role policy guards the
 * action by its name like any action (index.ts registers it; access.ts checks it), and the
 * record arrives read under that action's row scope (another workspace's row is "not found").
 */
import { NotFoundError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type BaseRecord } from 'adminjs';
import type { Transaction } from 'sequelize';
import type { Actor } from '../../domain/permissions/actor.js';
import { RuleError } from '../../domain/rule-error.js';
import { mayUse } from '../access.js';
import { component } from '../components/loader.js';
import { withActorTransaction } from '../data/actor-transaction.js';
import { recordAudit } from '../data/audit.js';

/** A refusal decided in the panel (a second permission the action needs). */
export class FlowRefusal extends RuleError {}

const isRefusal = (e: unknown): e is Error => e instanceof RuleError;

export interface FlowField {
  name: string;
  label: string;
  type?: 'text' | 'textarea' | 'select' | 'date' | 'url';
  options?: readonly string[];
  required?: boolean;
  /** The form asks the action for suggestions as the user types (a GET with ?suggest=&q=). */
  suggest?: boolean;
  help?: string;
}

export interface AuditEntry {
  action: 'create' | 'update';
  table: string;
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  description: string;
}

export interface FlowResult {
  message: string;
  audits: AuditEntry[];
  /** Where to go afterwards (default: the record's show page, or the resource's list). */
  redirect?: { resourceId: string; recordId: string };
}

export interface FlowRun {
  actor: Actor;
  record?: BaseRecord;
  payload: Record<string, string>;
  context: ActionContext;
}

export interface FlowSpec {
  actionType: 'record' | 'resource';
  icon: string;
  /** Shown above the form. */
  intro: string;
  submit: string;
  fields: FlowField[];
  /** Whether the button is offered for this row (the domain refuses the other cases anyway). */
  appliesTo?: (record: BaseRecord, actor: Actor) => boolean;
  /** GET: the form's prefill (`defaults`) and anything else its component reads. */
  load?: (run: Omit<FlowRun, 'payload'>, request: ActionRequest) => Promise<Record<string, unknown>>;
  run: (run: FlowRun, transaction: Transaction) => Promise<FlowResult>;
  /** A custom component instead of the generic form. */
  component?: string;
}

const flowForm = component('FlowForm', 'flow-form.jsx');

/** The form's values as strings (AdminJS passes multipart fields as they came). */
function payloadOf(request: ActionRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.payload ?? {}) as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}

export function flowAction(spec: FlowSpec): Partial<Action<ActionResponse>> {
  return {
    actionType: spec.actionType,
    icon: spec.icon,
    component: spec.component ?? flowForm,
    custom: { intro: spec.intro, submit: spec.submit, fields: spec.fields },
    ...(spec.appliesTo && {
      isVisible: ({ record, currentAdmin }: ActionContext) => !!record && spec.appliesTo!(record, currentAdmin as Actor),
    }),
    handler: async (request, _response, context) => {
      const { record, resource, currentAdmin, h } = context;
      const actor = currentAdmin as Actor;
      if (spec.actionType === 'record' && !record) throw new NotFoundError('No record given', 'flowAction');
      const base = record ? { record: record.toJSON(currentAdmin) } : {};
      if (request.method !== 'post') {
        const loaded = spec.load ? await spec.load({ actor, record, context }, request) : {};
        return { ...base, ...loaded } as ActionResponse;
      }
      let result: FlowResult;
      try {
        // Domain events caused here (an application's status change …) name who acted.
        result = await withActorTransaction(actor, async (transaction) => {
          const done = await spec.run({ actor, record, payload: payloadOf(request), context }, transaction);
          for (const a of done.audits) {
            await recordAudit({ actor, action: a.action, table: a.table, id: a.id, before: a.before, after: a.after, description: a.description, transaction });
          }
          return done;
        });
      } catch (error) {
        if (isRefusal(error)) return { ...base, notice: { message: error.message, type: 'error' } } as ActionResponse;
        throw error;
      }
      const target = result.redirect ?? (record ? { resourceId: resource.id(), recordId: String(record.id()) } : null);
      const fresh = record ? await resource.findOne(String(record.id()), context) : null;
      return {
        ...(fresh ? { record: fresh.toJSON(currentAdmin) } : base),
        notice: { message: result.message, type: 'success' },
        redirectUrl: target
          ? h.recordActionUrl({ ...target, actionName: 'show' })
          : h.resourceUrl({ resourceId: resource.id() }),
      } as ActionResponse;
    },
  };
}

/** Refuses unless the actor's policy also allows `action` on `table` (e.g. creating the row the flow creates). */
export function requirePermission(actor: Actor, table: string, action: string, what: string): void {
  if (!mayUse(actor, table, action)) throw new FlowRefusal(`You may not ${what}: your role does not allow ${action} on ${table.replace(/_/g, ' ')}`);
}
