/**
 * The reception console (Zone d'accueil): a commissionaire triages an arriving client (service,
 * language, needs, destination) and hands over a ticket; remote clients who have arrived are
 * checked in from the same page. Clients are known by ticket only.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { VISIT_DESTINATIONS } from '../../../platform/db/tables.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldList, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, OfficialLanguageChoice, type FieldError } from '../../../web/components.js';
import { getServicePointFor } from '../../network/index.js';
import { FRONT_DESK } from '../visits.routes.js';
import { checkInVisit, listActiveVisits, transitionVisit, VISIT_NEEDS } from '../visits.service.js';
import type { PageHooks } from './pages.js';
import { ServiceSelect, serviceLabel, siteName, waitText } from './parts.js';

const PATHS = { en: '/en/visits/:code/reception', fr: '/fr/visites/:code/accueil' };
const ReceptionForm = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 20 })),
  service: Type.Optional(Type.String({ maxLength: 40 })),
  language: Type.Optional(Type.String({ maxLength: 5 })),
  needs: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })])),
  destination: Type.Optional(Type.String({ maxLength: 20 })),
  visitId: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; issued?: { ticket: string; position: number; estimate: { minMinutes: number; maxMinutes: number }; selfService: boolean }; notice?: string; status?: number }) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const site = await getServicePointFor({ actor: actorOf(request), db, ref: (request.params as { code: string }).code });
  const active = await listActiveVisits({ db, siteId: site.id });
  const errors = options.errors ?? [];
  const csrf = context.csrfToken();
  const services = site.services.filter((s) => s.code !== 'self_service');
  return {
    title: t('visits.reception.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    scripts: ['/assets/visits-live.js'],
    breadcrumbs: [
      { href: href('portal.staff'), label: t('shell.staff_home') },
      { href: `${href('visits.home')}?q=${encodeURIComponent(site.code)}`, label: t('visits.home.title') },
    ],
    body: (
      <div data-live-site={site.id}>
        <ErrorSummary errors={errors} t={t} />
        {options.issued ? (
          <Notice kind="success">
            <p className="ticket-number">{options.issued.ticket}</p>
            <p>{options.issued.selfService ? t('visits.reception.issued_self_service', { ticket: options.issued.ticket }) : t('visits.reception.issued', { ticket: options.issued.ticket, position: options.issued.position, wait: waitText(options.issued.estimate, t) })}</p>
          </Notice>
        ) : null}
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <form method="post" noValidate>
          <h2>{t('visits.reception.check_in')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="check_in" />
          <ServiceSelect id="service" label={t('visits.field.service')} services={services} error={errors.find((e) => e.field === 'service')?.message} language={language} t={t} />
          <OfficialLanguageChoice legend={t('visits.field.language')} value={language} label={(lang) => t(`visits.language.${lang}`)} />
          <fieldset className="field" id="needs">
            <legend>{t('visits.field.needs')}</legend>
            {VISIT_NEEDS.map((need) => (
              <div key={need}>
                <input type="checkbox" id={`need-${need}`} name="needs" value={need} />
                <label htmlFor={`need-${need}`}>{t(`visits.need.${need}`)}</label>
              </div>
            ))}
          </fieldset>
          <fieldset className="field" id="destination">
            <legend>{t('visits.field.destination')}</legend>
            {VISIT_DESTINATIONS.map((destination) => (
              <div key={destination}>
                <input type="radio" id={`destination-${destination}`} name="destination" value={destination} defaultChecked={destination === 'counter'} />
                <label htmlFor={`destination-${destination}`}>{t(`visits.destination.${destination}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('visits.reception.issue')}</button>
        </form>
        <table>
          <caption>{t('visits.reception.queue', { count: active.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('visits.board.ticket')}</th>
              <th scope="col">{t('visits.field.service')}</th>
              <th scope="col">{t('visits.ticket.state')}</th>
              <th scope="col">{t('visits.reception.arrived')}</th>
              <th scope="col">{t('visits.home.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {active.map((visit) => (
              <tr key={visit.id}>
                <td>{visit.ticket}</td>
                <td>{serviceLabel(site.services, visit.service_code, language)}</td>
                <td>
                  {t(`visits.state.${visit.state}`)}
                  {visit.checked_in_at ? '' : ` · ${t('visits.reception.not_arrived')}`}
                  {visit.running_late ? ` · ${t('visits.reception.running_late')}` : ''}
                </td>
                <td>{new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: site.time_zone, hour: '2-digit', minute: '2-digit' }).format(visit.arrived_at)}</td>
                <td>
                  {visit.state === 'waiting' && !visit.checked_in_at ? (
                    <form method="post" className="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="action" value="arrive" />
                      <input type="hidden" name="visitId" value={visit.id} />
                      <button type="submit" aria-label={t('visits.reception.mark_arrived_ticket', { ticket: visit.ticket })}>
                        {t('visits.reception.mark_arrived')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ),
  };
}

export function registerReceptionPage(app: FastifyInstance, deps: ModuleDeps, hooks: PageHooks): void {
  registerPage(app, deps.shell, { id: 'visits.reception', paths: PATHS, access: FRONT_DESK, modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'visits.reception',
    paths: PATHS,
    access: FRONT_DESK,
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: ReceptionForm },
    async handler(context) {
      const { request, t } = context;
      const body = request.body as Record<string, unknown>;
      const code = (request.params as { code: string }).code;
      try {
        if (fieldText(body.action) === 'arrive') {
          const visitId = fieldText(body.visitId);
          if (!UUID.test(visitId)) throw new AppError('visits.not_found', 404);
          const visit = await transitionVisit({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), visitId, action: 'arrive' });
          hooks.afterQueueMoved(visit.service_point_id);
          return render(context, deps, { notice: t('visits.reception.arrived_done', { ticket: visit.ticket }) });
        }
        const { visit, position, estimate } = await checkInVisit({
          db: deps.database.db,
          clock: deps.clock,
          actor: actorOf(request),
          siteRef: code,
          service: fieldText(body.service),
          channel: 'walk_in',
          language: fieldText(body.language) || context.language,
          needs: fieldList(body.needs),
          destination: fieldText(body.destination) || 'counter',
          inBuilding: true,
        });
        return render(context, deps, { issued: { ticket: visit.ticket, position, estimate, selfService: visit.outcome_code === 'self_service' } });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const errors = error.status === 400 ? fieldErrors(error, t) : [{ field: 'service', message: t(error.code, error.params) }];
        return render(context, deps, { errors, status: error.status });
      }
    },
  });
}
