/** The staffing plan page (`insights.plan`): one day's agents or counter staff per half-hour. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/deps.js';
import { AppError } from '../../../../platform/errors.js';
import type { Language, Translate } from '../../../../platform/i18n/index.js';
import { fieldErrors, fieldText } from '../../../../platform/ssr/input.js';
import { registerPage } from '../../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError, ScrollTable } from '../../../../web/components.js';
import { addDays } from '../forecast/model.js';
import { getStaffingPlan, PLAN_SCOPES, type PlanResult, type PlanScope } from '../plan/plan.service.js';
import { VIEWERS } from '../routes.js';
import { BarChart } from './chart.js';
import { formatters, type Formatters } from './format.js';
import { Field, Select } from './form.js';
import { INSIGHTS_PAGES, InsightsNav } from './nav.js';
import { Section } from './sections.js';

const TARGET_FIELDS = ['ahtSeconds', 'targetServiceLevel', 'targetSeconds', 'shrinkage', 'maxOccupancy'] as const;
type Values = Record<'scope' | 'site' | 'line' | 'day' | (typeof TARGET_FIELDS)[number], string>;

/** The next weekday after today: the day a planner usually prepares. */
function nextWeekday(today: string): string {
  let day = addDays(today, 1);
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

function PlanForm({ values, errors, t, action }: { values: Values; errors: FieldError[]; t: Translate; action: string }) {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="get" action={action}>
      <div className="filters">
        <Select id="scope" label={t('insights.plan.scope')} value={values.scope} options={PLAN_SCOPES.map((s) => ({ value: s, label: t(`insights.plan.scope.${s}`) }))} error={error('scope')} t={t} />
        <Field id="site" label={t('insights.plan.site')} value={values.site} error={error('site')} t={t} />
        <Field id="line" label={t('insights.plan.line')} value={values.line} error={error('line')} t={t} />
        <Field id="day" label={t('insights.plan.day')} type="date" value={values.day} error={error('day')} t={t} />
      </div>
      <fieldset>
        <legend>{t('insights.plan.targets')}</legend>
        <p className="hint">{t('insights.plan.targets_hint')}</p>
        <div className="filters">
          {TARGET_FIELDS.map((f) => (
            <Field key={f} id={f} label={t(`insights.plan.${f}`)} type="number" step="any" value={values[f]} error={error(f)} t={t} />
          ))}
        </div>
      </fieldset>
      <button type="submit">{t('insights.plan.submit')}</button>
    </form>
  );
}

function PlanResults({ plan, t, format, language }: { plan: PlanResult; t: Translate; format: Formatters; language: Language }) {
  if (plan.missing) return <p className="no-data">{t(`insights.plan.missing.${plan.missing}`)}</p>;
  const who = plan.site ? (language === 'fr' ? plan.site.nameFr : plan.site.nameEn) : t('insights.plan.scope.contact');
  return (
    <Section id="plan" title={t('insights.plan.section', { who, day: format.date(plan.request.day) })}>
      <p>
        {t('insights.plan.summary', { demand: format.count(plan.demand?.mean ?? 0), peak: plan.peakAgents, hours: format.decimal(plan.agentHours), aht: Math.round(plan.targets.ahtSeconds), level: format.share(plan.targets.targetServiceLevel), seconds: plan.targets.targetSeconds })}
      </p>
      {plan.site && plan.peakAgents > plan.site.counters ? <p className="notice notice-warning">{t('insights.plan.over_counters', { counters: plan.site.counters, peak: plan.peakAgents })}</p> : null}
      <BarChart
        id="plan-chart"
        language={language}
        title={t('insights.plan.chart_title')}
        description={t('insights.plan.chart_desc', { peak: plan.peakAgents, first: plan.halfHours[0]?.start ?? '', last: plan.halfHours.at(-1)?.start ?? '' })}
        x={plan.halfHours.map((h) => h.start)}
        values={plan.halfHours.map((h) => h.agents)}
        limit={plan.site?.counters}
        limitLabel={plan.site ? t('insights.plan.counters_line', { counters: plan.site.counters }) : ''}
      />
      <ScrollTable id="plan-caption" caption={t('insights.plan.caption')}>
        <thead>
          <tr>
            {['start', 'arrivals', 'agents', 'service_level', 'occupancy'].map((k) => (
              <th scope="col" key={k}>
                {t(`insights.plan.column.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.halfHours.map((h) => (
            <tr key={h.start}>
              <th scope="row">{h.start}</th>
              <td>{format.decimal(h.arrivals)}</td>
              <td>{h.agents}</td>
              <td>{format.share(h.serviceLevel)}</td>
              <td>{format.share(h.occupancy)}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </Section>
  );
}

export function registerPlanPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: INSIGHTS_PAGES.plan,
    paths: { en: '/en/insights/staffing-plan', fr: '/fr/analyses/plan-effectifs' },
    access: VIEWERS,
    modified: '2026-11-24',
    async handler({ t, href, request, language }) {
      const q = request.query as Record<string, unknown>;
      const today = deps.clock.now().toISOString().slice(0, 10);
      const v = (name: string) => fieldText(q[name], 40).trim();
      const values = { scope: v('scope') || 'contact', site: v('site'), line: v('line'), day: v('day') || nextWeekday(today), ...Object.fromEntries(TARGET_FIELDS.map((f) => [f, v(f)])) } as Values;
      const targets = Object.fromEntries(TARGET_FIELDS.filter((f) => values[f] !== '').map((f) => [f, Number(values[f])]));
      const format = formatters(language, t);
      let plan: PlanResult | null = null;
      let errors: FieldError[] = [];
      try {
        if (!(PLAN_SCOPES as readonly string[]).includes(values.scope)) throw new AppError('common.invalid_input', 400, {}, { scope: 'insights.plan.scope_invalid' });
        plan = await getStaffingPlan({ db: deps.database.db, today, request: { scope: values.scope as PlanScope, site: values.site || undefined, line: values.line || undefined, day: values.day, targets } });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        errors = fieldErrors(error, t);
      }
      const query = new URLSearchParams(Object.entries(values).filter(([, x]) => x !== '')).toString();
      return {
        title: t('insights.plan.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }, { href: href(INSIGHTS_PAGES.home), label: t('insights.home.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <InsightsNav current="plan" href={href} t={t} />
            <p>{t('insights.plan.intro')}</p>
            <PlanForm values={values} errors={errors} t={t} action={href(INSIGHTS_PAGES.plan)} />
            {plan ? (
              <>
                <ul className="inline-list">
                  <li>
                    <a href={`/api/v1/insights/staffing-plan?${query}&format=csv`} download>{t('insights.download_csv')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/insights/staffing-plan?${query}`}>{t('insights.download_json')}</a>
                  </li>
                </ul>
                <PlanResults plan={plan} t={t} format={format} language={language} />
              </>
            ) : null}
          </>
        ),
      };
    },
  });
}
