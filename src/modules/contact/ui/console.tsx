/**
 * The agent console: choose the agent, set their state, take next (the earliest call or due
 * callback on their lines), record whether a dialled callback answered, end a call with its
 * outcome and first-contact resolution, or transfer it. Every button is a form posting back here;
 * after a change the page redirects to itself (so a reload never repeats it).
 */
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, Notice } from '../../../web/components.js';
import { completeCall, OUTCOME_CODES, recordCallbackResult, transferCall } from '../agent-work.service.js';
import { takeNext } from '../calls.service.js';
import { CONTACT_STAFF } from '../contact.routes.js';
import { listLines } from '../contact.repo.js';
import { setAgentState, SETTABLE_STATES } from '../lines.service.js';
import { sendUnreachableNotice } from '../notices.js';
import { CONTACT_PAGES } from './public.js';

const PATHS = { en: '/en/contact/console', fr: '/fr/contact/console' };
const DONE = ['state', 'taken', 'none', 'answered', 'no_answer', 'completed', 'transferred'] as const;

async function loadConsole(deps: ModuleDeps, agentId: string) {
  const { db } = deps.database;
  const agent = /^[0-9a-f-]{36}$/i.test(agentId) ? await db.selectFrom('contact_agents').selectAll().where('id', '=', agentId).executeTakeFirst() : undefined;
  const call = agent?.current_call_id ? await db.selectFrom('contact_calls').selectAll().where('id', '=', agent.current_call_id).executeTakeFirst() : undefined;
  return { agent, call };
}

function AgentPicker({ context, agents }: { context: PageContext; agents: { id: string; name: string }[] }) {
  const { t, href } = context;
  return (
    <form method="get" action={href(CONTACT_PAGES.console)}>
      <div className="field">
        <label htmlFor="agent">{t('contact.console.agent')}</label>
        <select id="agent" name="agent">
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('contact.console.open')}</button>
    </form>
  );
}

/** One small form posting an action back to the console. */
function ActionForm({ context, agentId, action, label, children }: { context: PageContext; agentId: string; action: string; label: string; children?: React.ReactNode }) {
  return (
    <form method="post" action={context.href(CONTACT_PAGES.console)} className="inline-form">
      <CsrfField token={context.csrfToken()} />
      <input type="hidden" name="agent" value={agentId} />
      <input type="hidden" name="action" value={action} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

async function render(context: PageContext, deps: ModuleDeps, agentId: string, problem?: AppError) {
  const { t, language, request } = context;
  const agents = await deps.database.db.selectFrom('contact_agents').select(['id', 'name']).orderBy('name').execute();
  const { agent, call } = await loadConsole(deps, agentId);
  const done = fieldText((request.query as Record<string, unknown>).done, 20);
  const lines = await listLines(deps.database.db);
  const lineName = (id: string) => {
    const l = lines.find((x) => x.id === id);
    return l ? (language === 'fr' ? l.name_fr : l.name_en) : '';
  };
  // The time the caller entered the queue, on the line's clock.
  const localTime = (at: Date, lineId: string) => DateTime.fromJSDate(at, { zone: lines.find((x) => x.id === lineId)?.time_zone ?? 'America/Toronto' }).toFormat('HH:mm');
  const body = (
    <>
      {problem ? <Notice kind="warning">{t(problem.code, problem.params)}</Notice> : null}
      {(DONE as readonly string[]).includes(done) ? (
        <Notice kind="success">
          <p role="status">{t(`contact.console.done.${done}`)}</p>
        </Notice>
      ) : null}
      <AgentPicker context={context} agents={agents} />
      {agent ? (
        <section aria-labelledby="agent-title">
          <h2 id="agent-title">{agent.name}</h2>
          <p>{t('contact.console.state_now', { state: t(`contact.state.${agent.state}`) })}</p>
          {agent.state !== 'on_call' ? (
            <ActionForm context={context} agentId={agent.id} action="state" label={t('contact.console.set_state')}>
              <label htmlFor="state">{t('contact.console.state')}</label>
              <select id="state" name="state" defaultValue={agent.state === 'available' ? 'break' : 'available'}>
                {SETTABLE_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`contact.state.${s}`)}
                  </option>
                ))}
              </select>
            </ActionForm>
          ) : null}
          {agent.state === 'available' ? <ActionForm context={context} agentId={agent.id} action="next" label={t('contact.console.take_next')} /> : null}
          {call && (call.state === 'dialling' || call.state === 'connected') ? (
            <section aria-labelledby="call-title">
              <h3 id="call-title">{t(`contact.kind.${call.kind}`)}</h3>
              <dl>
                <dt>{t('contact.console.line')}</dt>
                <dd>{lineName(call.line_id)}</dd>
                <dt>{t('contact.console.number')}</dt>
                <dd>{call.callback_number ?? call.from_number}</dd>
                <dt>{t('contact.console.in_queue_since')}</dt>
                <dd>{call.queue_time ? localTime(call.queue_time, call.line_id) : ''}</dd>
                <dt>{t('contact.console.attempt')}</dt>
                <dd>{call.attempts}</dd>
              </dl>
              {call.state === 'dialling' ? (
                <>
                  <p>{t('contact.console.dialling')}</p>
                  <ActionForm context={context} agentId={agent.id} action="answered" label={t('contact.console.answered')} />
                  <ActionForm context={context} agentId={agent.id} action="no_answer" label={t('contact.console.no_answer')} />
                </>
              ) : (
                <>
                  <ActionForm context={context} agentId={agent.id} action="complete" label={t('contact.console.complete')}>
                    <label htmlFor="outcome">{t('contact.console.outcome')}</label>
                    <select id="outcome" name="outcome">
                      {OUTCOME_CODES.map((o) => (
                        <option key={o} value={o}>
                          {t(`contact.outcome.${o}`)}
                        </option>
                      ))}
                    </select>
                    <input type="checkbox" id="resolved" name="resolved" value="yes" />
                    <label htmlFor="resolved">{t('contact.console.resolved')}</label>
                  </ActionForm>
                  <ActionForm context={context} agentId={agent.id} action="transfer" label={t('contact.console.transfer')}>
                    <label htmlFor="to-line">{t('contact.console.transfer_to')}</label>
                    <select id="to-line" name="line">
                      {lines
                        .filter((l) => l.id !== call.line_id)
                        .map((l) => (
                          <option key={l.id} value={l.id}>
                            {language === 'fr' ? l.name_fr : l.name_en}
                          </option>
                        ))}
                    </select>
                  </ActionForm>
                </>
              )}
            </section>
          ) : null}
        </section>
      ) : null}
    </>
  );
  return { title: t('contact.console.title'), status: problem?.status ?? 200, breadcrumbs: [{ href: context.href('portal.staff'), label: t('shell.staff_home') }], body };
}

/** Carries out one console action; returns the `done` notice to redirect with. */
async function act(context: PageContext, deps: ModuleDeps, form: Record<string, unknown>): Promise<string> {
  const base = { db: deps.database.db, clock: deps.clock, actor: actorOf(context.request) };
  const agentId = fieldText(form.agent, 40);
  const { agent, call } = await loadConsole(deps, agentId);
  if (!agent) throw new AppError('contact.agent_not_found', 404);
  const action = fieldText(form.action, 20);
  if (action === 'state') {
    await setAgentState({ ...base, agentId, state: fieldText(form.state, 20) as never });
    return 'state';
  }
  if (action === 'next') return (await takeNext({ ...base, agentId })) ? 'taken' : 'none';
  if (!call) throw new AppError('contact.call_not_active', 409);
  if (action === 'answered' || action === 'no_answer') {
    const { call: after } = await recordCallbackResult({ ...base, callId: call.id, answered: action === 'answered' });
    if (after.state === 'unreachable') sendUnreachableNotice(deps, after, (error) => context.request.log.error({ err: error }, 'unreachable notice failed'));
    return action;
  }
  if (action === 'complete') {
    await completeCall({ ...base, callId: call.id, outcome: fieldText(form.outcome, 40), resolved: fieldText(form.resolved, 5) === 'yes' });
    return 'completed';
  }
  if (action === 'transfer') {
    await transferCall({ ...base, callId: call.id, toLine: fieldText(form.line, 40) });
    return 'transferred';
  }
  throw new AppError('common.invalid_input', 400);
}

export function registerConsolePage(app: FastifyInstance, deps: ModuleDeps): void {
  const definition = { id: CONTACT_PAGES.console, paths: PATHS, access: CONTACT_STAFF, modified: '2026-11-24' };
  registerPage(app, deps.shell, { ...definition, handler: (context) => render(context, deps, fieldText((context.request.query as Record<string, unknown>).agent, 40)) });
  registerPage(app, deps.shell, {
    ...definition,
    method: 'POST',
    async handler(context) {
      const form = (context.request.body ?? {}) as Record<string, unknown>;
      const agentId = fieldText(form.agent, 40);
      try {
        const done = await act(context, deps, form);
        return { redirect: `${context.href(CONTACT_PAGES.console)}?agent=${encodeURIComponent(agentId)}&done=${done}` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return render(context, deps, agentId, error);
      }
    },
  });
}
