/**
 * What happens once an agent has a call: the callback's dial result (answered → the agent is
 * held for it; no answer → retried after a delay at the same place in line, up to the line's
 * attempts, then closed as unreachable with a text notice), the outcome with first-contact
 * resolution, and a transfer to another line.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import type { ContactCall } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './contact.repo.js';
import { assertHandlesCall } from './contact-scope.js';
import { CONTACT_TOPIC, getLine } from './lines.service.js';

interface Base {
  db: Db;
  clock: Clock;
  actor: Actor;
}

/** Outcome codes an agent records at the end of a call. */
export const OUTCOME_CODES = ['information_given', 'status_given', 'application_help', 'complaint', 'referred_online', 'referred_office', 'follow_up_needed', 'wrong_line'] as const;

/** The call, locked, once the actor is known to handle it (its line, and for an agent their own call), in the state expected. */
async function lockActive(trx: Db, actor: Actor, callId: string, state: ContactCall['state'], code: string): Promise<ContactCall> {
  const call = await repo.lockCall(trx, callId);
  if (!call) throw new AppError('contact.call_not_found', 404);
  await assertHandlesCall(trx, actor, call);
  if (call.state !== state) throw new AppError(code, 409);
  return call;
}

export async function recordCallbackResult(input: Base & { callId: string; answered: boolean }) {
  const now = input.clock.now();
  return input.db.transaction().execute(async (trx) => {
    const call = await lockActive(trx, input.actor, input.callId, 'dialling', 'contact.callback_not_dialling');
    const line = await getLine({ db: trx, actor: input.actor, ref: call.line_id });
    let updated: ContactCall;
    let type: string;
    if (input.answered) {
      updated = await repo.updateCall(trx, call.id, { state: 'connected', connected_at: now, updated_at: now });
      type = 'callback_answered';
    } else if (call.attempts < line.callback_attempts) {
      // Back in line at the caller's original time, not before the retry delay has passed.
      updated = await repo.updateCall(trx, call.id, { state: 'callback', agent_id: null, eligible_at: new Date(now.getTime() + line.callback_retry_seconds * 1000), updated_at: now });
      type = 'callback_no_answer';
    } else {
      updated = await repo.updateCall(trx, call.id, { state: 'unreachable', agent_id: null, ended_at: now, updated_at: now });
      type = 'callback_unreachable';
    }
    // The agent is held only by a callback the caller answered.
    if (!input.answered && call.agent_id) await repo.setAgentState(trx, call.agent_id, 'available', now);
    await repo.appendEvent(trx, { callId: call.id, at: now, type, agentId: call.agent_id, actor: actorLabel(input.actor), details: { attempt: call.attempts } });
    await publishEvent(trx, CONTACT_TOPIC, { change: type, lineId: call.line_id });
    return { call: updated, line };
  });
}

/** The agent ends the call (or records the outcome of one the caller ended) and goes to wrap-up. */
export async function completeCall(input: Base & { callId: string; outcome: string; resolved: boolean }) {
  if (!(OUTCOME_CODES as readonly string[]).includes(input.outcome)) throw new AppError('common.invalid_input', 400, {}, { outcome: 'contact.outcome_invalid' });
  const now = input.clock.now();
  return input.db.transaction().execute(async (trx) => {
    const call = await repo.lockCall(trx, input.callId);
    if (!call) throw new AppError('contact.call_not_found', 404);
    await assertHandlesCall(trx, input.actor, call);
    const endedByCaller = call.state === 'completed' && call.outcome_code === null;
    if (call.state !== 'connected' && !endedByCaller) throw new AppError('contact.call_not_connected', 409);
    const updated = await repo.updateCall(trx, call.id, { state: 'completed', ended_at: call.ended_at ?? now, outcome_code: input.outcome, resolved: input.resolved && call.transferred_from_line_id === null, updated_at: now });
    if (call.agent_id) await repo.setAgentState(trx, call.agent_id, 'wrap_up', now, call.id);
    await repo.appendEvent(trx, { callId: call.id, at: now, type: 'completed', agentId: call.agent_id, actor: actorLabel(input.actor), details: { outcome: input.outcome, resolved: input.resolved } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'completed', lineId: call.line_id });
    return updated;
  });
}

/**
 * Transfer to another line: the caller joins that line's queue at their original time (they
 * have already waited once), and the call no longer counts as resolved at first contact. The
 * call must be the actor's to handle; the line it goes to need not be one they work on, since
 * sending a caller to the team that can help them is the point.
 */
export async function transferCall(input: Base & { callId: string; toLine: string }) {
  const now = input.clock.now();
  return input.db.transaction().execute(async (trx) => {
    const call = await lockActive(trx, input.actor, input.callId, 'connected', 'contact.call_not_connected');
    const target = await repo.findLine(trx, input.toLine);
    if (!target) throw new AppError('contact.line_not_found', 404);
    if (target.id === call.line_id) throw new AppError('common.invalid_input', 400, {}, { lineId: 'contact.transfer_same_line' });
    const updated = await repo.updateCall(trx, call.id, { state: 'waiting', line_id: target.id, transferred_from_line_id: call.line_id, agent_id: null, resolved: false, updated_at: now });
    if (call.agent_id) await repo.setAgentState(trx, call.agent_id, 'wrap_up', now, call.id);
    await repo.appendEvent(trx, { callId: call.id, at: now, type: 'transferred', agentId: call.agent_id, actor: actorLabel(input.actor), details: { from: call.line_id, to: target.id } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'transferred', lineId: target.id });
    return updated;
  });
}
