/** The forecast page (`insights.forecast`): a series chosen by a GET form, its forecast, backtest and events. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/deps.js';
import { AppError } from '../../../../platform/errors.js';
import type { Language, Translate } from '../../../../platform/i18n/index.js';
import { fieldErrors, fieldText } from '../../../../platform/ssr/input.js';
import { registerPage } from '../../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError, ScrollTable } from '../../../../web/components.js';
import { listProvinces } from '../../../network/index.js';
import { getForecast, type ForecastRequest, type ForecastResult } from '../forecast/forecast.service.js';
import { PLANNERS, VIEWERS } from '../routes.js';
import { CHANNELS, type Channel } from '../sources.js';
import { LineChart } from './chart.js';
import { formatters, type Formatters } from './format.js';
import { Field, Select } from './form.js';
import { INSIGHTS_PAGES, InsightsNav } from './nav.js';
import { Section } from './sections.js';

type Values = Record<'channel' | 'service' | 'province' | 'site' | 'horizon' | 'surgeExtra' | 'surgeStart' | 'surgeWeeks', string>;

function readValues(q: Record<string, unknown>): Values {
  const v = (name: string, max = 40) => fieldText(q[name], max).trim();
  return { channel: v('channel') || 'in_person', service: v('service'), province: v('province'), site: v('site'), horizon: v('horizon') || '56', surgeExtra: v('surgeExtra'), surgeStart: v('surgeStart'), surgeWeeks: v('surgeWeeks') || '6' };
}

const toRequest = (v: Values): ForecastRequest => ({
  channel: v.channel as Channel,
  service: v.service || undefined,
  province: v.province || undefined,
  site: v.site || undefined,
  horizon: Number(v.horizon),
  surge: v.surgeExtra || v.surgeStart ? { extra: Number(v.surgeExtra), startsOn: v.surgeStart, weeks: Number(v.surgeWeeks) } : undefined,
});

function ForecastForm({ values, provinces, errors, t, action, language }: { values: Values; provinces: { code: string; name_en: string; name_fr: string }[]; errors: FieldError[]; t: Translate; action: string; language: Language }) {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="get" action={action}>
      <div className="filters">
        <Select id="channel" label={t('insights.filter.channel')} value={values.channel} options={CHANNELS.map((c) => ({ value: c, label: t(`insights.channel.${c}`) }))} error={error('channel')} t={t} />
        <Field id="service" label={t('insights.forecast.service')} hint={t('insights.forecast.service_hint')} value={values.service} error={error('service')} t={t} />
        <Select id="province" label={t('insights.filter.province')} value={values.province} options={[{ value: '', label: t('insights.filter.all') }, ...provinces.map((p) => ({ value: p.code, label: language === 'fr' ? p.name_fr : p.name_en }))]} error={error('province')} t={t} />
        <Field id="site" label={t('insights.filter.site')} value={values.site} error={error('site')} t={t} />
        <Field id="horizon" label={t('insights.forecast.horizon')} type="number" value={values.horizon} error={error('horizon')} t={t} />
      </div>
      <fieldset>
        <legend>{t('insights.forecast.surge')}</legend>
        <div className="filters">
          <Field id="surgeExtra" label={t('insights.forecast.surge_extra')} type="number" value={values.surgeExtra} error={error('extra')} t={t} />
          <Field id="surgeStart" label={t('insights.forecast.surge_start')} type="date" value={values.surgeStart} error={error('startsOn')} t={t} />
          <Field id="surgeWeeks" label={t('insights.forecast.surge_weeks')} type="number" value={values.surgeWeeks} error={error('weeks')} t={t} />
        </div>
      </fieldset>
      <button type="submit">{t('insights.forecast.submit')}</button>
    </form>
  );
}

function ForecastChart({ result, t, format, language }: { result: ForecastResult; t: Translate; format: Formatters; language: Language }) {
  const x = [...result.history.map((h) => h.day), ...result.days.map((d) => d.day)].map(format.date);
  const gap = result.history.map(() => null);
  const total = result.days.reduce((s, d) => s + d.mean, 0);
  return (
    <LineChart
      id="forecast-chart"
      language={language}
      title={t('insights.forecast.chart_title')}
      description={t('insights.forecast.chart_desc', { days: result.days.length, total: format.count(total), from: x[0] ?? '', to: x.at(-1) ?? '' })}
      x={x}
      series={[
        { label: t('insights.forecast.actual'), values: [...result.history.map((h) => h.value), ...result.days.map(() => null)] },
        { label: t('insights.forecast.forecast'), values: [...gap, ...result.days.map((d) => d.mean)] },
      ]}
      bands={[
        { start: gap.length, lower: result.days.map((d) => d.lower95), upper: result.days.map((d) => d.upper95) },
        { start: gap.length, lower: result.days.map((d) => d.lower80), upper: result.days.map((d) => d.upper80) },
      ]}
    />
  );
}

function ForecastTable({ result, t, format }: { result: ForecastResult; t: Translate; format: Formatters }) {
  const range = (a: number, b: number) => t('insights.forecast.range', { low: format.count(a), high: format.count(b) });
  return (
    <ScrollTable id="forecast-caption" caption={t('insights.forecast.caption', { days: result.days.length })}>
      <thead>
        <tr>
          {['day', 'forecast', 'interval80', 'interval95', 'surge_column'].map((k) => (
            <th scope="col" key={k}>
              {t(`insights.forecast.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.days.map((d) => (
          <tr key={d.day}>
            <th scope="row">
              <time dateTime={d.day}>{format.day(d.day)}</time>
            </th>
            <td>{format.count(d.mean)}</td>
            <td>{range(d.lower80, d.upper80)}</td>
            <td>{range(d.lower95, d.upper95)}</td>
            <td>{format.count(d.surge)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Backtest({ result, t, format }: { result: ForecastResult; t: Translate; format: Formatters }) {
  const report = result.backtest;
  if (!report) return <p>{t('insights.backtest.none')}</p>;
  return (
    <>
      <p>{t(report.modelMase < report.naiveMase ? 'insights.backtest.beats' : 'insights.backtest.loses', { model: format.mase(report.modelMase), naive: format.mase(report.naiveMase), origins: report.origins.length, horizon: report.horizon, coverage: format.share(report.coverage80) })}</p>
      <table>
        <caption>{t('insights.backtest.caption')}</caption>
        <thead>
          <tr>
            {['origin', 'model', 'naive', 'coverage'].map((k) => (
              <th scope="col" key={k}>
                {t(`insights.backtest.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.origins.map((o) => (
            <tr key={o.origin}>
              <th scope="row">{format.date(o.origin)}</th>
              <td>{format.mase(o.modelMase)}</td>
              <td>{format.mase(o.naiveMase)}</td>
              <td>{format.share(o.coverage80)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Results({ result, t, format, language }: { result: ForecastResult; t: Translate; format: Formatters; language: Language }) {
  if (result.missing) return <p className="no-data">{t(`insights.forecast.missing.${result.missing}`)}</p>;
  return (
    <>
      <Section id="forecast" title={t('insights.forecast.section')}>
        <ForecastChart result={result} t={t} format={format} language={language} />
        <ForecastTable result={result} t={t} format={format} />
      </Section>
      <Section id="backtest" title={t('insights.backtest.title')}>
        <Backtest result={result} t={t} format={format} />
      </Section>
    </>
  );
}

export function registerForecastPage(app: FastifyInstance, deps: ModuleDeps): void {
  const db = deps.database.db;
  registerPage(app, deps.shell, {
    id: INSIGHTS_PAGES.forecast,
    paths: { en: '/en/insights/forecast', fr: '/fr/analyses/prevision' },
    access: VIEWERS,
    modified: '2026-11-24',
    async handler({ t, href, request, language }) {
      const values = readValues(request.query as Record<string, unknown>);
      const format = formatters(language, t);
      let result: ForecastResult | null = null;
      let errors: FieldError[] = [];
      try {
        result = await getForecast({ db, today: deps.clock.now().toISOString().slice(0, 10), request: toRequest(values) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        errors = fieldErrors(error, t);
      }
      const query = new URLSearchParams(Object.entries(values).filter(([k, v]) => v !== '' && (k !== 'surgeWeeks' || values.surgeExtra !== ''))).toString();
      return {
        title: t('insights.forecast.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }, { href: href(INSIGHTS_PAGES.home), label: t('insights.home.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <InsightsNav current="forecast" href={href} t={t} />
            <p>{t('insights.forecast.intro')}</p>
            <ForecastForm values={values} provinces={await listProvinces({ db })} errors={errors} t={t} action={href(INSIGHTS_PAGES.forecast)} language={language} />
            {result ? (
              <>
                <ul className="inline-list">
                  <li>
                    <a href={`/api/v1/insights/forecast?${query}&format=csv`} download>{t('insights.download_csv')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/insights/forecast?${query}`}>{t('insights.download_json')}</a>
                  </li>
                </ul>
                <Results result={result} t={t} format={format} language={language} />
              </>
            ) : null}
            <Section id="model" title={t('insights.model.title')}>
              <p>{t('insights.model.text')}</p>
              {PLANNERS.includes(request.principal?.role ?? 'partner') ? (
                <p>
                  <a href={href('insights.events')}>{t('insights.model.events_link')}</a>
                </p>
              ) : null}
            </Section>
          </>
        ),
      };
    },
  });
}
