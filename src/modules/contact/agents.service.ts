/**
 * Contact agents are staff accounts. The account says who the agent is and which lines they
 * answer (its `lines` assignment, which the database copies to the agent's routing lines); the
 * agent row holds their live state and the languages they answer in. Every use case acts as the
 * signed-in person, or as a manager within their lines (see contact-scope.ts).
 */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { may } from '../../platform/auth/roles.js';
import { assertLineInScope, scopeOf } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import type { AgentState, ContactAgent } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './contact.repo.js';
import { actsForOthers, assertActsForAgent, coversAllLines, isManager } from './contact-scope.js';
import { CONTACT_TOPIC } from './lines.service.js';

const LANGS = ['en', 'fr'];

export interface AgentProfile {
  agent: ContactAgent;
  /** Set by enrolment: whether the agent row was created now. */
  created?: boolean;
  /** The codes of the lines the agent answers: their account's line assignments. */
  lines: string[];
}

/**
 * Makes a staff account a contact agent, or changes the languages of the one it already is.
 * A person may enrol themselves; a supervisor or an administrator enrols an account whose every
 * line is within their own. The account must work in the contact centre and be on a line.
 */
export async function enrolAgent(options: { db: Db; clock: Clock; actor: Actor; staffUserId?: string | undefined; email?: string | undefined; languages: string[] }): Promise<AgentProfile> {
  const languages = [...new Set(options.languages)];
  if (languages.length === 0 || languages.some((l) => !LANGS.includes(l))) throw new AppError('common.invalid_input', 400, {}, { languages: 'contact.languages_invalid' });
  return options.db.transaction().execute(async (trx) => {
    const account = await repo.findStaffAccount(trx, { id: options.staffUserId, email: options.email });
    const self = options.actor.type === 'user' && account !== undefined && options.actor.id === account.id;
    // Only managers enrol others (and learn whether an account exists).
    if (!self && scopeOf(options.actor) !== 'unbounded' && !isManager(options.actor)) throw new AppError('auth.forbidden', 403);
    if (!account) throw new AppError('contact.account_not_found', 404);
    if (!self) for (const code of account.lines) assertLineInScope(options.actor, code);
    const fields: Record<string, string> = {};
    if (!(may('contact.work') as readonly string[]).includes(account.role)) fields.account = 'contact.agent_role_invalid';
    if (account.lines.length === 0) fields.lines = 'contact.agent_no_lines';
    if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
    const existing = await repo.findAgentOfAccount(trx, account.id);
    const agent = existing ? await repo.updateAgentLanguages(trx, existing.id, languages) : await repo.insertAgent(trx, { staffUserId: account.id, name: account.display_name, languages, now: options.clock.now() });
    await recordAudit(trx, options.actor, {
      action: existing ? 'contact.agent_languages' : 'contact.agent_create',
      entityType: 'contact_agent',
      entityId: agent.id,
      details: { staffUserId: account.id, languages, ...(existing ? { before: existing.languages } : { lines: account.lines }) },
    });
    return { agent, created: !existing, lines: await repo.agentLineCodes(trx, agent.id) };
  });
}

/** The signed-in person's own agent row, if they are an agent. */
export async function findOwnAgent(options: { db: Db; actor: Actor }): Promise<AgentProfile | undefined> {
  if (options.actor.type !== 'user' || !options.actor.id) return undefined;
  const agent = await repo.findAgentOfAccount(options.db, options.actor.id);
  return agent ? { agent, lines: await repo.agentLineCodes(options.db, agent.id) } : undefined;
}

/** An agent the actor may act as: 404 when there is none, `auth.out_of_scope` when it is not theirs to act for. */
export async function getAgent(options: { db: Db; actor: Actor; agentId: string }): Promise<AgentProfile> {
  const agent = await repo.findAgent(options.db, options.agentId);
  if (!agent) throw new AppError('contact.agent_not_found', 404);
  const lines = await repo.agentLineCodes(options.db, agent.id);
  assertActsForAgent(options.actor, agent, lines);
  return { agent, lines };
}

/** The agents a manager may act for (every line of theirs in the manager's scope), by name. */
export async function listAgentsInScope(options: { db: Db; actor: Actor }): Promise<{ id: string; name: string; lines: string[] }[]> {
  if (!actsForOthers(options.actor) && scopeOf(options.actor) !== 'unbounded') return [];
  const [pairs, lines] = await Promise.all([repo.listAgentsOnLines(options.db, null), repo.listLines(options.db)]);
  const codeOf = new Map(lines.map((l) => [l.id, l.code]));
  const byAgent = new Map<string, { id: string; name: string; lines: string[] }>();
  for (const p of pairs) {
    const entry = byAgent.get(p.id) ?? { id: p.id, name: p.name, lines: [] };
    entry.lines.push(codeOf.get(p.line_id)!);
    byAgent.set(p.id, entry);
  }
  return [...byAgent.values()].filter((a) => coversAllLines(options.actor, a.lines));
}

/** States an agent sets by hand; "on call" comes from taking a call, never from this. */
export const SETTABLE_STATES = ['available', 'wrap_up', 'break', 'offline'] as const;

export async function setAgentState(options: { db: Db; clock: Clock; actor: Actor; agentId: string; state: AgentState }) {
  if (!(SETTABLE_STATES as readonly string[]).includes(options.state)) throw new AppError('common.invalid_input', 400, {}, { state: 'contact.state_invalid' });
  return options.db.transaction().execute(async (trx) => {
    const agent = await repo.lockAgent(trx, options.agentId);
    if (!agent) throw new AppError('contact.agent_not_found', 404);
    const lines = await repo.agentLineCodes(trx, agent.id);
    assertActsForAgent(options.actor, agent, lines);
    if (agent.state === 'on_call') throw new AppError('contact.agent_on_call', 409);
    const updated = await repo.setAgentState(trx, agent.id, options.state, options.clock.now());
    await recordAudit(trx, options.actor, { action: 'contact.agent_state', entityType: 'contact_agent', entityId: agent.id, details: { from: agent.state, to: options.state } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'agent', agentId: agent.id, state: options.state, lines });
    return updated;
  });
}
