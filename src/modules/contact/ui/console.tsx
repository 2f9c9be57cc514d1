/**
 * The agent console, as the signed-in person: their state, take next (the earliest call or due
 * callback on their lines), whether a dialled callback answered, the outcome with first-contact
 * resolution, or a transfer. Someone with lines and no agent profile yet starts here (their
 * lines come from their assignments; they choose the languages they answer in). Supervisors and
 * administrators may also open the console of an agent whose lines are all theirs. Every button
 * is a form posting back here; after a change the page redirects to itself (a reload never
 * repeats it). A refusal for scope is not rendered here: it goes to the error page, audited.
 */
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Actor } from '../../../platform/audit.repo.js';
import { OutOfScopeError, scopeOf } from '../../../platform/auth/scope.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import type { ContactLine } from '../../../platform/db/tables.contact.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, Notice } from '../../../web/components.js';
import { completeCall, OUTCOME_CODES, recordCallbackResult, transferCall } from '../agent-work.service.js';
import { enrolAgent, findOwnAgent, getAgent, listAgentsInScope, SETTABLE_STATES, setAgentState, type AgentProfile } from '../agents.service.js';
import { takeNext } from '../calls.service.js';
import { CONTACT_STAFF } from '../contact.routes.js';
import { listLines } from '../contact.repo.js';
import { sendUnreachableNotice } from '../notices.js';
import { CONTACT_PAGES } from './public.js';

const PATHS = { en: '/en/contact/console', fr: '/fr/contact/console' };
const DONE = ['state', 'taken', 'none', 'answered', 'no_answer', 'completed', 'transferred', 'enrolled'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The agent the console acts as: the one asked for (if the actor may act as them), else the signed-in person's own. */
async function actingAgent(deps: ModuleDeps, actor: Actor, requested: string): Promise<AgentProfile | undefined> {
  const { db } = deps.database;
  if (requested) {
    if (!UUID.test(requested)) throw new AppError('contact.agent_not_found', 404);
    return getAgent({ db, actor, agentId: requested });
  }
  return findOwnAgent({ db, actor });
}

async function loadCall(deps: ModuleDeps, profile: AgentProfile | undefined) {
  const id = profile?.agent.current_call_id;
  return id ? deps.database.db.selectFrom('contact_calls').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
}

const lineNames = (lines: ContactLine[], codes: readonly string[], language: string) =>
  codes.map((code) => lines.find((l) => l.code === code)).filter((l): l is ContactLine => l !== undefined).map((l) => (language === 'fr' ? l.name_fr : l.name_en));

function AgentPicker({ context, agents, current }: { context: PageContext; agents: { id: string; name: string }[]; current: string }) {
  const { t, href } = context;
  return (
    <form method="get" action={href(CONTACT_PAGES.console)}>
      <div className="field">
        <label htmlFor="agent">{t('contact.console.agent')}</label>
        <select id="agent" name="agent" defaultValue={current}>
          <option value="">{t('contact.agents.myself')}</option>
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

/**
 * One small form posting an action back to the console (naming the agent only when acting for
 * someone else); a form with fields takes the full width, so its lists fit a narrow screen.
 */
function ActionForm({ context, agentId, action, label, children }: { context: PageContext; agentId: string; action: string; label: string; children?: React.ReactNode }) {
  return (
    <form method="post" action={context.href(CONTACT_PAGES.console)} className={children ? undefined : 'inline-form'}>
      <CsrfField token={context.csrfToken()} />
      {agentId ? <input type="hidden" name="agent" value={agentId} /> : null}
      <input type="hidden" name="action" value={action} />
      {children}
      <button type="submit">{label}</button>
    </form>
  );
}

/** For someone on lines who is not an agent yet: the languages they answer in, then start. */
function EnrolForm({ context, lines }: { context: PageContext; lines: string[] }) {
  const { t } = context;
  return (
    <section aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('contact.agents.enrol_title')}</h2>
      <p>{t('contact.agents.enrol_lead', { lines: lines.join(', ') })}</p>
      <ActionForm context={context} agentId="" action="enrol" label={t('contact.agents.enrol')}>
        <fieldset>
          <legend>{t('contact.agents.languages')}</legend>
          {(['en', 'fr'] as const).map((l) => (
            <div key={l}>
              <input type="checkbox" id={`language-${l}`} name="languages" value={l} defaultChecked />
              <label htmlFor={`language-${l}`}>{t(`contact.language.${l}`)}</label>
            </div>
          ))}
        </fieldset>
      </ActionForm>
    </section>
  );
}

async function render(context: PageContext, deps: ModuleDeps, requested: string, problem?: AppError) {
  const { t, language, request } = context;
  const actor = actorOf(request);
  const profile = await actingAgent(deps, actor, requested);
  const call = await loadCall(deps, profile);
  const lines = await listLines(deps.database.db);
  const own = profile !== undefined && actor.type === 'user' && profile.agent.staff_user_id === actor.id ? profile : await findOwnAgent({ db: deps.database.db, actor });
  const others = (await listAgentsInScope({ db: deps.database.db, actor })).filter((a) => a.id !== own?.agent.id);
  const done = fieldText((request.query as Record<string, unknown>).done, 20);
  const self = profile !== undefined && profile === own;
  const agentId = profile && !self ? profile.agent.id : '';
  const scope = scopeOf(actor);
  const ownLines = scope === 'unbounded' ? [] : [...scope.lines];
  const lineName = (id: string) => {
    const l = lines.find((x) => x.id === id);
    return l ? (language === 'fr' ? l.name_fr : l.name_en) : '';
  };
  // The time the caller entered the queue, on the line's clock.
  const localTime = (at: Date, lineId: string) => DateTime.fromJSDate(at, { zone: lines.find((x) => x.id === lineId)?.time_zone ?? 'America/Toronto' }).toFormat('HH:mm');
  const onLines = profile ? lineNames(lines, profile.lines, language).join(', ') : '';
  const body = (
    <>
      {problem ? <Notice kind="warning">{t(problem.code, problem.params)}</Notice> : null}
      {(DONE as readonly string[]).includes(done) ? (
        <Notice kind="success">
          <p role="status">{done === 'enrolled' ? t('contact.agents.done_enrolled') : t(`contact.console.done.${done}`)}</p>
        </Notice>
      ) : null}
      {others.length > 0 ? <AgentPicker context={context} agents={others} current={agentId} /> : null}
      {!profile && ownLines.length > 0 ? <EnrolForm context={context} lines={lineNames(lines, ownLines, language)} /> : null}
      {!profile && ownLines.length === 0 ? <p>{t('contact.agents.no_lines')}</p> : null}
      {profile ? (
        <section aria-labelledby="agent-title">
          <h2 id="agent-title">{profile.agent.name}</h2>
          <p id="agent-lines">
            {profile.lines.length === 0 ? t('contact.agents.on_no_line') : self ? t('contact.agents.you_are_on', { lines: onLines }) : t('contact.agents.they_are_on', { name: profile.agent.name, lines: onLines })}
          </p>
          <p>{t('contact.agents.answers_in', { languages: profile.agent.languages.map((l) => t(`contact.language.${l}`)).join(', ') })}</p>
          <p>{t('contact.console.state_now', { state: t(`contact.state.${profile.agent.state}`) })}</p>
          {profile.agent.state !== 'on_call' ? (
            <ActionForm context={context} agentId={agentId} action="state" label={t('contact.console.set_state')}>
              <div className="field">
                <label htmlFor="state">{t('contact.console.state')}</label>
                <select id="state" name="state" defaultValue={profile.agent.state === 'available' ? 'break' : 'available'}>
                  {SETTABLE_STATES.map((s) => (
                    <option key={s} value={s}>
                      {t(`contact.state.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </ActionForm>
          ) : null}
          {profile.agent.state === 'available' ? <ActionForm context={context} agentId={agentId} action="next" label={t('contact.console.take_next')} /> : null}
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
                  <ActionForm context={context} agentId={agentId} action="answered" label={t('contact.console.answered')} />
                  <ActionForm context={context} agentId={agentId} action="no_answer" label={t('contact.console.no_answer')} />
                </>
              ) : (
                <>
                  <ActionForm context={context} agentId={agentId} action="complete" label={t('contact.console.complete')}>
                    <div className="field">
                      <label htmlFor="outcome">{t('contact.console.outcome')}</label>
                      <select id="outcome" name="outcome">
                        {OUTCOME_CODES.map((o) => (
                          <option key={o} value={o}>
                            {t(`contact.outcome.${o}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <div>
                      <input type="checkbox" id="resolved" name="resolved" value="yes" />
                      <label htmlFor="resolved">{t('contact.console.resolved')}</label>
                    </div>
                  </ActionForm>
                  <ActionForm context={context} agentId={agentId} action="transfer" label={t('contact.console.transfer')}>
                    <div className="field">
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
                    </div>
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

const languagesOf = (value: unknown) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => fieldText(v, 2));

/** Carries out one console action as the acting agent; returns the `done` notice to redirect with. */
async function act(context: PageContext, deps: ModuleDeps, form: Record<string, unknown>): Promise<string> {
  const actor = actorOf(context.request);
  const base = { db: deps.database.db, clock: deps.clock, actor };
  const action = fieldText(form.action, 20);
  if (action === 'enrol') {
    await enrolAgent({ ...base, staffUserId: actor.id ?? undefined, languages: languagesOf(form.languages) });
    return 'enrolled';
  }
  const profile = await actingAgent(deps, actor, fieldText(form.agent, 40));
  if (!profile) throw new AppError('contact.agent_not_found', 404);
  const agentId = profile.agent.id;
  if (action === 'state') {
    await setAgentState({ ...base, agentId, state: fieldText(form.state, 20) as never });
    return 'state';
  }
  if (action === 'next') return (await takeNext({ ...base, agentId })) ? 'taken' : 'none';
  const call = await loadCall(deps, profile);
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
  const definition = { id: CONTACT_PAGES.console, paths: PATHS, access: CONTACT_STAFF, modified: '2026-12-04' };
  registerPage(app, deps.shell, { ...definition, handler: (context) => render(context, deps, fieldText((context.request.query as Record<string, unknown>).agent, 40)) });
  registerPage(app, deps.shell, {
    ...definition,
    method: 'POST',
    async handler(context) {
      const form = (context.request.body ?? {}) as Record<string, unknown>;
      const agentId = fieldText(form.agent, 40);
      try {
        const done = await act(context, deps, form);
        const query = agentId ? `agent=${encodeURIComponent(agentId)}&done=${done}` : `done=${done}`;
        return { redirect: `${context.href(CONTACT_PAGES.console)}?${query}` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error instanceof OutOfScopeError) throw error;
        return render(context, deps, agentId, error);
      }
    },
  });
}
