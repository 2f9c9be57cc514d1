/** Supervisors and administrators edit a service point's details in a plain form. */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldList, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldError } from '../../../web/components.js';
import { updateServicePointDetails, type DetailsInput } from '../edit.service.js';
import * as network from '../network.service.js';

const PATHS = { en: '/en/service-points/:code/edit', fr: '/fr/points-de-service/:code/modifier' };
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const str = (value: unknown) => fieldText(value, 1000);

function inputFrom(body: Record<string, unknown>): DetailsInput {
  const hours: DetailsInput['hours'] = {};
  for (const day of WEEKDAYS) hours[day] = { opensAt: str(body[`opens-${day}`]), closesAt: str(body[`closes-${day}`]) };
  return { nameEn: str(body.nameEn), nameFr: str(body.nameFr), addressLine: str(body.addressLine), postalCode: str(body.postalCode), counters: str(body.counters), services: fieldList(body.services, 1000), hours };
}

async function render(context: PageContext, deps: ModuleDeps, options: { input?: DetailsInput; errors?: FieldError[]; saved?: boolean; status?: number }) {
  const { t, href, language, request } = context;
  const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
  const services = await network.listServices({ db: deps.database.db });
  const errors = options.errors ?? [];
  const value: DetailsInput = options.input ?? {
    nameEn: site.name_en,
    nameFr: site.name_fr,
    addressLine: site.address_line,
    postalCode: site.postal_code ?? '',
    counters: String(site.counters),
    services: site.services.map((s) => s.code),
    hours: Object.fromEntries(site.hours.map((h) => [h.weekday, { opensAt: h.opensAt, closesAt: h.closesAt }])),
  };
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const name = language === 'fr' ? site.name_fr : site.name_en;
  return {
    title: t('network.edit.title', { name }),
    status: options.status ?? 200,
    breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('network.site', { code: site.code }), label: name }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.saved ? <Notice kind="success">{t('network.edit.saved')}</Notice> : null}
        <form method="post" action={href('network.edit', { code: site.code })} noValidate>
          <CsrfField token={context.csrfToken()} />
          <TextField id="nameEn" label={t('network.edit.name_en')} value={value.nameEn} required error={error('nameEn')} t={t} />
          <TextField id="nameFr" label={t('network.edit.name_fr')} value={value.nameFr} required error={error('nameFr')} t={t} />
          <TextField id="addressLine" label={t('network.address')} value={value.addressLine} error={error('addressLine')} t={t} />
          <TextField id="postalCode" label={t('network.edit.postal_code')} hint={t('network.edit.postal_hint')} value={value.postalCode} error={error('postalCode')} t={t} />
          <TextField id="counters" label={t('network.edit.counters')} type="number" value={value.counters} error={error('counters')} t={t} />
          <fieldset id="services">
            <legend>{t('network.services_offered')}</legend>
            {error('services') ? <p className="error-message">{error('services')}</p> : null}
            {services.map((s) => (
              <div className="field checkbox" key={s.code}>
                <input id={`service-${s.code}`} name="services" type="checkbox" value={s.code} defaultChecked={value.services.includes(s.code)} />
                <label htmlFor={`service-${s.code}`}>{language === 'fr' ? s.name_fr : s.name_en}</label>
              </div>
            ))}
          </fieldset>
          <table>
            <caption>{t('network.edit.hours_caption', { zone: site.time_zone })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.day')}</th>
                <th scope="col">{t('network.edit.opens')}</th>
                <th scope="col">{t('network.edit.closes')}</th>
              </tr>
            </thead>
            <tbody>
              {WEEKDAYS.map((day) => (
                <tr key={day} className={error(`opens-${day}`) ? 'field-error' : undefined}>
                  <th scope="row">
                    {t(`network.weekday.${day}`)}
                    {error(`opens-${day}`) ? <span className="error-message"> {error(`opens-${day}`)}</span> : null}
                  </th>
                  <td>
                    <input id={`opens-${day}`} name={`opens-${day}`} type="time" defaultValue={value.hours[day]?.opensAt ?? ''} aria-label={t('network.edit.opens_on', { day: t(`network.weekday.${day}`) })} />
                  </td>
                  <td>
                    <input id={`closes-${day}`} name={`closes-${day}`} type="time" defaultValue={value.hours[day]?.closesAt ?? ''} aria-label={t('network.edit.closes_on', { day: t(`network.weekday.${day}`) })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{t('network.edit.submit')}</button>
        </form>
      </>
    ),
  };
}

export function registerEditPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'network.edit',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    handler: (context) => render(context, deps, { saved: (context.request.query as Record<string, unknown>).saved === '1' }),
  });
  registerPage(app, deps.shell, {
    id: 'network.edit',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    method: 'POST',
    async handler(context) {
      const { request, t, href } = context;
      const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
      const input = inputFrom((request.body ?? {}) as Record<string, unknown>);
      try {
        await updateServicePointDetails({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), servicePointId: site.id, input });
        return { redirect: `${href('network.edit', { code: site.code })}?saved=1` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, deps, { input, errors: fieldErrors(error, t), status: 400 });
      }
    },
  });
}
