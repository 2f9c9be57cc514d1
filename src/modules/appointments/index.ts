/** Public API of the appointments module: what app.ts and other modules may use. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import type { Appointment } from '../../platform/db/tables.js';
import { getOrCreateSetting } from '../../platform/settings.repo.js';
import { registerAppointmentRoutes } from './appointments.routes.js';
import type { Site } from './booking.service.js';
import { markNoShows } from './lifecycle.service.js';
import { signAppointment, verifyAppointmentSignature } from './links.js';
import { sendAppointmentNotice, sendDueReminders, type AppointmentNoticeDeps, type NoticeKind } from './notices.service.js';
import { registerAppointmentPages } from './ui/pages.js';

export { markNoShows } from './lifecycle.service.js';
export { sendDueReminders } from './notices.service.js';

export interface AppointmentHooks {
  notify(kind: NoticeKind, appointment: Appointment, site: Site): Promise<void>;
  manageUrl(language: 'en' | 'fr', appointmentId: string): string;
  managePath(language: 'en' | 'fr', appointmentId: string): string;
  verify(appointmentId: string, signature: string): boolean;
  noticeDeps: AppointmentNoticeDeps;
}

/** Reminders and no-shows are looked for this often, by every process (the work is idempotent). */
const JOBS_EVERY_MS = 5 * 60_000;

export async function registerAppointmentsModule(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const secret = await getOrCreateSetting(deps.database.db, 'appointment_link_secret', () => randomBytes(32).toString('hex'));
  const managePath = (language: 'en' | 'fr', id: string) => deps.shell.pages.path('appointments.manage', language, { id, signature: signAppointment(secret, id) });
  const manageUrl = (language: 'en' | 'fr', id: string) => new URL(managePath(language, id), deps.config.publicUrl).toString();
  const noticeDeps: AppointmentNoticeDeps = { db: deps.database.db, clock: deps.clock, mailer: deps.mailer, i18n: deps.i18n, manageUrl };
  const hooks: AppointmentHooks = {
    // The booking is committed before its mail leaves: a mail failure is logged, the booking stands
    // and its page (and the reminder) still reach the client.
    notify: (kind, appointment, site) => sendAppointmentNotice(noticeDeps, kind, appointment, site).catch((error: unknown) => app.log.error({ err: error }, 'appointment mail failed')),
    manageUrl,
    managePath,
    verify: (id, signature) => verifyAppointmentSignature(secret, id, signature),
    noticeDeps,
  };
  registerAppointmentRoutes(app, deps, hooks);
  registerAppointmentPages(app, deps, hooks);
  const timer = setInterval(() => {
    void sendDueReminders(noticeDeps).catch((error: unknown) => app.log.error({ err: error }, 'appointment reminders failed'));
    void markNoShows({ db: deps.database.db, clock: deps.clock }).catch((error: unknown) => app.log.error({ err: error }, 'appointment no-shows failed'));
  }, JOBS_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
