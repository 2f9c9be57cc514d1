/**
 * In-person service quality: an observer records what they saw of one service interaction, on
 * site or virtually, tied to a visit (by its id) or to a site; the page sums up each item.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { QA_OBSERVATION_MODES, QA_RESULTS, type QaObservationMode, type QaResult } from '../../../platform/db/tables.qa.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { getServicePoint } from '../../network/index.js';
import { listObservationSummary, OBSERVATION_ITEMS, recordObservation, type ObservationInput } from '../quality.service.js';
import { QA_READERS } from '../qa.routes.js';
import { formatters, QA_PAGES } from './parts.js';

type Values = Record<string, string>;

function Summary({ summary, context, site }: { summary: Awaited<ReturnType<typeof listObservationSummary>>['summary']; context: PageContext; site: string | null }) {
  const { t, language } = context;
  const format = formatters(language);
  return (
    <table>
      <caption>{site ? t('qa.observations.summary_site', { site }) : t('qa.observations.summary')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('qa.observations.item')}</th>
          <th scope="col">{t('qa.result.pass')}</th>
          <th scope="col">{t('qa.result.fail')}</th>
          <th scope="col">{t('qa.observations.share')}</th>
          <th scope="col">{t('qa.rates.interval')}</th>
        </tr>
      </thead>
      <tbody>
        {summary.map((row) => (
          <tr key={row.code}>
            <th scope="row">{t(`qa.observation.item.${row.code}`)}</th>
            <td>{format.count(row.pass)}</td>
            <td>{format.count(row.fail)}</td>
            <td>{format.percent(row.share)}</td>
            <td>{row.low === null ? '—' : `${format.percent(row.low)} – ${format.percent(row.high)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ObservationForm({ context, values, errors }: { context: PageContext; values: Values; errors: FieldError[] }) {
  const { t } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" noValidate>
      <h2>{t('qa.observations.record')}</h2>
      <CsrfField token={context.csrfToken()} />
      <div className="field">
        <label htmlFor="site">{t('qa.observations.site')}</label>
        <p className="hint" id="site-hint">{t('qa.observations.site_hint')}</p>
        {error('site') ? <p className="error-message">{error('site')}</p> : null}
        <input id="site" name="site" defaultValue={values.site ?? ''} aria-describedby="site-hint" />
      </div>
      <div className="field">
        <label htmlFor="visitId">{t('qa.observations.visit')}</label>
        <p className="hint" id="visitId-hint">{t('qa.observations.visit_hint')}</p>
        {error('visitId') ? <p className="error-message">{error('visitId')}</p> : null}
        <input id="visitId" name="visitId" defaultValue={values.visitId ?? ''} aria-describedby="visitId-hint" />
      </div>
      <fieldset className="field" id="mode">
        <legend>{t('qa.observations.mode')}</legend>
        {QA_OBSERVATION_MODES.map((mode) => (
          <div key={mode}>
            <input type="radio" id={`mode-${mode}`} name="mode" value={mode} defaultChecked={(values.mode ?? 'on_site') === mode} />
            <label htmlFor={`mode-${mode}`}>{t(`qa.observations.mode.${mode}`)}</label>
          </div>
        ))}
      </fieldset>
      {OBSERVATION_ITEMS.map((code) => (
        <fieldset className="field" id={`item-${code}`} key={code}>
          <legend>{t(`qa.observation.item.${code}`)}</legend>
          {error(`item-${code}`) ? <p className="error-message">{error(`item-${code}`)}</p> : null}
          {QA_RESULTS.map((result) => (
            <div key={result}>
              <input type="radio" id={`item-${code}-${result}`} name={`item-${code}`} value={result} defaultChecked={values[`item-${code}`] === result} />
              <label htmlFor={`item-${code}-${result}`}>{t(`qa.result.${result}`)}</label>
            </div>
          ))}
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="notes">{t('qa.observations.notes')}</label>
        <textarea id="notes" name="notes" rows={3} defaultValue={values.notes ?? ''} />
      </div>
      <button type="submit">{t('qa.observations.submit')}</button>
    </form>
  );
}

function toInput(values: Values): ObservationInput {
  const mode = values.mode as QaObservationMode;
  if (!(QA_OBSERVATION_MODES as readonly string[]).includes(mode)) throw new AppError('qa.review.invalid', 400, {}, { mode: 'qa.review.bad_choice' });
  const items = OBSERVATION_ITEMS.filter((code) => values[`item-${code}`]).map((code) => {
    const result = values[`item-${code}`] as QaResult;
    if (!(QA_RESULTS as readonly string[]).includes(result)) throw new AppError('qa.review.invalid', 400, {}, { [`item-${code}`]: 'qa.review.bad_choice' });
    return { code, result };
  });
  return { mode, items, siteRef: values.site || undefined, visitId: values.visitId || undefined, notes: values.notes };
}

/** The code of the site asked for, or null when there is none such (the page then shows all sites). */
async function findSite(deps: ModuleDeps, ref: string): Promise<string | null> {
  const site = await getServicePoint({ db: deps.database.db, ref }).catch(() => null);
  return site?.code ?? null;
}

export function registerObservationsPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<Values>(app, deps.shell, {
    id: QA_PAGES.observations,
    paths: { en: '/en/qa/observations', fr: '/fr/aq/observations' },
    access: QA_READERS,
    modified: '2026-11-24',
    read(context) {
      const body = context.request.body as Record<string, unknown>;
      const values: Values = { site: fieldText(body.site, 100).trim(), visitId: fieldText(body.visitId, 40).trim(), mode: fieldText(body.mode, 20), notes: fieldText(body.notes, 4000) };
      for (const code of OBSERVATION_ITEMS) values[`item-${code}`] = fieldText(body[`item-${code}`], 20);
      return values;
    },
    async submit(context, values) {
      await recordObservation({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), input: toInput(values) });
      return context.t('qa.observations.recorded');
    },
    async render(context, state) {
      const { t, href, language } = context;
      // `?site=CODE` (from a service point's page) narrows the summary and fills in the form.
      const asked = fieldText((context.request.query as Record<string, unknown>).site, 100).trim();
      const site = asked ? await findSite(deps, asked) : null;
      const { observations, summary } = await listObservationSummary({ db: deps.database.db, actor: actorOf(context.request), siteRef: site ?? undefined, limit: 20 });
      const format = formatters(language);
      return {
        title: t('qa.observations.title'),
        status: state.status ?? 200,
        breadcrumbs: [
          { href: href('portal.staff'), label: t('shell.staff_home') },
          { href: href(QA_PAGES.home), label: t('qa.home.title') },
        ],
        body: (
          <>
            <ErrorSummary errors={state.errors ?? []} t={t} />
            {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
            <p className="lead">{t('qa.observations.lead')}</p>
            <Summary summary={summary} context={context} site={site} />
            <ObservationForm context={context} values={state.values ?? (site ? { site } : {})} errors={state.errors ?? []} />
            <h2>{t('qa.observations.recent')}</h2>
            <ul>
              {observations.map((o) => (
                <li key={o.id}>
                  {t('qa.observations.line', {
                    date: format.dateTime(o.observed_at),
                    site: o.site_code,
                    mode: t(`qa.observations.mode.${o.mode}`),
                    met: o.items.filter((i) => i.result === 'pass').length,
                    rated: o.items.filter((i) => i.result !== 'not_applicable').length,
                  })}
                  {o.ticket ? ` · ${t('qa.observations.ticket', { ticket: o.ticket })}` : ''}
                </li>
              ))}
            </ul>
          </>
        ),
      };
    },
  });
}
