/**
 * The agent's console. The counters page opens a counter for the services the agent serves; the
 * counter page calls the next client and acts on the one being served (recall, no-show, hold,
 * transfer, complete). The call form carries an idempotency key made when the page was drawn, so
 * a double click gets the same client back instead of skipping one.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldList, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldError } from '../../../web/components.js';
import { getServicePointFor } from '../../network/index.js';
import { callNext, closeCounter, getCounter, listCounters, openCounter } from '../counters.service.js';
import { COUNTER_STAFF } from '../visits.routes.js';
import { getVisit, listActiveVisits, OUTCOMES, transitionVisit } from '../visits.service.js';
import type { PageHooks } from './pages.js';
import { ServiceSelect, serviceLabel, siteName } from './parts.js';

const LIST_PATHS = { en: '/en/visits/:code/counters', fr: '/fr/visites/:code/guichets' };
const COUNTER_PATHS = { en: '/en/visits/:code/counters/:counterId', fr: '/fr/visites/:code/guichets/:counterId' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AnyForm = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 40 })]));

function Action({ csrf, action, label, visitId, children }: { csrf: string; action: string; label: string; visitId?: string; children?: React.ReactNode }) {
  return (
    <form method="post" className="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="action" value={action} />
      {visitId ? <input type="hidden" name="visitId" value={visitId} /> : null}
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

async function renderList(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; status?: number }) {
  const { t, href, language, request } = context;
  const site = await getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
  const counters = await listCounters({ db: deps.database.db, actor: actorOf(request), siteRef: site.id });
  const errors = options.errors ?? [];
  const services = site.services.filter((s) => s.code !== 'self_service');
  return {
    title: t('visits.counters.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        <ul>
          {counters.map((c) => (
            <li key={c.id}>
              <a href={href('visits.counter', { code: site.code, counterId: c.id })}>{c.name}</a>
              {` · ${c.services.map((code) => serviceLabel(site.services, code, language)).join(', ')}`}
              {c.current ? ` · ${t('visits.counters.serving', { ticket: c.current.ticket })}` : ''}
            </li>
          ))}
        </ul>
        {counters.length === 0 ? <p>{t('visits.counters.none')}</p> : null}
        <form method="post" noValidate>
          <h2>{t('visits.counters.open')}</h2>
          <CsrfField token={context.csrfToken()} />
          <TextField id="name" label={t('visits.counters.name')} hint={t('visits.counters.name_hint')} required error={errors.find((e) => e.field === 'name')?.message} t={t} />
          <fieldset className={errors.some((e) => e.field === 'services') ? 'field field-error' : 'field'} id="services">
            <legend>{t('visits.counters.services')}</legend>
            {services.map((s) => (
              <div key={s.code}>
                <input type="checkbox" id={`service-${s.code}`} name="services" value={s.code} />
                <label htmlFor={`service-${s.code}`}>{language === 'fr' ? s.name_fr : s.name_en}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit">{t('visits.counters.open_submit')}</button>
        </form>
      </>
    ),
  };
}

async function renderCounter(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; notice?: string; status?: number }) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const { code, counterId } = request.params as { code: string; counterId: string };
  const site = await getServicePointFor({ actor: actorOf(request), db, ref: code });
  if (!UUID.test(counterId)) throw new AppError('visits.counter_not_found', 404);
  const counter = await getCounter({ db, counterId });
  if (counter.service_point_id !== site.id) throw new AppError('visits.counter_not_found', 404);
  const current = counter.current ? await getVisit({ db, actor: actorOf(request), visitId: counter.current.id }) : null;
  const active = await listActiveVisits({ db, siteId: site.id });
  const held = active.filter((v) => v.state === 'on_hold' && v.counter_id === counter.id);
  const waiting = active.filter((v) => v.state === 'waiting' && v.checked_in_at && counter.services.includes(v.service_code));
  const others = (await listCounters({ db, actor: actorOf(request), siteRef: site.id })).filter((c) => c.id !== counter.id);
  const csrf = context.csrfToken();
  const errors = options.errors ?? [];
  const services = site.services.filter((s) => s.code !== 'self_service');
  return {
    title: t('visits.counter.title', { counter: counter.name }),
    status: options.status ?? 200,
    scripts: current ? undefined : ['/assets/visits-live.js'],
    breadcrumbs: [
      { href: href('portal.staff'), label: t('shell.staff_home') },
      { href: href('visits.counters', { code: site.code }), label: t('visits.counters.title', { site: siteName(site, language) }) },
    ],
    body: (
      <div data-live-site={site.id}>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        {counter.closed_at ? <Notice kind="warning">{t('visits.counter.closed')}</Notice> : null}
        <p>{t('visits.counter.waiting', { count: waiting.length })}</p>
        {current ? (
          <section aria-labelledby="current-title">
            <h2 id="current-title">{t('visits.counter.serving', { ticket: current.ticket })}</h2>
            <p>
              {serviceLabel(site.services, current.service_code, language)} · {t(`visits.language.${current.language}`)}
              {current.needs.length > 0 ? ` · ${current.needs.map((n) => t(`visits.need.${n}`)).join(', ')}` : ''}
            </p>
            <div className="actions" id="action">
              <Action csrf={csrf} action="recall" label={t('visits.counter.recall')} visitId={current.id} />
              <Action csrf={csrf} action="no_show" label={t('visits.counter.no_show')} visitId={current.id} />
              <Action csrf={csrf} action="hold" label={t('visits.counter.hold')} visitId={current.id} />
            </div>
            <Action csrf={csrf} action="complete" label={t('visits.counter.complete')} visitId={current.id}>
              <div className="field">
                <label htmlFor="outcome">{t('visits.counter.outcome')}</label>
                <select id="outcome" name="outcome" defaultValue="served">
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {t(`visits.outcome.${o}`)}
                    </option>
                  ))}
                </select>
              </div>
            </Action>
            <Action csrf={csrf} action="transfer" label={t('visits.counter.transfer')} visitId={current.id}>
              <ServiceSelect id="toService" label={t('visits.counter.to_service')} services={services} value={current.service_code} language={language} t={t} />
              <div className="field">
                <label htmlFor="toCounterId">{t('visits.counter.to_counter')}</label>
                <select id="toCounterId" name="toCounterId" defaultValue="">
                  <option value="">{t('visits.counter.any_counter')}</option>
                  {others.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </div>
            </Action>
          </section>
        ) : counter.closed_at ? null : (
          <div className="actions" id="action">
            <Action csrf={csrf} action="call" label={t('visits.counter.call_next')}>
              <input type="hidden" name="idempotencyKey" value={randomUUID()} />
            </Action>
            <Action csrf={csrf} action="close" label={t('visits.counter.close')} />
          </div>
        )}
        {held.length > 0 ? (
          <section aria-labelledby="held-title">
            <h2 id="held-title">{t('visits.counter.on_hold')}</h2>
            <ul>
              {held.map((v) => (
                <li key={v.id}>
                  {v.ticket} <Action csrf={csrf} action="resume" label={t('visits.counter.resume_ticket', { ticket: v.ticket })} visitId={v.id} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    ),
  };
}

const VISIT_ACTIONS = { recall: 'recall', no_show: 'no_show', hold: 'hold', resume: 'resume', complete: 'complete', transfer: 'transfer' } as const;

async function act(context: PageContext, deps: ModuleDeps, hooks: PageHooks) {
  const { request, t } = context;
  const body = request.body as Record<string, unknown>;
  const { counterId } = request.params as { counterId: string };
  if (!UUID.test(counterId)) throw new AppError('visits.counter_not_found', 404);
  const base = { db: deps.database.db, clock: deps.clock, actor: actorOf(request) };
  const action = fieldText(body.action);
  if (action === 'call') {
    const visit = await callNext({ ...base, counterId, idempotencyKey: fieldText(body.idempotencyKey) || undefined });
    if (visit) hooks.afterQueueMoved(visit.service_point_id);
    return visit ? t('visits.counter.called', { ticket: visit.ticket }) : t('visits.counter.nobody');
  }
  if (action === 'close') {
    await closeCounter({ ...base, counterId });
    return t('visits.counter.closed');
  }
  const transition = VISIT_ACTIONS[action as keyof typeof VISIT_ACTIONS];
  const visitId = fieldText(body.visitId);
  if (!transition || !UUID.test(visitId)) throw new AppError('common.invalid_input', 400, {}, { action: 'visits.action_invalid' });
  const toCounterId = fieldText(body.toCounterId);
  const visit = await transitionVisit({ ...base, visitId, action: transition, outcome: fieldText(body.outcome) || undefined, toService: fieldText(body.toService) || undefined, toCounterId: UUID.test(toCounterId) ? toCounterId : undefined });
  hooks.afterQueueMoved(visit.service_point_id);
  return t(`visits.counter.done.${transition}`, { ticket: visit.ticket });
}

export function registerCounterPages(app: FastifyInstance, deps: ModuleDeps, hooks: PageHooks): void {
  const base = { access: COUNTER_STAFF, modified: '2026-11-23' };
  registerPage(app, deps.shell, { ...base, id: 'visits.counters', paths: LIST_PATHS, handler: (context) => renderList(context, deps, {}) });
  registerPage(app, deps.shell, {
    ...base,
    id: 'visits.counters',
    paths: LIST_PATHS,
    method: 'POST',
    schema: { body: AnyForm },
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      try {
        const counter = await openCounter({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), siteRef: (context.request.params as { code: string }).code, name: fieldText(body.name, 100), services: fieldList(body.services, 40) });
        return { redirect: context.href('visits.counter', { code: (context.request.params as { code: string }).code, counterId: counter.id }) };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return renderList(context, deps, { errors: fieldErrors(error, context.t), status: error.status });
      }
    },
  });
  registerPage(app, deps.shell, { ...base, id: 'visits.counter', paths: COUNTER_PATHS, handler: (context) => renderCounter(context, deps, {}) });
  registerPage(app, deps.shell, {
    ...base,
    id: 'visits.counter',
    paths: COUNTER_PATHS,
    method: 'POST',
    schema: { body: AnyForm },
    async handler(context) {
      try {
        return await renderCounter(context, deps, { notice: await act(context, deps, hooks) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        const errors = error.status === 400 && Object.keys(error.fields).length > 0 ? fieldErrors(error, context.t) : [{ field: 'action', message: context.t(error.code, error.params) }];
        return renderCounter(context, deps, { errors, status: error.status });
      }
    },
  });
}
