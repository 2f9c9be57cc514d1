/**
 * A site's status changes (suspended, reactivated, temporarily closed…) with a reason and the date
 * it takes effect. The current status is cached on the site; the history is appended, never
 * rewritten; the change is audited and announced to every process in the same transaction.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import { isIsoDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { SERVICE_POINT_STATUSES, type ServicePointStatus } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { assertSiteAccess } from './network.service.js';

export async function changeServicePointStatus(options: {
  db: Db;
  clock: Clock;
  actor: Actor;
  servicePointId: string;
  status: string;
  reason: string;
  effectiveOn: string;
}) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const reason = options.reason.trim();
  const fields: Record<string, string> = {};
  if (!(SERVICE_POINT_STATUSES as readonly string[]).includes(options.status)) fields.status = 'network.status_invalid';
  if (reason.length < 3 || reason.length > 500) fields.reason = 'network.reason_required';
  if (!isIsoDate(options.effectiveOn)) fields.effectiveOn = 'network.date_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const status = options.status as ServicePointStatus;
  return options.db.transaction().execute(async (trx) => {
    const updated = await repo.setStatus(trx, options.servicePointId, status, options.clock.now());
    if (!updated) throw new AppError('network.site_not_found', 404);
    await repo.appendStatus(trx, { servicePointId: options.servicePointId, status, reason, effectiveOn: options.effectiveOn, recordedBy: actorLabel(options.actor) });
    await recordAudit(trx, options.actor, { action: 'network.status_change', entityType: 'service_point', entityId: options.servicePointId, details: { status, reason, effectiveOn: options.effectiveOn } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'status', id: options.servicePointId, status });
    return updated;
  });
}

export const listStatusHistory = (options: { db: Db; servicePointId: string }) => repo.listStatusHistory(options.db, options.servicePointId);
