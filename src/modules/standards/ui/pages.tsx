/**
 * The public pages of service standards: the list of services with each standard and how it did
 * this fiscal year, and a page per service with its results by quarter and month. Both languages.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import type { Language, Translate } from '../../../platform/i18n/index.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { fiscalYearOf } from '../fiscal.js';
import { computeResults, type Figures, type StandardResults } from '../results.service.js';
import { currentFiscalYear, readFiscalYear } from '../standards.routes.js';

export const STANDARDS_PAGES = { home: 'standards.home', service: 'standards.service' } as const;
const MODIFIED = '2026-11-24';

const percent = (value: number | null, language: Language) =>
  value === null ? '—' : new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 }).format(value);
const count = (value: number, language: Language) => new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA').format(value);
const met = (figures: Figures, t: Translate) => t(figures.targetMet === null ? 'standards.met.none' : figures.targetMet ? 'standards.met.yes' : 'standards.met.no');
const text = (r: StandardResults, language: Language) => (language === 'fr' ? r.standard.standard_fr : r.standard.standard_en);
const serviceName = (r: StandardResults, language: Language) => (language === 'fr' ? r.standard.service_name_fr : r.standard.service_name_en);

function FiguresRow({ label, figures, target, language, t }: { label: string; figures: Figures; target: number; language: Language; t: Translate }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{count(figures.meeting, language)}</td>
      <td>{count(figures.total, language)}</td>
      <td>{percent(figures.performance, language)}</td>
      <td>{percent(target / 100, language)}</td>
      <td>{met(figures, t)}</td>
    </tr>
  );
}

function ResultsTable({ caption, rows, language, t }: { caption: string; rows: { label: string; figures: Figures; target: number }[]; language: Language; t: Translate }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('standards.period')}</th>
          <th scope="col">{t('standards.meeting')}</th>
          <th scope="col">{t('standards.total')}</th>
          <th scope="col">{t('standards.performance')}</th>
          <th scope="col">{t('standards.target')}</th>
          <th scope="col">{t('standards.target_met')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <FiguresRow key={row.label} label={row.label} figures={row.figures} target={row.target} language={language} t={t} />
        ))}
      </tbody>
    </table>
  );
}

const monthName = (month: string, language: Language) => new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

export function registerStandardsPages(app: FastifyInstance, deps: ModuleDeps): void {
  const db = deps.database.db;
  registerPage(app, deps.shell, {
    id: STANDARDS_PAGES.home,
    paths: { en: '/en/service-standards', fr: '/fr/normes-de-service' },
    access: 'public',
    modified: MODIFIED,
    async handler({ t, language, href }) {
      const fiscalYear = currentFiscalYear(deps);
      const previous = fiscalYearOf(fiscalYear.startYear - 1);
      const results = await computeResults({ db, fiscalYear: previous });
      const services = [...new Map(results.map((r) => [r.standard.service_id, r])).values()];
      return {
        title: t('standards.home.title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p className="lead">{t('standards.home.lead')}</p>
            <ResultsTable
              caption={t('standards.home.caption', { year: previous.label })}
              rows={results.map((r) => ({ label: `${r.standard.id} — ${text(r, language)}`, figures: r.year, target: r.standard.target_percent }))}
              language={language}
              t={t}
            />
            <h2>{t('standards.home.services')}</h2>
            <ul>
              {services.map((r) => (
                <li key={r.standard.service_id}>
                  <a href={href(STANDARDS_PAGES.service, { serviceCode: r.standard.service_id })}>{serviceName(r, language)}</a>
                </li>
              ))}
            </ul>
            <h2>{t('standards.home.open_data')}</h2>
            <p>{t('standards.home.open_data_lead')}</p>
            <ul>
              <li>
                <a href="/api/v1/open-data/service-standards.csv">{t('standards.home.csv')}</a>
              </li>
              <li>
                <a href="/api/v1/open-data/service-standards.json">{t('standards.home.json')}</a>
              </li>
            </ul>
          </>
        ),
      };
    },
  });

  registerPage(app, deps.shell, {
    id: STANDARDS_PAGES.service,
    paths: { en: '/en/service-standards/:serviceCode', fr: '/fr/normes-de-service/:serviceCode' },
    access: 'public',
    modified: MODIFIED,
    async handler({ t, language, href, request }) {
      const serviceCode = (request.params as { serviceCode: string }).serviceCode;
      const asked = fieldText((request.query as Record<string, unknown>).fiscalYear, 20);
      const fiscalYear = readFiscalYear(deps, asked || fiscalYearOf(currentFiscalYear(deps).startYear - 1).label);
      const results = (await computeResults({ db, fiscalYear })).filter((r) => r.standard.service_id === serviceCode);
      if (results.length === 0) throw new AppError('standards.not_found', 404);
      const years = [0, 1, 2].map((back) => fiscalYearOf(currentFiscalYear(deps).startYear - back).label);
      return {
        title: serviceName(results[0]!, language),
        breadcrumbs: [
          { href: href('portal.home'), label: t('shell.home') },
          { href: href(STANDARDS_PAGES.home), label: t('standards.home.title') },
        ],
        body: (
          <>
            <nav aria-label={t('standards.service.years')}>
              <ul className="inline-list">
                {years.map((year) => (
                  <li key={year}>
                    <a href={`${href(STANDARDS_PAGES.service, { serviceCode })}?fiscalYear=${year}`} aria-current={year === fiscalYear.label ? 'page' : undefined}>
                      {t('standards.service.year', { year })}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {results.map((r) => (
              <section key={r.standard.id} aria-labelledby={`standard-${r.standard.id}`}>
                <h2 id={`standard-${r.standard.id}`}>
                  {r.standard.id} — {text(r, language)}
                </h2>
                <p>{t('standards.service.channel', { channel: t(`standards.channel.${r.standard.channel}`), target: percent(r.standard.target_percent / 100, language) })}</p>
                <ResultsTable
                  caption={t('standards.service.quarters', { year: fiscalYear.label })}
                  rows={[...r.quarters.map((q) => ({ label: t('standards.quarter', { quarter: q.quarter }), figures: q as Figures })), { label: t('standards.year'), figures: r.year }].map((row) => ({ ...row, target: r.standard.target_percent }))}
                  language={language}
                  t={t}
                />
                <ResultsTable caption={t('standards.service.months', { year: fiscalYear.label })} rows={r.months.map((m) => ({ label: monthName(m.month, language), figures: m as Figures, target: r.standard.target_percent }))} language={language} t={t} />
              </section>
            ))}
          </>
        ),
      };
    },
  });
}
