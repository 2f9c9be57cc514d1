/** Public API of the quality-assurance module (issue 6): sampling, reviews, findings, observations. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { ModuleDeps } from '../../platform/deps.js';
import { loadDemoReviews } from './demo.js';
import { registerQaRoutes } from './qa.routes.js';
import { listPlans as listSamplingPlans } from './qa.repo.js';
import { countErrors } from './rates.repo.js';
import { fiscalQuarter } from './sampling.js';
import { wilsonInterval } from './stats.js';
import { considerForQaSampleInBulk, considerForQaSample as draw } from './sampling.service.js';
import { registerQaPages } from './ui/pages.js';

export { fiscalQuarter, isDrawn, quarterBounds, sampleScore } from './sampling.js';
export { wilsonInterval } from './stats.js';

export function registerQaModule(app: FastifyInstance, deps: ModuleDeps): void {
  registerQaRoutes(app, deps);
  registerQaPages(app, deps);
}

/** A file reaching a stage: what the sampling rule needs, and what the reviewer will see. */
export interface StageReached {
  applicationId: string;
  applicationNumber: string;
  /** `passport`, `sin`, `citizenship`, `immigration`, … */
  programme: string;
  typeCode: string;
  stage: string;
  siteId: string | null;
  /** The staff user who did the work that brought the file here, when known. */
  agentId: string | null;
  at: Date;
}

/**
 * Called by the cases module inside the transaction of every stage move: draws the file into the
 * QA sample when its programme's rule says so (once per file and stage).
 */
export async function considerForQaSample(tx: Db, event: StageReached): Promise<void> {
  await draw(tx, event);
}

/**
 * The demo's sample and its reviews: the files of the demo history that reached each plan's stage
 * (given by the caller, so this module need not know the cases module) are drawn by the same rule,
 * in bulk; then reviews and findings on most of the drawn files.
 */
export async function loadDemoQa(options: { db: Db; actor: Actor; stageArrivals?: (programme: string, stage: string) => Promise<StageReached[]> }): Promise<void> {
  if (options.stageArrivals) {
    for (const plan of (await listSamplingPlans(options.db)).filter((p) => p.active)) {
      await considerForQaSampleInBulk(options.db, await options.stageArrivals(plan.programme, plan.stage));
    }
  }
  await loadDemoReviews(options);
}

/** Files reviewed and found in error per fiscal quarter (every programme), with 95 % Wilson intervals: for the dashboards. */
export async function getQaErrorRates(options: { db: Db; from: string; to: string }) {
  const quarterOf = (day: string) => fiscalQuarter(new Date(`${day}T12:00:00Z`));
  const rows = await countErrors(options.db, { by: 'quarter', from: quarterOf(options.from), to: quarterOf(options.to) });
  return rows.map((row) => {
    const reviewed = Number(row.reviewed);
    const inError = Number(row.in_error);
    return { quarter: String(row.key), reviewed, inError, rate: reviewed > 0 ? inError / reviewed : null, interval: wilsonInterval(inError, reviewed) };
  });
}
export type QaErrorRate = Awaited<ReturnType<typeof getQaErrorRates>>[number];
