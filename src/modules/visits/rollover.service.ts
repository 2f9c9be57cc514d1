/**
 * The day ends in each site's own time zone. Tickets still open from an earlier day are either
 * closed with a recorded reason or carried over, as the site chose; nothing is deleted, and each
 * visit's history says what happened. Safe to run any number of times, from any process.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import { localToInstant, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { assertSiteAccess, localWeekdayAndTime } from '../network/index.js';

import * as repo from './visits.repo.js';
import { VISITS_TOPIC } from './visits.service.js';

export async function rollOverSite(options: { db: Db; clock: Clock; actor: Actor; siteId: string; timeZone: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const now = options.clock.now();
  const today = localWeekdayAndTime(now, options.timeZone).date;
  return options.db.transaction().execute(async (trx) => {
    const settings = await repo.findSettings(trx, options.siteId);
    const policy = settings.rollover_policy;
    // Once per site and local day: carried-over tickets are not carried again and again.
    if (settings.last_rollover_day === today) return { policy, visits: 0, day: today };
    const open = await repo.listOpenBefore(trx, options.siteId, today);
    for (const visit of open) {
      if (policy === 'close') await repo.updateVisit(trx, visit.id, { state: 'closed', completed_at: now, outcome_code: 'day_ended', updated_at: now });
      await repo.appendEvent(trx, { visitId: visit.id, at: now, type: policy === 'close' ? 'closed_at_day_end' : 'carried_over', actor: actorLabel(options.actor), details: { from: visit.state, day: visit.service_day, policy } });
    }
    // A counter left open overnight would make tomorrow's wait estimates count a counter nobody staffs.
    const counters = await repo.closeCountersOpenedBefore(trx, options.siteId, localToInstant(today, '00:00', options.timeZone), now);
    await repo.markRolledOver(trx, options.siteId, today, now);
    if (open.length > 0 || counters.length > 0) {
      await recordAudit(trx, options.actor, { action: 'visits.rollover', entityType: 'service_point', entityId: options.siteId, details: { policy, visits: open.length, countersClosed: counters.length, day: today } });
      await publishEvent(trx, VISITS_TOPIC, { siteId: options.siteId, change: 'rollover' });
    }
    return { policy, visits: open.length, day: today };
  });
}

/** Every site whose local day has turned since its last rollover and which has open tickets. */
export async function rollOverDueSites(options: { db: Db; clock: Clock; actor: Actor }) {
  const now = options.clock.now();
  let visits = 0;
  for (const site of await repo.listSitesWithOpenWork(options.db)) {
    const today = localWeekdayAndTime(now, site.time_zone).date;
    if (site.oldest_day >= today) continue;
    visits += (await rollOverSite({ ...options, siteId: site.id, timeZone: site.time_zone })).visits;
  }
  return { visits };
}
