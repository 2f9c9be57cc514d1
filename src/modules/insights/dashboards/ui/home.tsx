/** The dashboards page (`insights.home`): a GET filter form, then each measure with its table. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/deps.js';
import { AppError } from '../../../../platform/errors.js';
import type { Translate } from '../../../../platform/i18n/index.js';
import { fieldErrors, fieldText } from '../../../../platform/ssr/input.js';
import { registerPage } from '../../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError } from '../../../../web/components.js';
import { listProvinces, listServices } from '../../../network/index.js';
import { getDashboardFigures, type DashboardFigures, type DashboardFilter } from '../dashboard.service.js';
import { addDays } from '../forecast/model.js';
import { countOutreachSites } from '../outreach.js';
import { PERIODS, type Period } from '../periods.js';
import { VIEWERS } from '../routes.js';
import { formatters } from './format.js';
import { Field, Select } from './form.js';
import { INSIGHTS_PAGES, InsightsNav } from './nav.js';
import { getQaErrorRates } from '../../../qa/index.js';
import { ANSWER_MEASURES, MeasuresSection, QaSection, ReactivationSection, STANDARD_MEASURES, VolumesSection, WAIT_MEASURES } from './sections.js';

type Reference = { code: string; name_en: string; name_fr: string }[];

function FilterForm({ filter, provinces, services, t, action, errors, language }: { filter: DashboardFilter; provinces: Reference; services: Reference; t: Translate; action: string; errors: FieldError[]; language: 'en' | 'fr' }) {
  const name = (r: Reference[number]) => (language === 'fr' ? r.name_fr : r.name_en);
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="get" action={action} className="filters">
      <Field id="from" label={t('insights.filter.from')} type="date" value={filter.from} error={error('from')} t={t} />
      <Field id="to" label={t('insights.filter.to')} type="date" value={filter.to} error={error('to')} t={t} />
      <Select id="period" label={t('insights.filter.period')} value={filter.period} options={PERIODS.map((p) => ({ value: p, label: t(`insights.period_option.${p}`) }))} error={error('period')} t={t} />
      <Select id="province" label={t('insights.filter.province')} value={filter.province ?? ''} options={[{ value: '', label: t('insights.filter.all') }, ...provinces.map((p) => ({ value: p.code, label: name(p) }))]} error={error('province')} t={t} />
      <Field id="site" label={t('insights.filter.site')} value={filter.site ?? ''} error={error('site')} t={t} />
      <Select id="service" label={t('insights.filter.service')} value={filter.service ?? ''} options={[{ value: '', label: t('insights.filter.all') }, ...services.map((s) => ({ value: s.code, label: name(s) }))]} error={error('service')} t={t} />
      <button type="submit">{t('insights.filter.submit')}</button>
    </form>
  );
}

function query(filter: DashboardFilter): string {
  const entries = Object.entries(filter).filter(([, v]) => typeof v === 'string' && v !== '') as [string, string][];
  return new URLSearchParams(entries).toString();
}

export function registerHomePage(app: FastifyInstance, deps: ModuleDeps): void {
  const db = deps.database.db;
  registerPage(app, deps.shell, {
    id: INSIGHTS_PAGES.home,
    paths: { en: '/en/insights', fr: '/fr/analyses' },
    access: VIEWERS,
    modified: '2026-11-24',
    async handler({ t, href, request, language }) {
      const q = request.query as Record<string, unknown>;
      const to = fieldText(q.to, 10) || addDays(deps.clock.now().toISOString().slice(0, 10), -1);
      const filter: DashboardFilter = { from: fieldText(q.from, 10) || addDays(to, -364), to, period: (fieldText(q.period, 20) || 'month') as Period, province: fieldText(q.province, 10) || undefined, site: fieldText(q.site, 40) || undefined, service: fieldText(q.service, 40) || undefined };
      const format = formatters(language, t);
      let figures: DashboardFigures | null = null;
      let errors: FieldError[] = [];
      try {
        figures = await getDashboardFigures({ db, filter });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        errors = fieldErrors(error, t);
      }
      const [provinces, services, outreach, qaRates] = await Promise.all([
        listProvinces({ db }),
        listServices({ db }),
        countOutreachSites({ db, province: errors.length === 0 ? filter.province : undefined }),
        errors.length === 0 ? getQaErrorRates({ db, from: filter.from, to: filter.to }) : Promise.resolve([]),
      ]);
      const props = figures ? { figures, t, language, format } : null;
      return {
        title: t('insights.home.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <InsightsNav current="home" href={href} t={t} />
            <p>{t('insights.home.intro')}</p>
            <FilterForm filter={filter} provinces={provinces} services={services} t={t} action={href(INSIGHTS_PAGES.home)} errors={errors} language={language} />
            {props ? (
              <>
                <p>{t('insights.home.scope_note')}</p>
                {props.figures.failedSources.length > 0 ? <p className="notice notice-warning">{t('insights.home.source_failed', { count: props.figures.failedSources.length })}</p> : null}
                <ul className="inline-list">
                  <li>
                    <a href={`/api/v1/insights/volumes?${query(filter)}&format=csv`} download>{t('insights.download_csv')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/insights/volumes?${query(filter)}`}>{t('insights.download_json')}</a>
                  </li>
                </ul>
                <VolumesSection {...props} />
                <MeasuresSection {...props} id="waits" measures={WAIT_MEASURES} />
                <MeasuresSection {...props} id="answer" measures={ANSWER_MEASURES} />
                <MeasuresSection {...props} id="standards" measures={STANDARD_MEASURES} />
                <QaSection rates={qaRates} t={t} format={format} />
              </>
            ) : null}
            <ReactivationSection counts={outreach} t={t} format={format} href={href('network.reactivation')} />
          </>
        ),
      };
    },
  });
}
