/**
 * S3 lead routing: a new lead is matched against its workspace's active `lead_routing_rules`,
 * highest `priority` first (ties: oldest rule); the first match
 * - assigns the owner: round robin over `round_robin_users` (use_round_robin), else the fixed
 *   `assign_to_user_id`, else round robin over the members of the team named `assign_to_team`.
 *   Users who are inactive, deleted or not of the workspace are skipped. A lead that arrives
 *   with an owner (chosen in the panel or a CSV column) keeps it and takes no turn;
 * - sets the lead's priority to `set_priority` (when set) and adds `add_tags`;
 * - creates `auto_create_tasks` for the lead, assigned to its owner.
 *
 * Where it runs: in PostgreSQL, as an AFTER INSERT statement trigger on `leads` (migration
 * 20261123150200, SQL below). Every way a lead is created — the panel, the CSV import's
 * INSERT … SELECT, the public form, a workflow, psql — is an INSERT, so none can skip routing,
 * and an import batch is routed in a few set-based statements rather than a loop. Updating an
 * existing lead (an import or form that matches its email) does not route it again.
 *
 * Round robin is safe under concurrency: the trigger locks the matched rules (in id order, so
 * two statements cannot deadlock) and advances `last_assigned_user_id`, the rotation cursor,
 * under that lock; a statement of n leads takes n consecutive turns. The lock is held to the
 * end of the creating transaction, so concurrent creations through one rule take turns.
 *
 * Conditions (`conditions` JSONB) are a declarative tree, evaluated without eval:
 *   {}                                         matches every lead
 *   { "all": [c, …] } | { "any": [c, …] } | { "not": c }
 *   { "field": "<leads column or email_domain>", "op": "<op>", "value": … }
 * ops: eq, neq, in, not_in (value a list), gt, gte, lt, lte (numbers, else text order),
 * contains (substring, or element of an array column such as tags), is_set, is_empty.
 * Text compares case-insensitively. The lead is seen as inserted (with what its insert
 * triggers collected, e.g. past e-mail engagement), before activities recorded after it.
 *
 * This module imports only zod: migrations load it.
 */
import { z } from 'zod';

export const ROUTING_OPERATORS = ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'contains', 'is_set', 'is_empty'] as const;

type Leaf = { field: string; op?: (typeof ROUTING_OPERATORS)[number]; value?: unknown };
export type RoutingCondition = Record<string, never> | { all: RoutingCondition[] } | { any: RoutingCondition[] } | { not: RoutingCondition } | Leaf;

/** A rule's conditions as the trigger understands them (for validating a rule at save). */
export const routingConditionSchema: z.ZodType<RoutingCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(routingConditionSchema) }),
    z.strictObject({ any: z.array(routingConditionSchema) }),
    z.strictObject({ not: routingConditionSchema }),
    z.strictObject({ field: z.string().min(1), op: z.enum(ROUTING_OPERATORS).optional(), value: z.unknown().optional() }),
    z.strictObject({}),
  ]),
) as z.ZodType<RoutingCondition>;

/** A task template of `auto_create_tasks`. */
export const routingTaskSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().optional(),
  priority: z.enum(['low', 'medium', 'high', 'urgent']).optional(),
  due_in_hours: z.number().nonnegative().optional(),
  due_in_days: z.number().nonnegative().optional(),
});

const number = (x: string) =>
  `(CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x} #>> '{}')::numeric
         WHEN jsonb_typeof(${x}) = 'string' AND (${x} #>> '{}') ~ '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$' THEN btrim(${x} #>> '{}')::numeric END)`;

/** DDL of the routing functions and the trigger function (CREATE OR REPLACE). */
export function leadRoutingSql(): string {
  return `
    -- A JSON number, or a string that reads as one; else NULL.
    CREATE OR REPLACE FUNCTION lead_routing_number(x jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
      SELECT ${number('x')}
    $$;

    CREATE OR REPLACE FUNCTION lead_routing_value_eq(v jsonb, want jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN v IS NULL OR jsonb_typeof(v) = 'null' THEN want IS NULL OR jsonb_typeof(want) = 'null'
        WHEN jsonb_typeof(v) = 'number' AND lead_routing_number(want) IS NOT NULL THEN lead_routing_number(v) = lead_routing_number(want)
        ELSE lower(v #>> '{}') = lower(want #>> '{}')
      END
    $$;

    -- -1, 0, 1, or NULL when either side is missing.
    CREATE OR REPLACE FUNCTION lead_routing_compare(v jsonb, want jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE
        WHEN v IS NULL OR jsonb_typeof(v) = 'null' OR want IS NULL OR jsonb_typeof(want) = 'null' THEN NULL
        WHEN lead_routing_number(v) IS NOT NULL AND lead_routing_number(want) IS NOT NULL
          THEN sign(lead_routing_number(v) - lead_routing_number(want))::integer
        WHEN (v #>> '{}') < (want #>> '{}') THEN -1
        WHEN (v #>> '{}') > (want #>> '{}') THEN 1
        ELSE 0
      END
    $$;

    CREATE OR REPLACE FUNCTION lead_routing_matches(cond jsonb, lead jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      v jsonb;
      want jsonb;
      c integer;
      list jsonb;
    BEGIN
      IF cond IS NULL OR jsonb_typeof(cond) <> 'object' OR cond = '{}'::jsonb THEN RETURN true; END IF;
      IF cond ? 'all' THEN
        RETURN coalesce((SELECT bool_and(lead_routing_matches(x, lead)) FROM jsonb_array_elements(cond -> 'all') AS x), true);
      ELSIF cond ? 'any' THEN
        RETURN coalesce((SELECT bool_or(lead_routing_matches(x, lead)) FROM jsonb_array_elements(cond -> 'any') AS x), false);
      ELSIF cond ? 'not' THEN
        RETURN NOT lead_routing_matches(cond -> 'not', lead);
      END IF;
      v := lead -> (cond ->> 'field');
      want := cond -> 'value';
      list := CASE WHEN jsonb_typeof(want) = 'array' THEN want ELSE jsonb_build_array(want) END;
      CASE coalesce(cond ->> 'op', 'eq')
        WHEN 'eq' THEN RETURN lead_routing_value_eq(v, want);
        WHEN 'neq' THEN RETURN NOT lead_routing_value_eq(v, want);
        WHEN 'in' THEN RETURN EXISTS (SELECT 1 FROM jsonb_array_elements(list) AS w WHERE lead_routing_value_eq(v, w));
        WHEN 'not_in' THEN RETURN NOT EXISTS (SELECT 1 FROM jsonb_array_elements(list) AS w WHERE lead_routing_value_eq(v, w));
        WHEN 'gt', 'gte', 'lt', 'lte' THEN
          c := lead_routing_compare(v, want);
          RETURN c IS NOT NULL AND CASE cond ->> 'op' WHEN 'gt' THEN c > 0 WHEN 'gte' THEN c >= 0 WHEN 'lt' THEN c < 0 ELSE c <= 0 END;
        WHEN 'contains' THEN
          IF jsonb_typeof(v) = 'array' THEN
            RETURN EXISTS (SELECT 1 FROM jsonb_array_elements(v) AS e WHERE lead_routing_value_eq(e, want));
          END IF;
          RETURN coalesce(strpos(lower(v #>> '{}'), lower(want #>> '{}')) > 0, false);
        WHEN 'is_set' THEN RETURN coalesce(jsonb_typeof(v) <> 'null' AND v <> '[]'::jsonb AND v <> '""'::jsonb, false);
        WHEN 'is_empty' THEN RETURN NOT coalesce(jsonb_typeof(v) <> 'null' AND v <> '[]'::jsonb AND v <> '""'::jsonb, false);
        ELSE RETURN false; -- an unknown operator never matches (rules are validated at save)
      END CASE;
    END $$;

    -- May this user own a lead of the workspace? (active, not deleted, home or role there)
    CREATE OR REPLACE FUNCTION lead_routing_can_own(user_id uuid, ws uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT EXISTS (
        SELECT 1 FROM users AS u
         WHERE u.id = user_id AND u.is_active AND u.deleted_at IS NULL
           AND (u.workspace_id = ws OR EXISTS (SELECT 1 FROM user_roles AS r WHERE r.user_id = u.id AND r.workspace_id = ws)))
    $$;

    -- The users a rule hands leads to, in rotation order; one user = a fixed assignment.
    CREATE OR REPLACE FUNCTION lead_routing_pool(r lead_routing_rules) RETURNS uuid[] LANGUAGE sql STABLE AS $$
      SELECT CASE
        WHEN r.use_round_robin AND cardinality(r.round_robin_users) > 0 THEN ARRAY(
          SELECT x.id FROM unnest(r.round_robin_users) WITH ORDINALITY AS x(id, o)
           WHERE lead_routing_can_own(x.id, r.workspace_id)
           GROUP BY x.id ORDER BY min(x.o))
        WHEN r.assign_to_user_id IS NOT NULL THEN
          ARRAY(SELECT r.assign_to_user_id WHERE lead_routing_can_own(r.assign_to_user_id, r.workspace_id))
        WHEN r.assign_to_team IS NOT NULL THEN ARRAY(
          SELECT u.id FROM teams AS t JOIN users AS u ON u.team_id = t.id
           WHERE t.workspace_id = r.workspace_id AND t.name = r.assign_to_team AND lead_routing_can_own(u.id, r.workspace_id)
           ORDER BY u.created_at, u.id)
        ELSE '{}'::uuid[]
      END
    $$;

    CREATE OR REPLACE FUNCTION leads_route_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      lead_ids uuid[];
      rule_ids uuid[];
    BEGIN
      -- 1. The first matching rule of each new lead, seen as it is now (after the insert's
      --    other triggers), in insert order.
      SELECT array_agg(l.id ORDER BY l.created_at, l.id), array_agg(r.id ORDER BY l.created_at, l.id)
        INTO lead_ids, rule_ids
        FROM inserted_leads AS n
        JOIN leads AS l ON l.id = n.id
        CROSS JOIN LATERAL (
          SELECT r.id FROM lead_routing_rules AS r
           WHERE r.workspace_id = l.workspace_id AND r.is_active
             AND lead_routing_matches(r.conditions, to_jsonb(l) || jsonb_build_object('email_domain', split_part(l.email, '@', 2)))
           ORDER BY r.priority DESC, r.created_at, r.id
           LIMIT 1) AS r;
      IF lead_ids IS NULL THEN RETURN NULL; END IF;

      -- 2. Lock the rules, in id order: round-robin cursors advance one transaction at a time,
      --    and the statements below read them as locked (a new snapshot per statement).
      PERFORM 1 FROM lead_routing_rules WHERE id = ANY (rule_ids) ORDER BY id FOR UPDATE;

      -- 3. Turns, cursor, owner, priority and tags in one statement.
      WITH m AS (
        SELECT * FROM unnest(lead_ids, rule_ids) WITH ORDINALITY AS m(lead_id, rule_id, o)
      ), turns AS (
        SELECT m.lead_id, m.rule_id, row_number() OVER (PARTITION BY m.rule_id ORDER BY m.o)::integer AS k
          FROM m JOIN leads AS l ON l.id = m.lead_id
         WHERE l.owner_id IS NULL
      ), need AS (
        SELECT rule_id, count(*)::integer AS n FROM turns GROUP BY rule_id
      ), pools AS (
        SELECT r.id AS rule_id, p.pool, coalesce(array_position(p.pool, r.last_assigned_user_id), 0) AS pos
          FROM lead_routing_rules AS r
          CROSS JOIN LATERAL (SELECT lead_routing_pool(r) AS pool) AS p
         WHERE r.id IN (SELECT rule_id FROM need) AND cardinality(p.pool) > 0
      ), cursor AS (
        UPDATE lead_routing_rules AS r
           SET last_assigned_user_id = p.pool[(p.pos + need.n - 1) % cardinality(p.pool) + 1]
          FROM pools AS p JOIN need USING (rule_id)
         WHERE r.id = p.rule_id
        RETURNING r.id
      ), assigned AS (
        SELECT t.lead_id, p.pool[(p.pos + t.k - 1) % cardinality(p.pool) + 1] AS owner_id
          FROM turns AS t JOIN pools AS p USING (rule_id)
      )
      UPDATE leads AS l
         SET owner_id = coalesce(l.owner_id, a.owner_id),
             priority = coalesce(r.set_priority::text::enum_leads_priority, l.priority),
             tags = ARRAY(SELECT x.tag FROM unnest(l.tags || r.add_tags) WITH ORDINALITY AS x(tag, o) GROUP BY x.tag ORDER BY min(x.o))
        FROM m
        JOIN lead_routing_rules AS r ON r.id = m.rule_id
        LEFT JOIN assigned AS a ON a.lead_id = m.lead_id
       WHERE l.id = m.lead_id;

      -- 4. The rule's tasks, for the owner the lead now has.
      INSERT INTO tasks (workspace_id, title, description, priority, due_at, assigned_to, lead_id)
      SELECT l.workspace_id,
             coalesce(nullif(btrim(t ->> 'title'), ''), 'Follow up on the new lead'),
             t ->> 'description',
             CASE WHEN t ->> 'priority' IN ('low', 'medium', 'high', 'urgent') THEN (t ->> 'priority')::enum_tasks_priority ELSE 'medium' END,
             CASE WHEN lead_routing_number(t -> 'due_in_days') IS NULL AND lead_routing_number(t -> 'due_in_hours') IS NULL THEN NULL
                  ELSE now() + coalesce(lead_routing_number(t -> 'due_in_days'), 0) * interval '1 day'
                             + coalesce(lead_routing_number(t -> 'due_in_hours'), 0) * interval '1 hour' END,
             l.owner_id, l.id
        FROM unnest(lead_ids, rule_ids) AS m(lead_id, rule_id)
        JOIN leads AS l ON l.id = m.lead_id
        JOIN lead_routing_rules AS r ON r.id = m.rule_id
        CROSS JOIN LATERAL jsonb_array_elements(r.auto_create_tasks) AS t
       WHERE jsonb_typeof(t) = 'object';
      RETURN NULL;
    END $$;
  `;
}
