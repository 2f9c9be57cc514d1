/** A site's queue settings: rollover policy, wait target, pass-over cap, notice threshold. */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { ROLLOVER_POLICIES, type RolloverPolicy } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { assertSiteAccess } from '../network/index.js';
import * as repo from './visits.repo.js';

export const getQueueSettings = (options: { db: Db; siteId: string }) => repo.findSettings(options.db, options.siteId);

function wholeNumber(value: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export async function updateQueueSettings(options: { db: Db; clock: Clock; actor: Actor; siteId: string; rolloverPolicy: string; waitTargetMinutes: string; maxPassOverMinutes: string; notifyWhenAhead: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.siteId });
  const fields: Record<string, string> = {};
  if (!(ROLLOVER_POLICIES as readonly string[]).includes(options.rolloverPolicy)) fields.rolloverPolicy = 'visits.rollover_invalid';
  const waitTarget = wholeNumber(options.waitTargetMinutes, 1, 600);
  if (waitTarget === null) fields.waitTargetMinutes = 'visits.minutes_invalid';
  const maxPassOver = wholeNumber(options.maxPassOverMinutes, 5, 600);
  if (maxPassOver === null) fields.maxPassOverMinutes = 'visits.pass_over_invalid';
  const notify = wholeNumber(options.notifyWhenAhead, 0, 50);
  if (notify === null) fields.notifyWhenAhead = 'visits.notify_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const values = { rollover_policy: options.rolloverPolicy as RolloverPolicy, wait_target_minutes: waitTarget!, max_pass_over_minutes: maxPassOver!, notify_when_ahead: notify! };
  await options.db.transaction().execute(async (trx) => {
    await repo.upsertSettings(trx, options.siteId, values, options.clock.now());
    await recordAudit(trx, options.actor, { action: 'visits.settings_change', entityType: 'service_point', entityId: options.siteId, details: values });
  });
}
