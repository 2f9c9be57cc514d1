/**
 * The audit log: who did what to which record, when, from where. Services call `recordAudit`
 * with the transaction of the change it describes, so the change and its trace commit together.
 * The table refuses UPDATE, DELETE and TRUNCATE (see migrations/0001-platform.sql).
 */
import type { Kysely } from 'kysely';
import type { ActorType, AuditEntry, Role, Tables } from './db/tables.js';
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
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  limit: number;
  /** Only rows with an id below this one (keyset paging, newest first). */
  before?: number | undefined;
}

export async function listAudit(executor: Kysely<Tables>, query: AuditQuery): Promise<AuditEntry[]> {
  let select = executor.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
  if (query.entityType) select = select.where('entity_type', '=', query.entityType);
  if (query.entityId) select = select.where('entity_id', '=', query.entityId);
  if (query.actorId) select = select.where('actor_id', '=', query.actorId);
  if (query.action) select = select.where('action', '=', query.action);
  if (query.before !== undefined) select = select.where('id', '<', query.before);
  return select.execute();
}
