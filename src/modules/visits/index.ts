/** Public API of the visits module: what app.ts and other modules may use. */
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../../platform/audit.repo.js';
import type { ModuleDeps } from '../../platform/deps.js';
import { notifyApproachingTurns } from './notices.service.js';
import { rollOverDueSites } from './rollover.service.js';
import { registerVisitsRoutes } from './visits.routes.js';
import { registerVisitPages, VISIT_PAGES } from './ui/pages.js';
import { registerFindResultPanel, registerSitePanel } from './ui/site-panel.js';

export { generateVisitHistory, type DailyStatsRow, type HistorySite } from './demo/history.js';
export { getVisitDailyVolumes, loadDemoVisitHistory } from './history.service.js';
export { getEstimateAccuracy, getWaitTimes } from './wait.service.js';
export { callNext, openCounter } from './counters.service.js';
export { rollOverDueSites } from './rollover.service.js';
export { orderForCall, type QueueEntry } from './queue-policy.js';
export { checkInVisit, getVisit, transitionVisit, VISITS_TOPIC } from './visits.service.js';
export { FRONT_DESK } from './visits.routes.js';
export { VISIT_PAGES };

/** How often each process looks for sites whose day has ended (the work is idempotent). */
const ROLLOVER_EVERY_MS = 5 * 60_000;

export function registerVisitsModule(app: FastifyInstance, deps: ModuleDeps): void {
  const ticketUrl = (language: 'en' | 'fr', token: string) => new URL(deps.shell.pages.path(VISIT_PAGES.ticket, language, { token }), deps.config.publicUrl).toString();
  const noticeDeps = { db: deps.database.db, clock: deps.clock, mailer: deps.mailer, sms: deps.sms, i18n: deps.i18n, ticketUrl, log: (error: unknown) => app.log.error({ err: error }, 'turn notice failed') };
  // Notices leave after the response; a failure is logged and never fails the call that moved the
  // queue. Under load the checks of one site coalesce: one runs at a time, and once more after it
  // if the queue moved meanwhile, instead of one query per call.
  const pending = new Map<string, { again: boolean }>();
  const afterQueueMoved = (siteId: string) => {
    const running = pending.get(siteId);
    if (running) {
      running.again = true;
      return;
    }
    const entry = { again: false };
    pending.set(siteId, entry);
    void (async () => {
      do {
        entry.again = false;
        await notifyApproachingTurns(noticeDeps, siteId).catch(noticeDeps.log);
      } while (entry.again);
      pending.delete(siteId);
    })();
  };
  registerVisitsRoutes(app, deps, { afterQueueMoved, ticketUrl });
  registerVisitPages(app, deps, { afterQueueMoved });
  registerSitePanel(deps);
  registerFindResultPanel(deps);

  const timer = setInterval(() => {
    rollOverDueSites({ db: deps.database.db, clock: deps.clock, actor: systemActor('rollover') }).catch((error: unknown) => app.log.error({ err: error }, 'day rollover failed'));
  }, ROLLOVER_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
