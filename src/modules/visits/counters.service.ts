/**
 * Counters: an agent opens one for the services they can serve, calls the next client, and
 * closes it. Calling is the one contended operation of the capability: see repo.claimNext.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { channelFor, publishEvent } from '../../platform/db/event-bus.js';
import type { Visit } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { scopeOf } from '../../platform/auth/scope.js';
import { assertSiteAccess, getServicePointFor } from '../network/index.js';
import * as repo from './visits.repo.js';
import { VISITS_TOPIC } from './visits.service.js';

export async function openCounter(options: { db: Db; clock: Clock; actor: Actor; siteRef: string; name: string; services: string[] }) {
  const site = await getServicePointFor({ db: options.db, actor: options.actor, ref: options.siteRef });
  const name = options.name.trim();
  const services = [...new Set(options.services)];
  const fields: Record<string, string> = {};
  if (name.length < 1 || name.length > 40) fields.name = 'visits.counter_name_invalid';
  if (services.length === 0 || services.some((s) => !site.services.some((offered) => offered.code === s))) fields.services = 'visits.counter_services_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const now = options.clock.now();
  return options.db.transaction().execute(async (trx) => {
    if (await repo.findCounterByName(trx, site.id, name)) throw new AppError('common.invalid_input', 409, { name }, { name: 'visits.counter_name_taken' });
    const counter = await repo.insertCounter(trx, { siteId: site.id, name, openedBy: actorLabel(options.actor), now, services });
    await recordAudit(trx, options.actor, { action: 'visits.counter_open', entityType: 'counter', entityId: counter.id, details: { siteId: site.id, name, services } });
    await publishEvent(trx, VISITS_TOPIC, { siteId: site.id, change: 'counter_opened', counterId: counter.id });
    return { ...counter, services };
  });
}

export async function closeCounter(options: { db: Db; clock: Clock; actor: Actor; counterId: string }) {
  return options.db.transaction().execute(async (trx) => {
    const counter = await repo.findCounter(trx, options.counterId);
    if (!counter) throw new AppError('visits.counter_not_found', 404);
    await assertSiteAccess({ db: trx, actor: options.actor, siteId: counter.service_point_id });
    if (await repo.findServingVisit(trx, counter.id)) throw new AppError('visits.counter_busy', 409);
    const closed = await repo.closeCounter(trx, counter.id, options.clock.now());
    if (!closed) throw new AppError('visits.counter_closed', 409);
    await recordAudit(trx, options.actor, { action: 'visits.counter_close', entityType: 'counter', entityId: counter.id });
    await publishEvent(trx, VISITS_TOPIC, { siteId: counter.service_point_id, change: 'counter_closed', counterId: counter.id });
    return closed;
  });
}

export async function listCounters(options: { db: Db; actor: Actor; siteRef: string }) {
  const site = await getServicePointFor({ db: options.db, actor: options.actor, ref: options.siteRef });
  return repo.listOpenCounters(options.db, site.id);
}

export async function getCounter(options: { db: Db; counterId: string }) {
  const counter = await repo.findCounter(options.db, options.counterId);
  if (!counter) throw new AppError('visits.counter_not_found', 404);
  const open = counter.closed_at ? undefined : (await repo.listOpenCounters(options.db, counter.service_point_id)).find((c) => c.id === counter.id);
  return { ...counter, services: open?.services ?? [], current: open?.current ?? null };
}

/**
 * Calls the next client to a counter. The call is recorded in the visit's append-only history
 * (visit_events: who, when, which counter), which is the audit trail of visit transitions.
 * With an Idempotency-Key, a repeated request (a double click, a retry after a timeout) gets the
 * client of the first one instead of skipping a client: the key is claimed first, in the same
 * transaction, so a concurrent duplicate waits for it. The whole call is one statement (see
 * repo.callNext): the hottest path of the capability makes one round trip to the database.
 */
export async function callNext(options: { db: Db; clock: Clock; actor: Actor; counterId: string; siteRef?: string; idempotencyKey?: string | undefined }): Promise<Visit | null> {
  const key = options.idempotencyKey;
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError('visits.idempotency_key_invalid', 400);
  // National staff call in one round trip; others are checked against the counter's site first.
  const scope = scopeOf(options.actor);
  if (scope !== 'unbounded' && !scope.national) {
    const counter = await repo.findCounter(options.db, options.counterId);
    if (counter) await assertSiteAccess({ db: options.db, actor: options.actor, siteId: counter.service_point_id });
  }
  const visit = await repo.callNext(options.db, {
    counterId: options.counterId,
    siteRef: options.siteRef ?? null,
    key: key ?? null,
    now: options.clock.now(),
    actor: actorLabel(options.actor),
    channel: channelFor(VISITS_TOPIC),
  });
  return visit ?? null;
}
