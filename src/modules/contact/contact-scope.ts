/**
 * Where someone may act in the contact centre. A line is reached through its code in the actor's
 * assignments (`platform/auth/scope.ts`); a call, a callback and an inquiry through their line.
 * An agent acts as themselves: a person with the agent role reaches only their own agent row and
 * the calls in their hands; supervisors and administrators (and integration tokens, which act for
 * the phone system) act for the agents whose every line is in their scope. Refusals are
 * `auth.out_of_scope`, audited by the auth plugin.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { may } from '../../platform/auth/roles.js';
import { assertLineInScope, lineFilter, OutOfScopeError, scopeOf } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import type { ContactAgent } from '../../platform/db/tables.contact.js';
import * as repo from './contact.repo.js';

/** Supervisors and administrators (people or tokens). */
export const isManager = (actor: Actor) => actor.role !== undefined && (may('contact.manage') as readonly string[]).includes(actor.role);

/** Managers and integration tokens act for others; a person with the agent role only for themselves. */
export const actsForOthers = (actor: Actor) => actor.type !== 'user' || isManager(actor);

/** The line of a call or an inquiry, checked before anything else is read or changed. */
export async function assertLineIdInScope(db: Db, actor: Actor, lineId: string): Promise<void> {
  if (lineFilter(actor) === null) return;
  assertLineInScope(actor, (await repo.lineCodeOf(db, lineId)) ?? lineId);
}

/** Whether the actor covers every one of these lines (an agent on no line: national scope only). */
export function coversAllLines(actor: Actor, lineCodes: readonly string[]): boolean {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return true;
  return lineCodes.length > 0 && lineCodes.every((code) => scope.lines.includes(code));
}

/** The actor may act as this agent: it is them, or they manage every line the agent answers. */
export function assertActsForAgent(actor: Actor, agent: Pick<ContactAgent, 'id' | 'staff_user_id'>, lineCodes: readonly string[]): void {
  if (scopeOf(actor) === 'unbounded') return;
  if (actor.type === 'user' && agent.staff_user_id === actor.id) return;
  if (!actsForOthers(actor) || !coversAllLines(actor, lineCodes)) throw new OutOfScopeError('contact_agent', agent.id);
}

/**
 * A call in an agent's hands (its outcome, its transfer, a dialled callback's answer): a person
 * with the agent role may only handle their own; others, any call on their lines.
 */
export async function assertHandlesCall(db: Db, actor: Actor, call: { line_id: string; agent_id: string | null }): Promise<void> {
  await assertLineIdInScope(db, actor, call.line_id);
  if (actsForOthers(actor) || scopeOf(actor) === 'unbounded') return;
  const own = await repo.findAgentOfAccount(db, actor.id ?? '');
  if (!own || own.id !== call.agent_id) throw new OutOfScopeError('contact_agent', call.agent_id ?? '');
}
