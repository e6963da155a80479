/**
 * S2 workflows, their run history, and the tasks those runs created (tasks.workflow_id). The
 * definitions follow the engine's schema (src/domain/workflows/schema.ts; README → Workflows),
 * so the active ones run on new events: test/seed-demo.test.ts parses every one of them.
 */
import { Clock, id, int, type Deal, type DemoWorkspace, type Row, Seeder } from './demo-kit.js';

interface Run { at: Date; data: Row; deal?: Deal; contactId?: string | null; ownerId?: string; fail?: string }
interface Spec {
  name: string; description: string; status: string; trigger: string; conditions: Row; actions: Row[]; order: number;
  maxExecutions?: number; runs: Run[];
}

function specs(ws: DemoWorkspace, clock: Clock): Spec[] {
  const recent = (d: Date) => d.getTime() > clock.addDays(clock.anchor, -120).getTime();
  const welcome = ws.templates.find((t) => t.name === 'Welcome aboard');
  if (ws.slug === 'globex') {
    return [{
      name: 'Neuer Website-Kontakt', description: 'Neue Kontakte von der Website innerhalb eines Tages anrufen', status: 'active',
      trigger: 'contact_created', order: 0,
      conditions: { all: [{ field: 'source', op: 'eq', value: 'website' }] },
      actions: [{ type: 'create_task', title: 'Neuen Kontakt anrufen', assign_to: 'record_owner', due_in_days: 1, priority: 'high' }],
      runs: ws.contacts.filter((c) => recent(c.createdAt)).slice(0, 6).map((c) => ({ at: c.createdAt, data: { contact_id: c.id },
        contactId: c.id, ownerId: c.ownerId })),
    }];
  }
  const deals = ws.deals.filter((d) => recent(d.createdAt));
  return [
    {
      name: 'Large deal alert', description: 'Deals over $10,000 get a manager review task and a heads-up to the team lead',
      status: 'active', trigger: 'deal_created', order: 0,
      maxExecutions: 1000, conditions: { all: [{ field: 'value', op: 'gt', value: 10000 }] },
      actions: [
        { type: 'create_task', title: 'Review large deal with your manager', assign_to: 'record_owner', due_in_days: 1, priority: 'high' },
        { type: 'add_action_item', title: 'New deal over $10k: {{record.title}}', user: ws.users.manager!.id, priority: 'high' },
      ],
      runs: deals.filter((d) => d.value > 10_000).slice(0, 14).map((d) => ({ at: d.createdAt, data: { deal_id: d.id, value: d.value },
        deal: d })),
    },
    {
      name: 'Negotiation heads-up', description: 'When a deal reaches Negotiation, prepare the discount approval', status: 'active',
      trigger: 'deal_stage_changed', order: 0,
      conditions: { all: [{ field: 'stage_id', op: 'in', value: [...new Set(ws.deals
        .filter((d) => ['Negotiation', 'Contract Out'].includes(d.stage.name)).map((d) => d.stage.id))] }] },
      actions: [{ type: 'create_task', title: 'Prepare the discount approval', assign_to: 'record_owner', due_in_days: 2,
        priority: 'medium' }],
      runs: ws.deals.filter((d) => ['Negotiation', 'Contract Out'].includes(d.stage.name)).map((d) => ({ at: d.stageEnteredAt,
        data: { deal_id: d.id, to_stage_id: d.stage.id }, deal: d })),
    },
    {
      name: 'Won deal onboarding', description: 'Welcome e-mail, kickoff task and customer status when a deal is won', status: 'active',
      trigger: 'deal_won', order: 1,
      conditions: {},
      actions: [
        ...(welcome ? [{ type: 'send_email', template_id: welcome.id }] : []),
        { type: 'create_task', title: 'Schedule the kickoff call', assign_to: 'record_owner', due_in_days: 2, priority: 'medium' },
      ],
      runs: ws.deals.filter((d) => d.stage.isWon && d.closedAt).map((d, k) => ({ at: d.closedAt!, data: { deal_id: d.id }, deal: d,
        fail: k === 1 ? 'send_email: SMTP connection timed out after 30 s' : undefined })),
    },
    {
      name: 'Weekly pipeline review', description: 'Every Monday 08:00, ask the sales manager to review deals that have not moved',
      status: 'paused', trigger: 'scheduled', order: 0,
      conditions: { cron: '0 8 * * 1', timezone: 'America/New_York' },
      actions: [{ type: 'add_action_item', title: 'Review the deals that have not moved for 30 days', user: ws.users.manager!.id,
        priority: 'medium' }],
      runs: Array.from({ length: 8 }, (_, k) => ({ at: clock.addMinutes(clock.addDays(clock.anchor, -(3 + 7 * (8 - k))), 8 * 60),
        data: { matched_deals: int(2, 9) } })),
    },
  ];
}

export async function seedWorkflows(s: Seeder, clock: Clock, ws: DemoWorkspace): Promise<void> {
  const workflows: Row[] = [];
  const executions: Row[] = [];
  const tasks: Row[] = [];
  for (const spec of specs(ws, clock).slice(0, ws.scale.workflows)) {
    const workflowId = id();
    const createdAt = clock.ago(200, 240);
    // Only what happened after the workflow existed triggered it.
    const runs = spec.runs.filter((r) => r.at > createdAt).map((r) => ({ ...r, at: clock.notAfterAnchor(clock.addMinutes(r.at, 1)) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const owner = ws.users.admin!;
    for (const run of runs) {
      const ms = int(80, 2400);
      const done = new Date(run.at.getTime() + ms);
      const results: Row[] = [];
      for (const action of spec.actions) {
        if (action.type === 'create_task' && (!run.fail || run.fail.startsWith('send_email'))) {
          const taskId = id();
          const due = clock.addDays(run.at, Number(action.due_in_days ?? 1));
          const completed = due < clock.anchor && int(0, 9) < 8;
          tasks.push({
            id: taskId, workspace_id: ws.id, title: action.title, description: `Created by the workflow “${spec.name}”.`,
            status: completed ? 'completed' : 'pending',
            priority: action.priority ?? 'medium', due_at: due,
            completed_at: completed ? clock.notAfterAnchor(clock.addMinutes(due, -int(30, 600))) : null,
            assigned_to: run.deal?.ownerId ?? run.ownerId ?? owner.id, deal_id: run.deal?.id ?? null,
            contact_id: run.deal?.contactId ?? run.contactId ?? null,
            account_id: run.deal?.accountId ?? null, opportunity_id: run.deal?.opportunityId ?? null, workflow_id: workflowId,
            created_at: done,
          });
          results.push({ type: 'create_task', status: 'success', task_id: taskId });
        } else if (action.type === 'send_email' && run.fail) {
          results.push({ type: 'send_email', status: 'failed', error: run.fail });
        } else {
          results.push({ type: action.type, status: 'success' });
        }
      }
      const failures = results.filter((r) => r.status === 'failed').length;
      executions.push({
        id: id(), workspace_id: ws.id, workflow_id: workflowId, status: 'completed', trigger_data: { trigger: spec.trigger, ...run.data },
        actions_executed: results, success_count: results.length - failures, failure_count: failures, error_message: run.fail ?? null,
        started_at: run.at, completed_at: done, duration_seconds: ms / 1000, created_at: run.at,
      });
    }
    const lastRun = runs[runs.length - 1]?.at ?? null;
    workflows.push({
      id: workflowId, workspace_id: ws.id, name: spec.name, description: spec.description, status: spec.status, trigger_type: spec.trigger,
      trigger_conditions: spec.conditions, actions: spec.actions, execution_order: spec.order, max_executions: spec.maxExecutions ?? null,
      execution_count: runs.length, owner_id: owner.id, last_executed_at: lastRun, created_at: createdAt, updated_at: lastRun ?? createdAt,
    });
  }
  await s.insert('workflows', workflows);
  await s.insert('workflow_executions', executions);
  await s.insert('tasks', tasks);
}
