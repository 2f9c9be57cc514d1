/**
 * Book an appointment, without JavaScript: choose a service (a GET form), then a day (links),
 * then a time and how to reach you (a POST form). The confirmation page is the appointment's own
 * signed page, and the confirmation mail carries the calendar file.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, OfficialLanguageChoice, TextField, type FieldError } from '../../../web/components.js';
import { getServicePoint } from '../../network/index.js';
import { bookAppointment, getBookingRules, listAvailableDays, listAvailableSlots } from '../booking.service.js';
import type { AppointmentHooks } from '../index.js';
import { SlotChoice, dayLabel, siteName } from './parts.js';

const PATHS = { en: '/en/appointments/:code/book', fr: '/fr/rendez-vous/:code/reserver' };
const BookForm = Type.Object({
  service: Type.Optional(Type.String({ maxLength: 40 })),
  date: Type.Optional(Type.String({ maxLength: 20 })),
  startsAt: Type.Optional(Type.String({ maxLength: 40 })),
  language: Type.Optional(Type.String({ maxLength: 5 })),
  email: Type.Optional(Type.String({ maxLength: 300 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; values?: Record<string, string>; status?: number }) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const code = (request.params as { code: string }).code;
  const query = request.query as Record<string, unknown>;
  const values = options.values ?? {};
  const service = values.service ?? fieldText(query.service, 40);
  const date = values.date ?? fieldText(query.date, 10);
  const site = await getServicePoint({ db, ref: code });
  const rules = await getBookingRules({ db, site });
  const bookable = rules.services.filter((s) => s.bookable);
  const chosen = bookable.find((s) => s.code === service);
  const days = chosen ? (await listAvailableDays({ db, clock: deps.clock, siteRef: site.id, service })).days : [];
  const slots = chosen && DATE.test(date) ? (await listAvailableSlots({ db, clock: deps.clock, siteRef: site.id, service, date })).slots : null;
  const errors = options.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const self = href('appointments.book', { code: site.code });
  return {
    title: t('appointments.book.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('network.site', { code: site.code }), label: siteName(site, language) },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        <form method="get" action={self}>
          <div className="field">
            <label htmlFor="service">{t('appointments.field.service')}</label>
            <select id="service" name="service" defaultValue={service}>
              <option value="">{t('appointments.field.choose')}</option>
              {bookable.map((s) => (
                <option key={s.code} value={s.code}>
                  {t('appointments.book.service_option', { name: language === 'fr' ? s.name_fr : s.name_en, minutes: s.slotMinutes })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('appointments.book.see_days')}</button>
        </form>
        {service && !chosen ? <Notice kind="warning">{t('appointments.service_not_bookable')}</Notice> : null}
        {chosen ? (
          <section aria-labelledby="days-title">
            <h2 id="days-title">{t('appointments.book.days')}</h2>
            {days.length === 0 ? <p>{t('appointments.book.no_days')}</p> : null}
            <ul className="day-list">
              {days.map((d) => (
                <li key={d.date}>
                  <a href={`${self}?service=${encodeURIComponent(service)}&date=${d.date}#times-title`} aria-current={d.date === date ? 'date' : undefined}>
                    {dayLabel(d.date, language)}
                  </a>{' '}
                  {t('appointments.book.free', { count: d.free })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {slots ? (
          <form method="post" action={self} noValidate>
            <h2 id="times-title">{t('appointments.book.times', { day: dayLabel(date, language) })}</h2>
            <CsrfField token={context.csrfToken()} />
            <input type="hidden" name="service" value={service} />
            <input type="hidden" name="date" value={date} />
            <SlotChoice slots={slots} value={values.startsAt} error={error('startsAt')} t={t} />
            <OfficialLanguageChoice legend={t('appointments.field.language')} value={values.language ?? language} label={(lang) => t(`appointments.language.${lang}`)} />
            <TextField id="email" type="email" label={t('appointments.field.email')} hint={t('appointments.field.email_hint')} value={values.email ?? ''} error={error('email')} required autoComplete="email" t={t} />
            <TextField id="phone" type="tel" label={t('appointments.field.phone')} value={values.phone ?? ''} error={error('phone')} autoComplete="tel" t={t} />
            <button type="submit">{t('appointments.book.submit')}</button>
          </form>
        ) : null}
      </>
    ),
  };
}

export function registerBookPage(app: FastifyInstance, deps: ModuleDeps, hooks: AppointmentHooks): void {
  registerPage(app, deps.shell, { id: 'appointments.book', paths: PATHS, access: 'public', modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'appointments.book',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: BookForm },
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      const values = {
        service: fieldText(body.service, 40),
        date: fieldText(body.date, 10),
        startsAt: fieldText(body.startsAt, 40),
        language: fieldText(body.language, 5) || context.language,
        email: fieldText(body.email, 300),
        phone: fieldText(body.phone, 40),
      };
      try {
        const { appointment, site } = await bookAppointment({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), siteRef: (context.request.params as { code: string }).code, ...values });
        await hooks.notify('booked', appointment, site);
        return { redirect: `${hooks.managePath(appointment.language, appointment.id)}?booked=1` };
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409) || Object.keys(error.fields).length === 0) throw error;
        return render(context, deps, { errors: fieldErrors(error, context.t), values, status: error.status });
      }
    },
  });
}
