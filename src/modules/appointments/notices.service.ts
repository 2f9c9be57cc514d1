/**
 * Mail to the client, in the language they booked in, each with the iCalendar file of the
 * appointment: confirmation, new time, cancellation, and the reminder the day before. Reminders
 * are marked before they leave, by one process only, so nobody is reminded twice.
 */
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Appointment } from '../../platform/db/tables.js';
import type { I18n } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mailer.js';
import { getServicePoint } from '../network/index.js';
import * as repo from './appointments.repo.js';
import { appointmentCalendar } from './ics.js';

export type NoticeKind = 'booked' | 'rescheduled' | 'cancelled' | 'reminder';

export interface AppointmentNoticeDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  i18n: I18n;
  /** The signed link to the appointment's page, absolute, in a language. */
  manageUrl(language: 'en' | 'fr', appointmentId: string): string;
}

type Site = Awaited<ReturnType<typeof getServicePoint>>;

export async function sendAppointmentNotice(deps: AppointmentNoticeDeps, kind: NoticeKind, appointment: Appointment, site: Site) {
  const language = appointment.language;
  const t = deps.i18n.translator(language);
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const when = new Intl.DateTimeFormat(locale, { timeZone: site.time_zone, dateStyle: 'full', timeStyle: 'short' }).format(appointment.starts_at);
  const service = site.services.find((s) => s.code === appointment.service_code);
  const values = {
    service: service ? (language === 'fr' ? service.name_fr : service.name_en) : appointment.service_code,
    site: language === 'fr' ? site.name_fr : site.name_en,
    address: `${site.address_line}, ${site.city} ${site.province_code}`,
    when,
    reference: appointment.reference,
    url: deps.manageUrl(language, appointment.id),
  };
  const ics = appointmentCalendar({
    id: appointment.id,
    sequence: appointment.sequence,
    cancelled: kind === 'cancelled',
    startsAt: appointment.starts_at,
    endsAt: appointment.ends_at,
    summary: t('appointments.ics.summary', values),
    description: t('appointments.ics.description', values),
    location: `${values.site}, ${values.address}`,
    url: values.url,
    now: deps.clock.now(),
  });
  await deps.mailer.send({
    to: appointment.email,
    subject: t(`appointments.mail.${kind}.subject`, values),
    text: t(`appointments.mail.${kind}.text`, values),
    language,
    attachments: [{ filename: 'appointment.ics', content: ics, contentType: `text/calendar; charset=utf-8; method=${kind === 'cancelled' ? 'CANCEL' : 'PUBLISH'}` }],
  });
}

/** Reminders for appointments in the next 24 hours that have not had one. */
export async function sendDueReminders(deps: AppointmentNoticeDeps) {
  const now = deps.clock.now();
  let sent = 0;
  for (const appointment of await repo.listReminderDue(deps.db, now, new Date(now.getTime() + 24 * 3_600_000))) {
    if (!(await repo.markReminded(deps.db, appointment.id, now))) continue;
    const site = await getServicePoint({ db: deps.db, ref: appointment.service_point_id });
    await sendAppointmentNotice(deps, 'reminder', appointment, site);
    await repo.appendEvent(deps.db, { appointmentId: appointment.id, at: now, type: 'reminded', actor: 'system:appointments' });
    sent += 1;
  }
  return sent;
}
