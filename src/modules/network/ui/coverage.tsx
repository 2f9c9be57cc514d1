/** The coverage analysis page for analysts and planners: a GET form, tables, a CSV download. */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError } from '../../../web/components.js';
import { analyseCoverage, parseAddedSites, parseSiteList, type CoverageAnalysis } from '../analysis.service.js';
import * as network from '../network.service.js';
import type { PointCache } from '../point-cache.js';
import type { RoutingEngine } from '../routing.js';
import { ServiceSelect } from './components.js';

const text = (value: unknown) => fieldText(value, 5000);

function Tables({ analysis, context }: { analysis: CoverageAnalysis; context: PageContext }) {
  const { t, language } = context;
  const number = new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA');
  const percent = new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 });
  const scenario = analysis.comparison?.scenario;
  return (
    <>
      <h2>{t('network.coverage.result_heading')}</h2>
      <p className="lead">
        {t(analysis.distance === 'road' ? 'network.coverage.summary_road' : 'network.coverage.summary', { covered: number.format(analysis.today.populationCovered), total: number.format(analysis.today.populationTotal), share: percent.format(analysis.today.share), km: analysis.radiusKm })}
      </p>
      {analysis.comparison ? (
        <p className="lead">{t('network.coverage.scenario_summary', { share: percent.format(analysis.comparison.scenario.share), delta: number.format(analysis.comparison.delta.populationCovered) })}</p>
      ) : null}
      <table>
        <caption>{t('network.coverage.by_province')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('network.col_province')}</th>
            <th scope="col">{t('network.coverage.population')}</th>
            <th scope="col">{t('network.coverage.covered_today')}</th>
            {scenario ? <th scope="col">{t('network.coverage.covered_scenario')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {analysis.today.byProvince.map((p) => {
            const s = scenario?.byProvince.find((x) => x.provinceCode === p.provinceCode);
            return (
              <tr key={p.provinceCode}>
                <th scope="row">{p.provinceCode}</th>
                <td>{number.format(p.populationTotal)}</td>
                <td>{percent.format(p.share)}</td>
                {scenario ? <td>{s ? percent.format(s.share) : ''}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <caption>{t('network.coverage.beyond_reach', { km: analysis.radiusKm })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('network.col_city')}</th>
            <th scope="col">{t('network.col_province')}</th>
            <th scope="col">{t('network.coverage.population')}</th>
            <th scope="col">{t('network.coverage.nearest_km')}</th>
          </tr>
        </thead>
        <tbody>
          {(scenario ?? analysis.today).beyondReach.map((c) => (
            <tr key={String(c.id)}>
              <td>{c.name}</td>
              <td>{c.provinceCode}</td>
              <td>{number.format(c.population)}</td>
              <td>{c.nearestSiteKm === null ? '—' : number.format(c.nearestSiteKm)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function registerCoveragePage(app: FastifyInstance, deps: ModuleDeps, cache: PointCache, router: RoutingEngine | undefined): void {
  registerPage(app, deps.shell, {
    id: 'network.coverage',
    paths: { en: '/en/network/coverage', fr: '/fr/reseau/couverture' },
    access: may('network.analyse'),
    modified: '2026-11-23',
    async handler(context) {
      const { t, href, language, request } = context;
      const q = request.query as Record<string, unknown>;
      const values = { service: text(q.service), radiusKm: text(q.radiusKm) || '50', suspend: text(q.suspend), remove: text(q.remove), add: text(q.add), distance: router && text(q.distance) === 'road' ? 'road' : '' };
      const services = await network.listServices({ db: deps.database.db });
      const errors: FieldError[] = [];
      let analysis: CoverageAnalysis | undefined;
      const radius = Number(values.radiusKm);
      if (!(radius >= 1 && radius <= 1000)) errors.push({ field: 'radiusKm', message: t('network.coverage.radius_invalid') });
      else {
        try {
          analysis = await analyseCoverage({ cache, router, distance: values.distance === 'road' ? 'road' : 'straight', service: values.service, radiusKm: radius, scenario: { suspend: parseSiteList(values.suspend), remove: parseSiteList(values.remove), add: parseAddedSites(values.add) } });
        } catch (error) {
          if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 503)) throw error;
          errors.push(...(error.status === 503 ? [{ field: 'distance', message: t(error.code) }] : fieldErrors(error, t)));
        }
      }
      const csv = new URLSearchParams({ ...Object.fromEntries(Object.entries(values).filter(([, v]) => v)), format: 'csv' });
      return {
        title: t('network.coverage.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <p>{t('network.coverage.intro')}</p>
            <form method="get" action={href('network.coverage')}>
              <div className="filters">
                <ServiceSelect services={services} value={values.service} language={language} t={t} />
                <div className="field">
                  <label htmlFor="radiusKm">{t('network.coverage.radius')}</label>
                  <input id="radiusKm" name="radiusKm" type="number" min={1} max={1000} defaultValue={values.radiusKm} />
                </div>
                {router ? (
                  <div className="field">
                    <label htmlFor="distance">{t('network.coverage.distance')}</label>
                    <select id="distance" name="distance" defaultValue={values.distance || 'straight'}>
                      <option value="straight">{t('network.coverage.distance_straight')}</option>
                      <option value="road">{t('network.coverage.distance_road')}</option>
                    </select>
                  </div>
                ) : null}
              </div>
              <fieldset>
                <legend>{t('network.coverage.scenario')}</legend>
                {(['suspend', 'remove', 'add'] as const).map((field) => (
                  <div className="field" key={field}>
                    <label htmlFor={field}>{t(`network.coverage.${field}`)}</label>
                    <p className="hint" id={`${field}-hint`}>
                      {t(`network.coverage.${field}_hint`)}
                    </p>
                    <textarea id={field} name={field} rows={2} cols={60} defaultValue={values[field]} aria-describedby={`${field}-hint`} />
                  </div>
                ))}
              </fieldset>
              <button type="submit">{t('network.coverage.submit')}</button>
            </form>
            {analysis ? (
              <>
                <Tables analysis={analysis} context={context} />
                <p>
                  <a href={`/api/v1/coverage?${csv.toString()}`} download="coverage.csv">
                    {t('network.coverage.download_csv')}
                  </a>
                </p>
              </>
            ) : null}
          </>
        ),
      };
    },
  });
}
