/**
 * "Your turn is near": remote clients who left an email address or a phone number hear from us
 * when `notify_when_ahead` clients or fewer remain ahead of them. The visit is marked first, in
 * its own statement that only one process can win, then the notice leaves: at most once, so a
 * client is never told twice (a failed send is logged, and the ticket page still shows the turn).
 */
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { I18n } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mailer.js';
import type { SmsSender } from '../../platform/sms.js';
import { orderForCall } from './queue-policy.js';
import * as repo from './visits.repo.js';

export interface NoticeDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  i18n: I18n;
  /** The absolute link to a ticket page in a language. */
  ticketUrl(language: 'en' | 'fr', token: string): string;
  log(error: unknown): void;
}

export async function notifyApproachingTurns(deps: NoticeDeps, siteId: string): Promise<number> {
  const candidates = await repo.listUnnotifiedRemote(deps.db, siteId);
  if (candidates.length === 0) return 0;
  const settings = await repo.findSettings(deps.db, siteId);
  const now = deps.clock.now();
  let sent = 0;
  for (const service of new Set(candidates.map((c) => c.service_code))) {
    const waiting = await repo.listWaiting(deps.db, siteId, service);
    const ordered = orderForCall(
      waiting.map((w) => ({ id: w.id, arrivedAt: w.arrived_at, appointmentAt: w.appointment_at, priority: w.priority, counterId: null })),
      { now, counterId: '', maxPassOverMinutes: settings.max_pass_over_minutes },
    );
    for (const visit of candidates.filter((c) => c.service_code === service)) {
      const ahead = ordered.findIndex((w) => w.id === visit.id);
      if (ahead < 0 || ahead > settings.notify_when_ahead) continue;
      if (!(await repo.markNotified(deps.db, visit.id, now))) continue;
      const t = deps.i18n.translator(visit.language);
      const text = t('visits.notice.text', { ticket: visit.ticket, ahead, url: deps.ticketUrl(visit.language, visit.public_token) });
      try {
        if (visit.contact.email) await deps.mailer.send({ to: visit.contact.email, subject: t('visits.notice.subject', { ticket: visit.ticket }), text, language: visit.language });
        if (visit.contact.phone) await deps.sms.send({ to: visit.contact.phone, text, language: visit.language });
        sent += 1;
      } catch (error) {
        deps.log(error);
      }
    }
  }
  return sent;
}
