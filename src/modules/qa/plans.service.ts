/**
 * The sampling plan of each programme: the stage where files are drawn, the rate per fiscal quarter,
 * and the reviewers' checklist. A quarter's rate is fixed once the quarter has begun, so a sample
 * already drawn always matches the written schedule.
 */
import { recordAudit, type Actor } from '../../platform/audit.repo.js';
import { assertNational } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './qa.repo.js';
import { fiscalQuarter, QUARTER, rateFor } from './sampling.js';

export async function listPlans(options: { db: Db; clock: Clock }) {
  const { db } = options;
  const current = fiscalQuarter(options.clock.now());
  const [plans, rates] = await Promise.all([repo.listPlans(db), repo.listRates(db)]);
  return Promise.all(
    plans.map(async (plan) => {
      const schedule = rates.filter((r) => r.programme === plan.programme);
      const checklist = await repo.listChecklist(db, plan.programme, false);
      return { ...plan, currentQuarter: current, currentRate: rateFor(schedule, current), schedule, checklist };
    }),
  );
}

/** A change to a plan: sampling is national, so only national staff make one. */
async function audited(db: Db, actor: Actor, action: string, programme: string, details: Record<string, unknown>, change: (trx: Db) => Promise<void>) {
  assertNational(actor);
  await db.transaction().execute(async (trx) => {
    await change(trx);
    await recordAudit(trx, actor, { action, entityType: 'qa_plan', entityId: programme, details });
  });
}

export const setPlan = (options: { db: Db; actor: Actor; programme: string; stage: string; active: boolean }) =>
  audited(options.db, options.actor, 'qa.plan.set', options.programme, { stage: options.stage, active: options.active }, (trx) =>
    repo.upsertPlan(trx, { programme: options.programme, stage: options.stage, active: options.active }),
  );

export async function setRate(options: { db: Db; clock: Clock; actor: Actor; programme: string; fromQuarter: string; rate: number }) {
  assertNational(options.actor);
  if (!QUARTER.test(options.fromQuarter)) throw new AppError('qa.bad_quarter', 400, {}, { fromQuarter: 'qa.bad_quarter' });
  if (options.fromQuarter <= fiscalQuarter(options.clock.now())) throw new AppError('qa.rate_in_past', 400, {}, { fromQuarter: 'qa.rate_in_past' });
  if (!(await repo.findPlan(options.db, options.programme))) throw new AppError('qa.plan_not_found', 404);
  await audited(options.db, options.actor, 'qa.rate.set', options.programme, { fromQuarter: options.fromQuarter, rate: options.rate }, (trx) =>
    repo.upsertRate(trx, { programme: options.programme, from_quarter: options.fromQuarter, rate: options.rate }),
  );
}

export async function setChecklistItem(options: { db: Db; actor: Actor; programme: string; code: string; labelEn: string; labelFr: string; sortOrder: number; active: boolean }) {
  assertNational(options.actor);
  if (!(await repo.findPlan(options.db, options.programme))) throw new AppError('qa.plan_not_found', 404);
  const item = { programme: options.programme, code: options.code, label_en: options.labelEn.trim(), label_fr: options.labelFr.trim(), sort_order: options.sortOrder, active: options.active };
  await audited(options.db, options.actor, 'qa.checklist.set', options.programme, { code: options.code, active: options.active }, (trx) => repo.upsertChecklistItem(trx, item));
}
