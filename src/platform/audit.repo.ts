/**
 * The audit log: who did what to which record, when, from where. Services call `recordAudit`
 * with the transaction of the change it describes, so the change and its trace commit together.
 * The table refuses UPDATE, DELETE and TRUNCATE (see migrations/0001-platform.sql).
 */
import { sql, type Kysely } from 'kysely';
import type { ActorType, Role, Tables } from './db/tables.js';
import type { Scope } from './auth/scope.js';

/** Who is acting, taken from the request (or 'system' for jobs and the CLI). */
export interface Actor {
  type: ActorType;
  id: string | null;
  ip: string | null;
  requestId: string | null;
  /** For staff and tokens: their role and where they work, which services check. */
  role?: Role;
  scope?: Scope;
}

/** A short label of who acted, for history rows that name their author ("user:<id>"). */
export const actorLabel = (actor: Actor) => `${actor.type}:${actor.id ?? ''}`;

export const systemActor = (id = 'cli'): Actor => ({ type: 'system', id, ip: null, requestId: null });

export interface AuditEvent {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
}

export async function recordAudit(executor: Kysely<Tables>, actor: Actor, event: AuditEvent): Promise<void> {
  await executor
    .insertInto('audit_log')
    .values({
      actor_type: actor.type,
      actor_id: actor.id,
      action: event.action,
      entity_type: event.entityType ?? null,
      entity_id: event.entityId ?? null,
      ip: actor.ip,
      request_id: actor.requestId,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export interface AuditQuery {
  /** A staff account's or token's id. */
  actorId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Instants: rows from `from` (included) to `to` (excluded). */
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only rows with an id below this one (keyset paging, newest first). */
  before?: number | undefined;
  limit: number;
}

/** Audit rows newest first, with the acting person's or token's name beside each. */
export function listAudit(executor: Kysely<Tables>, query: AuditQuery) {
  let select = executor
    .selectFrom('audit_log as a')
    .leftJoin('staff_users as u', (join) => join.onRef(sql<string>`u.id::text`, '=', 'a.actor_id').on('a.actor_type', '=', 'user'))
    .leftJoin('api_tokens as k', (join) => join.onRef(sql<string>`k.id::text`, '=', 'a.actor_id').on('a.actor_type', '=', 'token'))
    .select(['a.id', 'a.occurred_at', 'a.actor_type', 'a.actor_id', 'a.action', 'a.entity_type', 'a.entity_id', 'a.ip', 'a.request_id', 'a.details'])
    .select((eb) => eb.fn.coalesce('u.display_name', 'k.name').as('actor_name'))
    .orderBy('a.id', 'desc')
    .limit(query.limit);
  if (query.actorId) select = select.where('a.actor_id', '=', query.actorId);
  if (query.action) select = select.where('a.action', '=', query.action);
  if (query.entityType) select = select.where('a.entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('a.entity_id', '=', query.entityId);
  if (query.from) select = select.where('a.occurred_at', '>=', query.from);
  if (query.to) select = select.where('a.occurred_at', '<', query.to);
  if (query.before !== undefined) select = select.where('a.id', '<', query.before);
  return select.execute();
}
