/**
 * Reception's view of a site's appointments today: who is expected when, checked in or not,
 * and check-in by booking reference (the client says it, or shows their mail). Staff see
 * references and services, not names: appointment holders are called by ticket like everyone.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldError } from '../../../web/components.js';
import { getServicePointFor } from '../../network/index.js';
import { FRONT_DESK } from '../../visits/index.js';
import { checkInAppointment, listSiteAppointments } from '../lifecycle.service.js';
import { instantToLocal, localToInstant, addDays } from '../slots.js';
import { siteName } from './parts.js';

const PATHS = { en: '/en/appointments/:code/today', fr: '/fr/rendez-vous/:code/aujourdhui' };
const CheckInForm = Type.Object({ reference: Type.Optional(Type.String({ maxLength: 40 })), _csrf: Type.Optional(Type.String({ maxLength: 500 })) });

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; notice?: string; status?: number }) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const site = await getServicePointFor({ actor: actorOf(request), db, ref: (request.params as { code: string }).code });
  const today = instantToLocal(deps.clock.now(), site.time_zone).date;
  const from = localToInstant(today, '00:00', site.time_zone);
  const to = localToInstant(addDays(today, 1), '00:00', site.time_zone);
  const appointments = await listSiteAppointments({ db, siteId: site.id, from, to });
  const time = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: site.time_zone, hour: '2-digit', minute: '2-digit' });
  const errors = options.errors ?? [];
  return {
    title: t('appointments.today.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <form method="post" noValidate>
          <CsrfField token={context.csrfToken()} />
          <TextField id="reference" label={t('appointments.today.reference')} hint={t('appointments.today.reference_hint')} error={errors.find((e) => e.field === 'reference')?.message} required t={t} />
          <button type="submit">{t('appointments.today.check_in')}</button>
        </form>
        <table>
          <caption>{t('appointments.today.list', { count: appointments.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('appointments.today.time')}</th>
              <th scope="col">{t('appointments.today.reference')}</th>
              <th scope="col">{t('appointments.field.service')}</th>
              <th scope="col">{t('appointments.manage.state')}</th>
            </tr>
          </thead>
          <tbody>
            {appointments.map((a) => {
              const service = site.services.find((s) => s.code === a.service_code);
              return (
                <tr key={a.id}>
                  <td>{time.format(a.starts_at)}</td>
                  <td>{a.reference}</td>
                  <td>{service ? (language === 'fr' ? service.name_fr : service.name_en) : a.service_code}</td>
                  <td>{t(`appointments.state.${a.state}`)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </>
    ),
  };
}

export function registerTodayPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, { id: 'appointments.today', paths: PATHS, access: FRONT_DESK, modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'appointments.today',
    paths: PATHS,
    access: FRONT_DESK,
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: CheckInForm },
    async handler(context) {
      const reference = fieldText((context.request.body as Record<string, unknown>).reference, 40);
      try {
        if (!/^[A-Za-z0-9]{3}-?[A-Za-z0-9]{3}$/.test(reference.trim())) throw new AppError('common.invalid_input', 400, {}, { reference: 'appointments.reference_invalid' });
        const normalized = reference.trim().toUpperCase().replace(/^(\w{3})-?(\w{3})$/, '$1-$2');
        const { visit, position } = await checkInAppointment({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), reference: normalized });
        return render(context, deps, { notice: context.t('appointments.today.checked_in', { ticket: visit.ticket, position }) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const errors = Object.keys(error.fields).length > 0 ? fieldErrors(error, context.t) : [{ field: 'reference', message: context.t(error.code, error.params) }];
        return render(context, deps, { errors, status: error.status });
      }
    },
  });
}
