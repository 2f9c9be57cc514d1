/**
 * One drawn file: what the reviewer needs to find it, the programme's checklist (pass, fail, not
 * applicable), up to three findings, comments and the feedback the agent will read. Once recorded,
 * the page shows the review instead of the form.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { QA_FINDING_TYPES, QA_RESULTS, QA_SEVERITIES, type QaFindingType, type QaResult, type QaSeverity } from '../../../platform/db/tables.qa.js';
import { allows } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { QA_READERS, QA_TEAM } from '../qa.routes.js';
import { getSample, recordReview, type ReviewInput } from '../reviews.service.js';
import { formatters, programmeName, QA_PAGES } from './parts.js';

const PATHS = { en: '/en/qa/samples/:sampleId', fr: '/fr/aq/echantillons/:sampleId' };
const FINDING_ROWS = 3;

type Loaded = Awaited<ReturnType<typeof getSample>>;

function Facts({ loaded, context }: { loaded: Loaded; context: PageContext }) {
  const { t, language } = context;
  const { sample } = loaded;
  const format = formatters(language);
  const facts: [string, string][] = [
    ['qa.field.application', sample.application_number],
    ['qa.field.programme', programmeName(t, sample.programme)],
    ['qa.field.type', sample.type_code],
    ['qa.field.stage', sample.stage],
    ['qa.field.site', sample.site_code ? `${sample.site_code} – ${(language === 'fr' ? sample.site_name_fr : sample.site_name_en) ?? ''}` : '—'],
    ['qa.field.agent', sample.agent_name ?? sample.agent_id ?? '—'],
    ['qa.field.drawn_at', format.dateTime(sample.reached_at)],
    ['qa.field.quarter', `${sample.fiscal_quarter} · ${format.percent(sample.rate)}`],
  ];
  return (
    <dl>
      {facts.map(([key, value]) => (
        <div key={key}>
          <dt>{t(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Recorded({ loaded, context }: { loaded: Loaded; context: PageContext }) {
  const { t, language } = context;
  const review = loaded.review!;
  const label = (code: string) => {
    const item = loaded.checklist.find((i) => i.code === code);
    return item ? (language === 'fr' ? item.label_fr : item.label_en) : code;
  };
  return (
    <section aria-labelledby="review-done">
      <h2 id="review-done">{t(review.in_error ? 'qa.review.done_error' : 'qa.review.done_ok', { date: formatters(language).dateTime(review.reviewed_at) })}</h2>
      <ul>
        {review.items.map((i) => (
          <li key={i.item_code}>{`${label(i.item_code)} : ${t(`qa.result.${i.result}`)}`}</li>
        ))}
      </ul>
      {review.findings.length ? <h3>{t('qa.review.findings')}</h3> : null}
      <ul>
        {review.findings.map((f) => (
          <li key={f.id}>{`${t(`qa.finding.type.${f.type}`)} · ${t(`qa.finding.severity.${f.severity}`)} — ${f.description}`}</li>
        ))}
      </ul>
      {review.feedback ? <p>{t('qa.review.feedback_sent', { message: review.feedback.message })}</p> : null}
    </section>
  );
}

function ChecklistForm({ loaded, context, errors }: { loaded: Loaded; context: PageContext; errors: FieldError[] }) {
  const { t, language } = context;
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" noValidate>
      <CsrfField token={context.csrfToken()} />
      <h2>{t('qa.review.checklist')}</h2>
      {loaded.checklist.map((item) => (
        <fieldset className="field" id={`item-${item.code}`} key={item.code}>
          <legend>{language === 'fr' ? item.label_fr : item.label_en}</legend>
          {error(`item-${item.code}`) ? <p className="error-message">{error(`item-${item.code}`)}</p> : null}
          {QA_RESULTS.map((result) => (
            <div key={result}>
              <input type="radio" id={`item-${item.code}-${result}`} name={`item-${item.code}`} value={result} />
              <label htmlFor={`item-${item.code}-${result}`}>{t(`qa.result.${result}`)}</label>
            </div>
          ))}
        </fieldset>
      ))}
      <h2 id="findings">{t('qa.review.findings')}</h2>
      {error('findings') ? <p className="error-message">{error('findings')}</p> : null}
      <p className="hint">{t('qa.review.findings_hint')}</p>
      {Array.from({ length: FINDING_ROWS }, (_, n) => (
        <fieldset className="field" key={n}>
          <legend>{t('qa.review.finding_n', { n: n + 1 })}</legend>
          <label htmlFor={`finding-${n}-type`}>{t('qa.finding.type')}</label>
          <select id={`finding-${n}-type`} name={`finding-${n}-type`}>
            {QA_FINDING_TYPES.map((type) => (
              <option key={type} value={type}>{t(`qa.finding.type.${type}`)}</option>
            ))}
          </select>
          <label htmlFor={`finding-${n}-severity`}>{t('qa.finding.severity')}</label>
          <select id={`finding-${n}-severity`} name={`finding-${n}-severity`}>
            {QA_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>{t(`qa.finding.severity.${severity}`)}</option>
            ))}
          </select>
          <label htmlFor={`finding-${n}-description`}>{t('qa.finding.description')}</label>
          <textarea id={`finding-${n}-description`} name={`finding-${n}-description`} rows={2} />
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="comments">{t('qa.review.comments')}</label>
        <textarea id="comments" name="comments" rows={3} />
      </div>
      <div className="field">
        <label htmlFor="feedback">{t('qa.review.feedback')}</label>
        <p className="hint" id="feedback-hint">{t(loaded.sample.agent_id ? 'qa.review.feedback_hint' : 'qa.review.no_agent')}</p>
        <textarea id="feedback" name="feedback" rows={3} aria-describedby="feedback-hint" />
      </div>
      <button type="submit">{t('qa.review.record')}</button>
    </form>
  );
}

async function render(context: PageContext, deps: ModuleDeps, state: { errors?: FieldError[]; notice?: string; status?: number } = {}) {
  const { t, href, request } = context;
  const loaded = await getSample({ db: deps.database.db, actor: actorOf(request), sampleId: (request.params as { sampleId: string }).sampleId });
  const mayReview = allows(QA_TEAM, request.principal?.role);
  return {
    title: t('qa.review.title', { number: loaded.sample.application_number }),
    status: state.status ?? 200,
    breadcrumbs: [
      { href: href('portal.staff'), label: t('shell.staff_home') },
      { href: `${href(QA_PAGES.home)}?quarter=${loaded.sample.fiscal_quarter}`, label: t('qa.home.title') },
    ],
    body: (
      <>
        <ErrorSummary errors={state.errors ?? []} t={t} />
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        <Facts loaded={loaded} context={context} />
        {loaded.review ? <Recorded loaded={loaded} context={context} /> : mayReview ? <ChecklistForm loaded={loaded} context={context} errors={state.errors ?? []} /> : <p>{t('qa.review.not_yet')}</p>}
      </>
    ),
  };
}

/** The posted form as a review, refusing values outside the lists (a 400, never a 500). */
function readForm(body: Record<string, unknown>): ReviewInput {
  const oneOf = <T extends string>(values: readonly T[], value: string, field: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new AppError('qa.review.invalid', 400, {}, { [field]: 'qa.review.bad_choice' });
  };
  const items = Object.keys(body)
    .filter((key) => key.startsWith('item-'))
    .map((key) => ({ code: key.slice(5, 45), result: oneOf<QaResult>(QA_RESULTS, fieldText(body[key], 20), key) }));
  const findings = [];
  for (let n = 0; n < FINDING_ROWS; n++) {
    const description = fieldText(body[`finding-${n}-description`], 2000).trim();
    if (!description) continue;
    findings.push({ type: oneOf<QaFindingType>(QA_FINDING_TYPES, fieldText(body[`finding-${n}-type`], 30), `finding-${n}-type`), severity: oneOf<QaSeverity>(QA_SEVERITIES, fieldText(body[`finding-${n}-severity`], 20), `finding-${n}-severity`), description });
  }
  return { items, findings, comments: fieldText(body.comments, 4000), feedback: fieldText(body.feedback, 4000) };
}

export function registerReviewPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, { id: QA_PAGES.review, paths: PATHS, access: QA_READERS, modified: '2026-11-24', handler: (context) => render(context, deps) });
  registerPage(app, deps.shell, {
    id: QA_PAGES.review,
    paths: PATHS,
    access: QA_TEAM,
    modified: '2026-11-24',
    method: 'POST',
    async handler(context) {
      const { request, t } = context;
      try {
        const input = readForm(request.body as Record<string, unknown>);
        const done = await recordReview({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), sampleId: (request.params as { sampleId: string }).sampleId, input });
        return render(context, deps, { notice: t(done.inError ? 'qa.review.recorded_error' : 'qa.review.recorded_ok') });
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 400 && error.status !== 409)) throw error;
        // A conflict (already reviewed, or the reviewer's own file) is shown above the page.
        const errors = error.status === 400 ? fieldErrors(error, t) : [{ field: 'main', message: t(error.code) }];
        return render(context, deps, { errors, status: error.status });
      }
    },
  });
}
