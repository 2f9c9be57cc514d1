/**
 * Error rates with their 95 % Wilson intervals, and re-deriving a quarter's sample from the key:
 * a reviewer (or an auditor holding the key) sees whether the draw was exactly the rule's.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { allows } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { listPlans } from '../plans.service.js';
import { getErrorRates } from '../quality.service.js';
import { QA_READERS, QA_TEAM } from '../qa.routes.js';
import { RATE_DIMENSIONS, type RateDimension } from '../rates.repo.js';
import { fiscalQuarter, QUARTER } from '../sampling.js';
import { listKeyHistory, rotateSamplingKey, verifySample, type Verification } from '../sampling.service.js';
import { formatters, programmeName, QA_PAGES } from './parts.js';

const crumbs = ({ href, t }: PageContext) => [
  { href: href('portal.staff'), label: t('shell.staff_home') },
  { href: href(QA_PAGES.home), label: t('qa.home.title') },
];

export function registerRatesPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: QA_PAGES.rates,
    paths: { en: '/en/qa/error-rates', fr: '/fr/aq/taux-erreur' },
    access: QA_READERS,
    modified: '2026-11-24',
    async handler(context) {
      const { t, language, request, href } = context;
      const asked = fieldText((request.query as Record<string, unknown>).by, 20);
      const by: RateDimension = (RATE_DIMENSIONS as readonly string[]).includes(asked) ? (asked as RateDimension) : 'site';
      const rates = await getErrorRates({ db: deps.database.db, actor: actorOf(request), by });
      const format = formatters(language);
      const label = (g: (typeof rates.groups)[number]) => (g.key === null ? t('qa.rates.unassigned') : by === 'programme' ? programmeName(t, g.key) : ((language === 'fr' ? g.labelFr : g.labelEn) ?? g.key));
      return {
        title: t('qa.rates.title'),
        breadcrumbs: crumbs(context),
        body: (
          <>
            <p className="lead">{t('qa.rates.lead')}</p>
            <form method="get" action={href(QA_PAGES.rates)}>
              <div className="field">
                <label htmlFor="by">{t('qa.rates.by')}</label>
                <select id="by" name="by" defaultValue={by}>
                  {RATE_DIMENSIONS.map((d) => (
                    <option key={d} value={d}>{t(`qa.rates.by.${d}`)}</option>
                  ))}
                </select>
              </div>
              <button type="submit">{t('qa.home.show')}</button>
            </form>
            {rates.overall ? <p>{t('qa.rates.overall', { reviewed: format.count(rates.overall.reviewed), rate: format.percent(rates.overall.rate), low: format.percent(rates.overall.low), high: format.percent(rates.overall.high) })}</p> : <p>{t('qa.rates.none')}</p>}
            <table>
              <caption>{t('qa.rates.caption', { by: t(`qa.rates.by.${by}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`qa.rates.by.${by}`)}</th>
                  <th scope="col">{t('qa.home.reviewed')}</th>
                  <th scope="col">{t('qa.rates.in_error')}</th>
                  <th scope="col">{t('qa.rates.rate')}</th>
                  <th scope="col">{t('qa.rates.interval')}</th>
                  <th scope="col">{t('qa.rates.critical')}</th>
                </tr>
              </thead>
              <tbody>
                {rates.groups.map((g) => (
                  <tr key={g.key ?? ''}>
                    <th scope="row">{label(g)}</th>
                    <td>{format.count(g.reviewed)}</td>
                    <td>{format.count(g.inError)}</td>
                    <td>{format.percent(g.rate)}</td>
                    <td>{`${format.percent(g.low)} – ${format.percent(g.high)}`}</td>
                    <td>{format.count(g.critical)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ),
      };
    },
  });
}

function Outcome({ result, context }: { result: Verification; context: PageContext }) {
  const { t, language } = context;
  const format = formatters(language);
  return (
    <Notice kind={result.matches ? 'success' : 'warning'}>
      <p>{t(result.matches ? 'qa.verify.matches' : 'qa.verify.differs', { considered: format.count(result.considered), drawn: format.count(result.drawn), rederived: format.count(result.rederived), rate: format.percent(result.rate) })}</p>
      {result.missingKeys.length ? <p>{t('qa.verify.missing_keys', { versions: result.missingKeys.join(', ') })}</p> : null}
      {[...result.missing, ...result.extra].length ? <p>{t('qa.verify.different_files', { numbers: [...result.missing, ...result.extra].join(', ') })}</p> : null}
    </Notice>
  );
}

/** The keys' history (never their secrets), and for QA the form that rotates the key now. */
async function KeyHistory({ context, deps }: { context: PageContext; deps: ModuleDeps }) {
  const { t, language } = context;
  const keys = await listKeyHistory({ db: deps.database.db });
  const format = formatters(language);
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">{t('qa.keys.title')}</h2>
      <table>
        <caption>{t('qa.keys.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('qa.keys.version')}</th>
            <th scope="col">{t('qa.keys.from')}</th>
            <th scope="col">{t('qa.keys.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.version}>
              <th scope="row">{k.version}</th>
              <td>{k.activated_at.getTime() === 0 ? t('qa.keys.first') : format.dateTime(k.activated_at)}</td>
              <td>{k.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {allows(QA_TEAM, context.request.principal?.role) ? (
        <form method="post" noValidate>
          <CsrfField token={context.csrfToken()} />
          <input type="hidden" name="action" value="rotate" />
          <div className="field">
            <label htmlFor="reason">{t('qa.keys.reason')}</label>
            <input id="reason" name="reason" />
          </div>
          <button type="submit">{t('qa.keys.rotate')}</button>
        </form>
      ) : null}
    </section>
  );
}

async function renderVerify(context: PageContext, deps: ModuleDeps, state: { errors?: FieldError[]; result?: Verification; notice?: string; status?: number; values?: Record<string, string> }) {
  const { t } = context;
  const values = state.values ?? { programme: 'passport', quarter: fiscalQuarter(deps.clock.now()) };
  const plans = await listPlans({ db: deps.database.db, clock: deps.clock });
  const keyHint = allows(QA_TEAM, context.request.principal?.role) ? 'qa.verify.key_hint_team' : 'qa.verify.key_hint';
  return {
    title: t('qa.verify.title'),
    status: state.status ?? 200,
    breadcrumbs: crumbs(context),
    body: (
      <>
        <ErrorSummary errors={state.errors ?? []} t={t} />
        {state.result ? <Outcome result={state.result} context={context} /> : null}
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        <p className="lead">{t('qa.verify.lead')}</p>
        <form method="post" noValidate>
          <CsrfField token={context.csrfToken()} />
          <div className="field">
            <label htmlFor="programme">{t('qa.field.programme')}</label>
            <select id="programme" name="programme" defaultValue={values.programme}>
              {plans.map((p) => (
                <option key={p.programme} value={p.programme}>
                  {programmeName(t, p.programme)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="quarter">{t('qa.field.quarter')}</label>
            <p className="hint" id="quarter-hint">{t('qa.field.quarter_hint')}</p>
            <input id="quarter" name="quarter" defaultValue={values.quarter} aria-describedby="quarter-hint" />
          </div>
          <div className="field">
            <label htmlFor="key">{t('qa.verify.key')}</label>
            <p className="hint" id="key-hint">{t(keyHint)}</p>
            <input id="key" name="key" autoComplete="off" aria-describedby="key-hint" />
          </div>
          <button type="submit">{t('qa.verify.submit')}</button>
        </form>
        {await KeyHistory({ context, deps })}
      </>
    ),
  };
}

/** `version:secret` pairs, separated by spaces or commas; a bare secret is version 1. */
function readKeys(text: string) {
  const keys = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((part) => {
      const [version, secret] = part.includes(':') ? part.split(':', 2) : ['1', part];
      if (!/^\d{1,4}$/.test(version!) || !/^[0-9a-fA-F]{64}$/.test(secret!)) throw new AppError('qa.verify.bad_key', 400, {}, { key: 'qa.verify.bad_key' });
      return { version: Number(version), secret: secret! };
    });
  return keys;
}

async function rotateFromPage(context: PageContext, deps: ModuleDeps, reason: string) {
  const { t, request } = context;
  if (!allows(QA_TEAM, request.principal?.role)) throw new AppError('auth.forbidden', 403);
  if (!reason) throw new AppError('qa.keys.reason_required', 400, {}, { reason: 'qa.keys.reason_required' });
  const made = await rotateSamplingKey({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), reason });
  return renderVerify(context, deps, { notice: t('qa.keys.rotated', { version: made.version }) });
}

export function registerVerifyPage(app: FastifyInstance, deps: ModuleDeps): void {
  const paths = { en: '/en/qa/verify', fr: '/fr/aq/verifier' };
  registerPage(app, deps.shell, { id: QA_PAGES.verify, paths, access: QA_READERS, modified: '2026-11-24', handler: (context) => renderVerify(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: QA_PAGES.verify,
    paths,
    access: QA_READERS,
    modified: '2026-11-24',
    method: 'POST',
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      const values = { programme: fieldText(body.programme, 40), quarter: fieldText(body.quarter, 7) };
      try {
        if (fieldText(body.action, 10) === 'rotate') return await rotateFromPage(context, deps, fieldText(body.reason, 500).trim());
        if (!/^[a-z][a-z0-9_]{1,39}$/.test(values.programme)) throw new AppError('qa.review.invalid', 400, {}, { programme: 'qa.review.bad_choice' });
        if (!QUARTER.test(values.quarter)) throw new AppError('qa.bad_quarter', 400, {}, { quarter: 'qa.bad_quarter' });
        const keys = readKeys(fieldText(body.key, 4000));
        const result = await verifySample({ db: deps.database.db, actor: actorOf(context.request), ...values, keys, mayUseStoredKeys: allows(QA_TEAM, context.request.principal?.role) });
        return renderVerify(context, deps, { result, values });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return renderVerify(context, deps, { errors: fieldErrors(error, context.t), values, status: 400 });
      }
    },
  });
}
