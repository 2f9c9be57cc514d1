/**
 * The "what if" pages: a form that compares two scenarios (without and with a change), and the
 * run's page — a progress bar that refreshes itself while the worker computes (no JavaScript
 * needed), then the two scenarios side by side as tables.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../../platform/deps.js';
import { AppError } from '../../../../platform/errors.js';
import { fieldErrors, fieldText } from '../../../../platform/ssr/input.js';
import { registerPage, type PageContext, type PageResult } from '../../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, TextField, type FieldError } from '../../../../web/components.js';
import type { SimulationRun, SimulationRuns } from '../runs.js';
import { PLANNERS } from '../staffing.routes.js';
import { BASES, buildComparison, CHANGES, DEFAULT_VALUES, type WhatIfValues } from '../what-if.js';
import { ComparisonTables } from './tables.js';

export const WHAT_IF_PAGES = { form: 'insights.what_if', run: 'insights.what_if_run' } as const;
const MODIFIED = '2026-11-24';
/** How long the form's POST waits for a short run before answering with the progress page. */
const WAIT_FOR_SHORT_RUN_MS = 4000;
const REFRESH_SECONDS = 2;

const FormBody = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown());

function Choice({ name, legend, options, value, label, error }: { name: string; legend: string; options: readonly string[]; value: string; label: (o: string) => string; error?: string }) {
  return (
    <fieldset className={error ? 'field field-error' : 'field'} id={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((option) => (
        <div key={option}>
          <input type="radio" id={`${name}-${option}`} name={name} value={option} defaultChecked={value === option} />
          <label htmlFor={`${name}-${option}`}>{label(option)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function renderForm(context: PageContext, values: WhatIfValues, errors: FieldError[] = [], status = 200): PageResult {
  const { t, href } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const number = (id: keyof WhatIfValues) => <TextField id={id} type="text" label={t(`insights.what_if.field.${id}`)} hint={t(`insights.what_if.hint.${id}`)} value={values[id]} error={error(id)} t={t} />;
  return {
    title: t('insights.what_if.title'),
    status,
    breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        <p className="lead">{t('insights.what_if.lead')}</p>
        <form method="post" action={href(WHAT_IF_PAGES.form)} noValidate>
          <CsrfField token={context.csrfToken()} />
          <Choice name="base" legend={t('insights.what_if.field.base')} options={BASES} value={values.base} label={(o) => t(`insights.what_if.base.${o.replace("-", "_")}`)} error={error('base')} />
          {number('volumePercent')}
          <Choice name="change" legend={t('insights.what_if.field.change')} options={CHANGES} value={values.change} label={(o) => t(`insights.what_if.change.${o}`)} error={error('change')} />
          {number('offerAfterSeconds')}
          {number('acceptPercent')}
          {number('extraAgents')}
          {number('surgePercent')}
          {number('seed')}
          <button type="submit">{t('insights.what_if.run')}</button>
        </form>
      </>
    ),
  };
}

function readValues(context: PageContext): WhatIfValues {
  const body = (context.request.body ?? {}) as Record<string, unknown>;
  const values = { ...DEFAULT_VALUES };
  for (const key of Object.keys(DEFAULT_VALUES) as (keyof WhatIfValues)[]) values[key] = fieldText(body[key], 20);
  return values;
}

async function settled(run: SimulationRun, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  while ((run.status === 'queued' || run.status === 'running') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
}

function labelsOf(t: PageContext['t'], run: SimulationRun): string[] {
  if (!run.change) return run.labels;
  const change = t(`insights.what_if.change.${run.change}`);
  return [t('insights.what_if.label_without', { change }), t('insights.what_if.label_with', { change })];
}

/**
 * While the run computes, the page asks the browser to reload it (an HTTP `Refresh` header: no
 * JavaScript needed). WCAG 2.2.1 wants a way to turn a timed refresh off: the page links to
 * itself with `?refresh=off`, which shows a "check again" link instead.
 */
function renderProgress(context: PageContext, run: SimulationRun, page: { title: string; breadcrumbs: { href: string; label: string }[] }): PageResult {
  const { t, href, request, reply } = context;
  const percent = Math.round(run.progress * 100);
  const refreshing = fieldText((request.query as Record<string, unknown>).refresh, 10) !== 'off';
  const self = href(WHAT_IF_PAGES.run, { runId: run.id });
  if (refreshing) reply.header('refresh', String(REFRESH_SECONDS));
  return {
    ...page,
    body: (
      <div role="status">
        <label htmlFor="progress">{t('insights.what_if.progress', { percent })}</label>
        <progress id="progress" max={100} value={percent}>
          {percent} %
        </progress>
        <p>{refreshing ? <a href={`${self}?refresh=off`}>{t('insights.what_if.stop_refreshing')}</a> : <a href={`${self}?refresh=off`}>{t('insights.what_if.check_again')}</a>}</p>
      </div>
    ),
  };
}

function renderRun(context: PageContext, run: SimulationRun): PageResult {
  const { t, href, language } = context;
  const breadcrumbs = [
    { href: href('portal.staff'), label: t('shell.staff_home') },
    { href: href(WHAT_IF_PAGES.form), label: t('insights.what_if.title') },
  ];
  const title = t('insights.what_if.run_title');
  if (run.status === 'failed') return { title, breadcrumbs, status: 500, body: <p role="alert">{t('insights.what_if.failed')}</p> };
  if (run.status !== 'done' || !run.results) return renderProgress(context, run, { title, breadcrumbs });
  return {
    title,
    breadcrumbs,
    body: (
      <>
        <p>
          <a href={href(WHAT_IF_PAGES.form)}>{t('insights.what_if.another')}</a>
        </p>
        <ComparisonTables t={t} language={language} labels={labelsOf(t, run)} results={run.results} />
      </>
    ),
  };
}

export function registerWhatIfPages(app: FastifyInstance, deps: ModuleDeps, runs: SimulationRuns): void {
  const paths = { en: '/en/insights/what-if', fr: '/fr/analyses/et-si' };
  registerPage(app, deps.shell, { id: WHAT_IF_PAGES.form, paths, access: PLANNERS, modified: MODIFIED, handler: (context) => renderForm(context, DEFAULT_VALUES) });
  registerPage(app, deps.shell, {
    id: WHAT_IF_PAGES.form,
    paths,
    access: PLANNERS,
    modified: MODIFIED,
    method: 'POST',
    schema: { body: FormBody },
    async handler(context) {
      const values = readValues(context);
      let comparison;
      try {
        comparison = buildComparison(values);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return renderForm(context, values, fieldErrors(error, context.t), 400);
      }
      const run = runs.start({ owner: context.request.principal?.id ?? null, labels: ['A', 'B'], change: comparison.change, scenarios: comparison.scenarios });
      await settled(run, WAIT_FOR_SHORT_RUN_MS);
      return { redirect: context.href(WHAT_IF_PAGES.run, { runId: run.id }) };
    },
  });
  registerPage(app, deps.shell, {
    id: WHAT_IF_PAGES.run,
    paths: { en: '/en/insights/what-if/runs/:runId', fr: '/fr/analyses/et-si/executions/:runId' },
    access: PLANNERS,
    modified: MODIFIED,
    schema: { params: Type.Object({ runId: Type.String({ maxLength: 64 }) }) },
    handler: (context) => renderRun(context, runs.get((context.request.params as { runId: string }).runId)),
  });
}
