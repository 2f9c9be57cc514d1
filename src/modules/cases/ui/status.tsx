/**
 * The public status tracker: a number and a date of birth, then the journey, what is needed, the
 * expected date, the history and the decision note. Works without JavaScript (the form posts).
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext, type PageResult } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../web/components.js';
import type { CaseHooks } from '../cases.routes.js';
import { setNoticeEmail } from '../notices.service.js';
import { describeForClient, findForClient, type ClientView } from '../status.service.js';
import { formatDay, formatInstant, historyText, Journey, pick } from './parts.js';

export const STATUS_PATHS = { en: '/en/application-status', fr: '/fr/etat-de-la-demande' };
export const NOTICES_PATHS = { en: '/en/application-status/notices', fr: '/fr/etat-de-la-demande/avis' };
const MODIFIED = '2026-11-24';

interface LookupValues {
  applicationNumber: string;
  dateOfBirth: string;
}

function LookupForm({ context, values }: { context: PageContext; values: LookupValues }) {
  const { t, href } = context;
  return (
    <form method="post" action={href('cases.status')} noValidate>
      <CsrfField token={context.csrfToken()} />
      <TextField id="applicationNumber" label={t('cases.status.number')} hint={t('cases.status.number_hint')} value={values.applicationNumber} required t={t} />
      <TextField id="dateOfBirth" label={t('cases.status.date_of_birth')} hint={t('cases.status.date_hint')} value={values.dateOfBirth} autoComplete="bday" required t={t} />
      <button type="submit">{t('cases.status.submit')}</button>
    </form>
  );
}

function formPage(context: PageContext, values: LookupValues, problem?: { key: string; status: number; minutes?: number }): PageResult {
  const { t } = context;
  return {
    title: t('cases.status.title'),
    status: problem?.status ?? 200,
    breadcrumbs: [{ href: context.href('portal.home'), label: t('shell.home') }],
    body: (
      <>
        {problem ? <Notice kind="warning">{t(problem.key, { minutes: problem.minutes ?? 0 })}</Notice> : null}
        <p>{t('cases.status.lead')}</p>
        <LookupForm context={context} values={values} />
        <p>{t('cases.status.privacy')}</p>
      </>
    ),
  };
}

function NoticeForm({ context, values, subscribed }: { context: PageContext; values: LookupValues; subscribed: boolean }) {
  const { t, href } = context;
  return (
    <form method="post" action={href('cases.status_notices')} noValidate>
      <CsrfField token={context.csrfToken()} />
      <input type="hidden" name="applicationNumber" value={values.applicationNumber} />
      <input type="hidden" name="dateOfBirth" value={values.dateOfBirth} />
      <TextField id="email" type="email" label={t('cases.status.email')} hint={t(subscribed ? 'cases.status.email_hint_on' : 'cases.status.email_hint')} autoComplete="email" t={t} />
      <button type="submit">{t('cases.status.email_submit')}</button>
    </form>
  );
}

function resultPage(context: PageContext, view: ClientView, values: LookupValues, extra: { notice?: string; subscribed: boolean; errors?: { field: string; message: string }[] }): PageResult {
  const { t, language } = context;
  return {
    title: t('cases.status.result_title', { number: view.applicationNumber }),
    breadcrumbs: [
      { href: context.href('portal.home'), label: t('shell.home') },
      { href: context.href('cases.status'), label: t('cases.status.title') },
    ],
    status: extra.errors?.length ? 400 : 200,
    body: (
      <>
        <ErrorSummary errors={extra.errors ?? []} t={t} />
        {extra.notice ? <Notice kind="success">{extra.notice}</Notice> : null}
        <dl className="facts">
          <dt>{t('cases.status.type')}</dt>
          <dd>{pick(view.type, language)}</dd>
          <dt>{t('cases.status.received')}</dt>
          <dd>{formatDay(view.receivedOn, language)}</dd>
          <dt>{t('cases.status.stage')}</dt>
          <dd>{pick(view.stage.name, language)}</dd>
          <dt>{t('cases.status.expected')}</dt>
          <dd>{formatDay(view.expectedBy, language)}</dd>
          <dt>{t('cases.status.timeliness')}</dt>
          <dd>{t(view.late ? 'cases.status.late' : 'cases.status.on_time')}</dd>
        </dl>
        <h2>{t('cases.status.journey')}</h2>
        <Journey steps={view.journey} language={language} t={t} />
        <h2>{t('cases.status.needed')}</h2>
        {view.needed.length === 0 ? (
          <p>{t('cases.status.nothing_needed')}</p>
        ) : (
          <ul>
            {view.needed.map((need, index) => (
              <li key={index}>
                {t(`cases.document.${need.kind}`)} — {t('cases.status.due', { day: formatDay(need.dueDay, language) })}
                {need.note ? <p>{need.note}</p> : null}
              </li>
            ))}
          </ul>
        )}
        {view.decision ? (
          <>
            <h2>{t('cases.status.decision')}</h2>
            <p>{t(`cases.decision.${view.decision.outcome}`, { day: formatDay(view.decision.decidedOn, language) })}</p>
            <blockquote>{view.decision.note}</blockquote>
          </>
        ) : null}
        <h2>{t('cases.status.history')}</h2>
        <ol>
          {view.history.map((entry, index) => (
            <li key={index}>
              <time dateTime={entry.at}>{formatInstant(entry.at, language)}</time> — {historyText(entry, language, t)}
            </li>
          ))}
        </ol>
        <h2>{t('cases.status.notices')}</h2>
        <NoticeForm context={context} values={values} subscribed={extra.subscribed} />
      </>
    ),
  };
}

const readValues = (context: PageContext): LookupValues => {
  const body = (context.request.body ?? {}) as Record<string, unknown>;
  return { applicationNumber: fieldText(body.applicationNumber, 20), dateOfBirth: fieldText(body.dateOfBirth, 10) };
};

async function lookUp(deps: ModuleDeps, context: PageContext, values: LookupValues) {
  try {
    const file = await findForClient({ db: deps.database.db, clock: deps.clock, guard: deps.guard, actor: actorOf(context.request), ...values, channel: 'page' });
    return { file };
  } catch (error) {
    if (error instanceof AppError && error.status === 429) return { limited: error.params.minutes as number };
    throw error;
  }
}

export function registerStatusPages(app: FastifyInstance, deps: ModuleDeps, _hooks: CaseHooks): void {
  const db = deps.database.db;
  const common = { id: 'cases.status', paths: STATUS_PATHS, access: 'public' as const, modified: MODIFIED };
  // A look-up is only ever posted. A query string (an old bookmark) is dropped, so it is neither
  // answered nor carried into the language toggle's link.
  registerPage(app, deps.shell, {
    ...common,
    handler: (context) => (context.request.url.includes('?') ? { redirect: context.href('cases.status') } : formPage(context, { applicationNumber: '', dateOfBirth: '' })),
  });
  registerPage(app, deps.shell, {
    ...common,
    method: 'POST',
    async handler(context) {
      const values = readValues(context);
      const found = await lookUp(deps, context, values);
      if (found.limited !== undefined) return formPage(context, values, { key: 'cases.status_rate_limited', status: 429, minutes: found.limited });
      if (!found.file) return formPage(context, values, { key: 'cases.not_found', status: 404 });
      return resultPage(context, await describeForClient({ db, clock: deps.clock, file: found.file }), values, { subscribed: found.file.notice_email !== null });
    },
  });
  registerPage(app, deps.shell, {
    id: 'cases.status_notices',
    paths: NOTICES_PATHS,
    access: 'public',
    modified: MODIFIED,
    method: 'POST',
    async handler(context) {
      const values = readValues(context);
      const email = fieldText((context.request.body as Record<string, unknown> | undefined)?.email, 254);
      try {
        const file = await setNoticeEmail({ db, clock: deps.clock, guard: deps.guard, actor: actorOf(context.request), ...values, email });
        const notice = context.t(email ? 'cases.status.email_on' : 'cases.status.email_off');
        return resultPage(context, await describeForClient({ db, clock: deps.clock, file }), values, { notice, subscribed: file.notice_email !== null });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        if (error.status === 429) return formPage(context, values, { key: 'cases.status_rate_limited', status: 429, minutes: error.params.minutes as number });
        if (error.status === 404) return formPage(context, values, { key: 'cases.not_found', status: 404 });
        const file = (await lookUp(deps, context, values)).file;
        if (!file) return formPage(context, values, { key: 'cases.not_found', status: 404 });
        return resultPage(context, await describeForClient({ db, clock: deps.clock, file }), values, { subscribed: file.notice_email !== null, errors: [{ field: 'email', message: context.t('cases.error.email') }] });
      }
    },
  });
}
