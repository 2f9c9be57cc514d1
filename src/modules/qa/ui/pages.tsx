/**
 * The QA pages: the reviewer's queue (qa.home), one drawn file's review, error rates, re-deriving a
 * sample from the key, in-person observations, and an agent's own feedback. Forms post back to
 * their page; nothing needs JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { allows } from '../../../platform/auth/roles.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { Notice } from '../../../web/components.js';
import { QA_READERS, QA_TEAM } from '../qa.routes.js';
import { acknowledgeFeedback, listMyFeedback, listSamples } from '../reviews.service.js';
import { fiscalQuarter, QUARTER } from '../sampling.js';
import { formatters, programmeName, QA_PAGES } from './parts.js';
import { registerObservationsPage } from './observations.js';
import { registerRatesPage, registerVerifyPage } from './reports.js';
import { registerReviewPage } from './review.js';
import { registerQaSitePanel } from './site-panel.js';

export { QA_PAGES };

export function registerQaPages(app: FastifyInstance, deps: ModuleDeps): void {
  registerHomePage(app, deps);
  registerReviewPage(app, deps);
  registerRatesPage(app, deps);
  registerVerifyPage(app, deps);
  registerObservationsPage(app, deps);
  registerFeedbackPage(app, deps);
  registerQaSitePanel(deps);
}

type Listed = Awaited<ReturnType<typeof listSamples>>;

/** Files considered and drawn per programme this quarter: the realised rate beside the plan. */
function QuarterCounts({ counts, quarter, context }: { counts: Listed['counts']; quarter: string; context: PageContext }) {
  const { t, language } = context;
  const format = formatters(language);
  return (
    <table>
      <caption>{t('qa.home.counts_caption', { quarter })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('qa.field.programme')}</th>
          <th scope="col">{t('qa.home.considered')}</th>
          <th scope="col">{t('qa.home.drawn')}</th>
          <th scope="col">{t('qa.home.realised')}</th>
          <th scope="col">{t('qa.home.reviewed')}</th>
        </tr>
      </thead>
      <tbody>
        {counts.length === 0 ? (
          <tr><td colSpan={5}>{t('qa.home.no_files')}</td></tr>
        ) : (
          counts.map((c) => (
            <tr key={c.programme}>
              <th scope="row">{programmeName(t, c.programme)}</th>
              <td>{format.count(c.considered)}</td>
              <td>{format.count(c.drawn)}</td>
              <td>{format.percent(c.considered ? c.drawn / c.considered : null)}</td>
              <td>{format.count(c.reviewed)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function Queue({ items, quarter, status, mayReview, context }: { items: Listed['items']; quarter: string; status: string; mayReview: boolean; context: PageContext }) {
  const { t, href, language } = context;
  const format = formatters(language);
  return (
    <table>
      <caption>{t(status === 'all' ? 'qa.home.queue_all' : 'qa.home.queue', { count: items.length, quarter })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('qa.field.application')}</th>
          <th scope="col">{t('qa.field.programme')}</th>
          <th scope="col">{t('qa.field.stage')}</th>
          <th scope="col">{t('qa.field.site')}</th>
          <th scope="col">{t('qa.field.drawn_at')}</th>
          <th scope="col">{t('qa.field.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <td><a href={href(QA_PAGES.review, { sampleId: s.id })}>{s.application_number}</a></td>
            <td>{programmeName(t, s.programme)}</td>
            <td>{s.stage}</td>
            <td>{s.site_code ?? '—'}</td>
            <td>{format.dateTime(s.reached_at)}</td>
            <td>{s.review_id ? t(s.in_error ? 'qa.status.in_error' : 'qa.status.no_error') : t(mayReview ? 'qa.status.to_review' : 'qa.status.pending')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function registerHomePage(app: FastifyInstance, deps: ModuleDeps) {
  registerPage(app, deps.shell, {
    id: QA_PAGES.home,
    paths: { en: '/en/qa', fr: '/fr/aq' },
    access: QA_READERS,
    modified: '2026-11-24',
    async handler(context) {
      const { t, href, request } = context;
      const query = request.query as Record<string, unknown>;
      const asked = fieldText(query.quarter, 7);
      const quarter = QUARTER.test(asked) ? asked : fiscalQuarter(deps.clock.now());
      const status = fieldText(query.status, 10) === 'all' ? 'all' : 'pending';
      const { items, counts } = await listSamples({ db: deps.database.db, actor: actorOf(request), quarter, status, limit: 200 });
      const mayReview = allows(QA_TEAM, request.principal?.role);
      return {
        title: t('qa.home.title'),
        breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
        body: (
          <>
            <p className="lead">{t('qa.home.lead')}</p>
            <ul className="inline-list">
              <li><a href={href(QA_PAGES.rates)}>{t('qa.rates.title')}</a></li>
              <li><a href={href(QA_PAGES.verify)}>{t('qa.verify.title')}</a></li>
              <li><a href={href(QA_PAGES.observations)}>{t('qa.observations.title')}</a></li>
            </ul>
            <form method="get" action={href(QA_PAGES.home)}>
              <div className="field">
                <label htmlFor="quarter">{t('qa.field.quarter')}</label>
                <p className="hint" id="quarter-hint">{t('qa.field.quarter_hint')}</p>
                <input id="quarter" name="quarter" defaultValue={quarter} aria-describedby="quarter-hint" />
              </div>
              <div className="field">
                <input type="checkbox" id="status" name="status" value="all" defaultChecked={status === 'all'} />
                <label htmlFor="status">{t('qa.home.show_reviewed')}</label>
              </div>
              <button type="submit">{t('qa.home.show')}</button>
            </form>
            <QuarterCounts counts={counts} quarter={quarter} context={context} />
            <Queue items={items} quarter={quarter} status={status} mayReview={mayReview} context={context} />
          </>
        ),
      };
    },
  });
}

function registerFeedbackPage(app: FastifyInstance, deps: ModuleDeps) {
  const paths = { en: '/en/qa/my-feedback', fr: '/fr/aq/mes-retroactions' };
  const render = async (context: Parameters<Parameters<typeof registerPage>[2]['handler']>[0], notice?: string) => {
    const { t, href, language, request } = context;
    const items = await listMyFeedback({ db: deps.database.db, actor: actorOf(request) });
    const format = formatters(language);
    const csrf = context.csrfToken();
    return {
      title: t('qa.feedback.title'),
      breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
      body: (
        <>
          {notice ? <Notice kind="success">{notice}</Notice> : null}
          <p className="lead">{t('qa.feedback.lead')}</p>
          {items.length === 0 ? <p>{t('qa.feedback.none')}</p> : null}
          {items.map((item) => (
            <section key={item.review_id} aria-labelledby={`fb-${item.review_id}`}>
              <h2 id={`fb-${item.review_id}`}>{t('qa.feedback.heading', { number: item.application_number, date: format.dateTime(item.sent_at) })}</h2>
              <p>{item.message}</p>
              <ul>
                {item.findings.map((f, index) => (
                  <li key={index}>{`${t(`qa.finding.type.${f.type}`)} · ${t(`qa.finding.severity.${f.severity}`)} — ${f.description}`}</li>
                ))}
              </ul>
              {item.acknowledged_at ? (
                <p>{t('qa.feedback.acknowledged', { date: format.dateTime(item.acknowledged_at) })}</p>
              ) : (
                <form method="post">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="reviewId" value={item.review_id} />
                  <button type="submit">{t('qa.feedback.acknowledge')}</button>
                </form>
              )}
            </section>
          ))}
        </>
      ),
    };
  };
  registerPage(app, deps.shell, { id: QA_PAGES.feedback, paths, access: 'staff', modified: '2026-11-24', handler: (context) => render(context) });
  registerPage(app, deps.shell, {
    id: QA_PAGES.feedback,
    paths,
    access: 'staff',
    modified: '2026-11-24',
    method: 'POST',
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      await acknowledgeFeedback({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), reviewId: fieldText(body.reviewId, 40) });
      return render(context, context.t('qa.feedback.acknowledged_notice'));
    },
  });
}
