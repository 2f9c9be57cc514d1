/**
 * The client's own appointment page, reached by the signed link in their mail: what, where and
 * when; cancel; choose a new time; and on the day, "I have arrived" (which puts them in the
 * queue, called when their time is due, and links to the ticket page).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { cancelAppointment, getAppointment, listAvailableDays, listAvailableSlots, rescheduleAppointment } from '../booking.service.js';
import type { AppointmentHooks } from '../index.js';
import { checkInAppointment } from '../lifecycle.service.js';
import { SlotChoice, dayLabel, siteName, whenLabel } from './parts.js';

const PATHS = { en: '/en/my-appointment/:id/:signature', fr: '/fr/mon-rendez-vous/:id/:signature' };
const ManageForm = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 20 })),
  startsAt: Type.Optional(Type.String({ maxLength: 40 })),
  date: Type.Optional(Type.String({ maxLength: 20 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function load(context: PageContext, deps: ModuleDeps, hooks: AppointmentHooks) {
  const { id, signature } = context.request.params as { id: string; signature: string };
  if (!/^[0-9a-f-]{36}$/i.test(id) || !hooks.verify(id, signature)) throw new AppError('appointments.not_found', 404);
  return getAppointment({ db: deps.database.db, id });
}

async function render(context: PageContext, deps: ModuleDeps, hooks: AppointmentHooks, options: { errors?: FieldError[]; notice?: string; ticket?: { number: string; href: string }; status?: number; date?: string }) {
  const { t, language, request, href } = context;
  const { appointment, site } = await load(context, deps, hooks);
  const query = request.query as Record<string, unknown>;
  const date = options.date ?? fieldText(query.date, 10);
  const booked = appointment.state === 'booked';
  const days = booked ? (await listAvailableDays({ db: deps.database.db, clock: deps.clock, siteRef: site.id, service: appointment.service_code })).days : [];
  const slots = booked && DATE.test(date) ? (await listAvailableSlots({ db: deps.database.db, clock: deps.clock, siteRef: site.id, service: appointment.service_code, date, exceptId: appointment.id })).slots : null;
  const service = site.services.find((s) => s.code === appointment.service_code);
  const self = hooks.managePath(language, appointment.id);
  const csrf = context.csrfToken();
  const errors = options.errors ?? [];
  return {
    title: t('appointments.manage.title', { reference: appointment.reference }),
    status: options.status ?? 200,
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {query.booked === '1' && !options.notice ? <Notice kind="success">{t('appointments.manage.booked', { email: appointment.email })}</Notice> : null}
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        {options.ticket ? (
          <Notice kind="success">
            <p className="ticket-number">{options.ticket.number}</p>
            <a href={options.ticket.href}>{t('appointments.manage.follow_ticket')}</a>
          </Notice>
        ) : null}
        <dl className="facts">
          <div>
            <dt>{t('appointments.field.service')}</dt>
            <dd>{service ? (language === 'fr' ? service.name_fr : service.name_en) : appointment.service_code}</dd>
          </div>
          <div>
            <dt>{t('appointments.manage.where')}</dt>
            <dd>
              <a href={href('network.site', { code: site.code })}>{siteName(site, language)}</a>, {site.address_line}, {site.city}
            </dd>
          </div>
          <div>
            <dt>{t('appointments.manage.when')}</dt>
            <dd>{whenLabel(appointment.starts_at, site.time_zone, language)}</dd>
          </div>
          <div>
            <dt>{t('appointments.manage.state')}</dt>
            <dd>{t(`appointments.state.${appointment.state}`)}</dd>
          </div>
        </dl>
        {booked ? (
          <div className="actions" id="action">
            <form method="post" action={self} className="inline-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="action" value="check_in" />
              <button type="submit">{t('appointments.manage.arrived')}</button>
            </form>
            <form method="post" action={self} className="inline-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="action" value="cancel" />
              <button type="submit">{t('appointments.manage.cancel')}</button>
            </form>
          </div>
        ) : null}
        {booked ? (
          <section aria-labelledby="reschedule-title">
            <h2 id="reschedule-title">{t('appointments.manage.reschedule')}</h2>
            <ul className="day-list">
              {days.map((d) => (
                <li key={d.date}>
                  <a href={`${self}?date=${d.date}#startsAt`}>{dayLabel(d.date, language)}</a>
                </li>
              ))}
            </ul>
            {slots ? (
              <form method="post" action={self} noValidate>
                <CsrfField token={csrf} />
                <input type="hidden" name="action" value="reschedule" />
                <input type="hidden" name="date" value={date} />
                <SlotChoice slots={slots} error={errors.find((e) => e.field === 'startsAt')?.message} t={t} />
                <button type="submit">{t('appointments.manage.reschedule_submit')}</button>
              </form>
            ) : null}
          </section>
        ) : null}
      </>
    ),
  };
}

export function registerManagePage(app: FastifyInstance, deps: ModuleDeps, hooks: AppointmentHooks): void {
  registerPage(app, deps.shell, { id: 'appointments.manage', paths: PATHS, access: 'public', modified: '2026-11-23', handler: (context) => render(context, deps, hooks, {}) });
  registerPage(app, deps.shell, {
    id: 'appointments.manage',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: ManageForm },
    async handler(context) {
      const { t, request } = context;
      const { appointment } = await load(context, deps, hooks);
      const body = request.body as Record<string, unknown>;
      const base = { db: deps.database.db, clock: deps.clock, actor: actorOf(request), id: appointment.id };
      try {
        switch (fieldText(body.action)) {
          case 'cancel': {
            const done = await cancelAppointment(base);
            await hooks.notify('cancelled', done.appointment, done.site);
            return render(context, deps, hooks, { notice: t('appointments.manage.cancelled') });
          }
          case 'reschedule': {
            const done = await rescheduleAppointment({ ...base, startsAt: fieldText(body.startsAt, 40) });
            await hooks.notify('rescheduled', done.appointment, done.site);
            return render(context, deps, hooks, { notice: t('appointments.manage.rescheduled', { when: whenLabel(done.appointment.starts_at, done.site.time_zone, context.language) }) });
          }
          case 'check_in': {
            const { visit } = await checkInAppointment(base);
            return render(context, deps, hooks, { ticket: { number: visit.ticket, href: context.href('visits.ticket', { token: visit.public_token }) } });
          }
          default:
            throw new AppError('common.invalid_input', 400, {}, { action: 'appointments.action_invalid' });
        }
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        const errors = Object.keys(error.fields).length > 0 ? fieldErrors(error, t) : [{ field: 'action', message: t(error.code, error.params) }];
        return render(context, deps, hooks, { errors, status: error.status, date: fieldText(body.date, 10) });
      }
    },
  });
}
