/**
 * The client's ticket, reached by the link in its unguessable token: place in line and estimated
 * wait (the page refreshes itself; with JavaScript it follows the site's changes live), "I have
 * arrived", "running late", "leave the queue", and the feedback form once the visit is over.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { getServicePoint } from '../../network/index.js';
import { getCounter } from '../counters.service.js';
import { findFeedback, getVisitByToken, leaveFeedback, placeInQueue, transitionVisit } from '../visits.service.js';
import type { PageHooks } from './pages.js';
import { serviceLabel, siteName, waitText } from './parts.js';

const PATHS = { en: '/en/ticket/:token', fr: '/fr/billet/:token' };
const TicketForm = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 20 })),
  rating: Type.Optional(Type.String({ maxLength: 5 })),
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});
const ACTIVE = ['waiting', 'called', 'on_hold'];

function ActionButton({ action, label, token }: { action: string; label: string; token: string }) {
  return (
    <form method="post" className="inline-form">
      <CsrfField token={token} />
      <input type="hidden" name="action" value={action} />
      <button type="submit">{label}</button>
    </form>
  );
}

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; notice?: string; status?: number }) {
  const { t, language, request } = context;
  const db = deps.database.db;
  const visit = await getVisitByToken({ db, token: (request.params as { token: string }).token });
  const site = await getServicePoint({ db, ref: visit.service_point_id });
  const { position, estimate } = await placeInQueue({ db, clock: deps.clock, visit, timeZone: site.time_zone });
  const counter = visit.state === 'called' && visit.counter_id ? await getCounter({ db, counterId: visit.counter_id }) : null;
  const feedback = ACTIVE.includes(visit.state) ? null : await findFeedback({ db, visitId: visit.id });
  const csrf = context.csrfToken();
  const errors = options.errors ?? [];
  return {
    title: t('visits.ticket.title', { ticket: visit.ticket }),
    status: options.status ?? 200,
    refreshSeconds: ACTIVE.includes(visit.state) ? 30 : undefined,
    scripts: ACTIVE.includes(visit.state) ? ['/assets/visits-live.js'] : undefined,
    body: (
      <div data-live-site={site.id}>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <p className="ticket-number" aria-hidden="true">
          {visit.ticket}
        </p>
        <dl className="facts">
          <div>
            <dt>{t('visits.ticket.site')}</dt>
            <dd>{siteName(site, language)}</dd>
          </div>
          <div>
            <dt>{t('visits.field.service')}</dt>
            <dd>{serviceLabel(site.services, visit.service_code, language)}</dd>
          </div>
          <div>
            <dt>{t('visits.ticket.state')}</dt>
            <dd>
              <span role="status">{counter ? t('visits.ticket.go_to_counter', { counter: counter.name }) : t(`visits.state.${visit.state}`)}</span>
            </dd>
          </div>
          {position !== null ? (
            <>
              <div>
                <dt>{t('visits.ticket.position')}</dt>
                <dd>{t('visits.ticket.position_value', { position })}</dd>
              </div>
              <div>
                <dt>{t('visits.ticket.estimate')}</dt>
                <dd>{waitText(estimate, t)}</dd>
              </div>
            </>
          ) : null}
        </dl>
        {visit.state === 'waiting' && !visit.checked_in_at ? <Notice kind="info">{t('visits.ticket.check_in_hint')}</Notice> : null}
        {visit.running_late ? <p>{t('visits.ticket.late_recorded')}</p> : null}
        {ACTIVE.includes(visit.state) ? <p className="hint">{t('visits.ticket.refresh_hint')}</p> : null}
        <div className="actions" id="action">
          {visit.state === 'waiting' && !visit.checked_in_at ? <ActionButton action="arrive" label={t('visits.ticket.arrive')} token={csrf} /> : null}
          {visit.state === 'waiting' && !visit.checked_in_at && !visit.running_late ? <ActionButton action="late" label={t('visits.ticket.late')} token={csrf} /> : null}
          {visit.state === 'waiting' || visit.state === 'on_hold' ? <ActionButton action="leave" label={t('visits.ticket.leave')} token={csrf} /> : null}
        </div>
        {!ACTIVE.includes(visit.state) ? (
          feedback ? (
            <p>{t('visits.feedback.thanks')}</p>
          ) : (
            <form method="post" noValidate>
              <CsrfField token={csrf} />
              <input type="hidden" name="action" value="feedback" />
              <fieldset className={errors.some((e) => e.field === 'rating') ? 'field field-error' : 'field'} id="rating">
                <legend>{t('visits.feedback.question')}</legend>
                {[5, 4, 3, 2, 1].map((n) => (
                  <div key={n}>
                    <input type="radio" id={`rating-${n}`} name="rating" value={String(n)} />
                    <label htmlFor={`rating-${n}`}>{t(`visits.feedback.rating.${n}`)}</label>
                  </div>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="comment">{t('visits.feedback.comment')}</label>
                <textarea id="comment" name="comment" rows={4} maxLength={2000} />
              </div>
              <button type="submit">{t('visits.feedback.submit')}</button>
            </form>
          )
        ) : null}
      </div>
    ),
  };
}

const TRANSITIONS = { arrive: 'arrive', late: 'running_late', leave: 'leave' } as const;

export function registerTicketPage(app: FastifyInstance, deps: ModuleDeps, hooks: PageHooks): void {
  registerPage(app, deps.shell, { id: 'visits.ticket', paths: PATHS, access: 'public', modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'visits.ticket',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: TicketForm },
    async handler(context) {
      const { t, request } = context;
      const body = request.body as Record<string, unknown>;
      const token = (request.params as { token: string }).token;
      const action = fieldText(body.action);
      const visit = await getVisitByToken({ db: deps.database.db, token });
      try {
        if (action === 'feedback') {
          await leaveFeedback({ db: deps.database.db, clock: deps.clock, token, rating: fieldText(body.rating) || 'none', comment: fieldText(body.comment, 2000), language: context.language });
          return render(context, deps, { notice: t('visits.feedback.thanks') });
        }
        const transition = TRANSITIONS[action as keyof typeof TRANSITIONS];
        if (!transition) throw new AppError('common.invalid_input', 400, {}, { action: 'visits.action_invalid' });
        await transitionVisit({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), visitId: visit.id, action: transition });
        if (transition === 'leave') hooks.afterQueueMoved(visit.service_point_id);
        return render(context, deps, { notice: t(`visits.ticket.done.${action}`) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        const errors = error.status === 400 ? fieldErrors(error, t) : [{ field: 'action', message: t(error.code, error.params) }];
        return render(context, deps, { errors, status: error.status });
      }
    },
  });
}
