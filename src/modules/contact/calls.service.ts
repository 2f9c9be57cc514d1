/**
 * A call from arrival to its end. On entering the queue the caller hears the estimate and
 * chooses: self-service, wait, or a callback. A callback stays in the same queue at the
 * caller's original time (`queue_time`), so it is dialled exactly when they would have reached
 * an agent by holding: never a priority bump, never passed by a later caller. Each change is one
 * transaction holding the call's row lock, its appended event (the audit trail of calls) and
 * its announcement on the `contact` topic.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import type { ContactCall } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import { normalizePhone } from '../../platform/sms.js';
import * as repo from './contact.repo.js';
import { isOpenAt } from './hours.js';
import { getAgent } from './agents.service.js';
import { assertLineIdInScope } from './contact-scope.js';
import { CONTACT_TOPIC, estimatesFor, getLine } from './lines.service.js';

export const CHOICES = ['self_service', 'wait', 'callback'] as const;
export type Choice = (typeof CHOICES)[number];
interface Base {
  db: Db;
  clock: Clock;
  actor: Actor;
}

/** A caller reaches a line: refused when it is closed; otherwise an estimate and the options. */
export async function arriveCall(options: Base & { lineRef: string; from: string; language?: 'en' | 'fr' | undefined }) {
  const line = await getLine({ db: options.db, actor: options.actor, ref: options.lineRef });
  const now = options.clock.now();
  if (!isOpenAt(line.hours, line.time_zone, now)) throw new AppError('contact.line_closed', 409);
  const from = options.from.trim();
  if (!/^[+0-9A-Za-z ()-]{1,30}$/.test(from)) throw new AppError('common.invalid_input', 400, {}, { from: 'contact.number_invalid' });
  const language = options.language && line.languages.includes(options.language) ? options.language : (line.languages[0] as 'en' | 'fr');
  return options.db.transaction().execute(async (trx) => {
    // Estimates are recorded as given, to be judged later against the wait that happened.
    const estimates = await estimatesFor(trx, line.id, now);
    const call = await repo.insertCall(trx, {
      line_id: line.id,
      from_number: from,
      language,
      state: 'arrived',
      arrived_at: now,
      estimate_seconds: estimates.ours,
      estimate_asterisk_seconds: estimates.asterisk,
      estimate_genesys_seconds: estimates.genesys,
      updated_at: now,
    });
    await repo.appendEvent(trx, { callId: call.id, at: now, type: 'arrived', actor: actorLabel(options.actor), details: { ahead: estimates.ahead, estimate: estimates.ours } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'arrived', lineId: line.id });
    return { call, line, estimatedWaitSeconds: estimates.ours, ahead: estimates.ahead };
  });
}

/** Runs `change` on the locked call; 404 when it does not exist, 403 when its line is not the actor's. */
async function withCall<T>(db: Db, actor: Actor, callId: string, change: (trx: Db, call: ContactCall) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const call = await repo.lockCall(trx, callId);
    if (!call) throw new AppError('contact.call_not_found', 404);
    await assertLineIdInScope(trx, actor, call.line_id);
    return change(trx, call);
  });
}

export interface ChoiceInput extends Base {
  callId: string;
  choice: Choice;
  callbackNumber?: string | undefined;
  /** A scheduled callback: not dialled before `windowStart` (the caller's place is kept). */
  windowStart?: string | undefined;
  windowEnd?: string | undefined;
}

function callbackDetails(input: ChoiceInput, call: ContactCall, now: Date) {
  const number = normalizePhone(input.callbackNumber ?? call.from_number);
  const fields: Record<string, string> = {};
  if (!number) fields.callbackNumber = 'contact.number_invalid';
  const start = input.windowStart ? new Date(input.windowStart) : null;
  const end = input.windowEnd ? new Date(input.windowEnd) : null;
  if (start && (Number.isNaN(start.getTime()) || start < now)) fields.windowStart = 'contact.window_invalid';
  if (end && (Number.isNaN(end.getTime()) || !start || end <= start)) fields.windowEnd = 'contact.window_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return { number: number!, start, end };
}

export async function chooseOption(input: ChoiceInput) {
  const now = input.clock.now();
  return withCall(input.db, input.actor, input.callId, async (trx, call) => {
    if (call.state !== 'arrived') throw new AppError('contact.choice_closed', 409);
    let values: Parameters<typeof repo.updateCall>[2];
    if (input.choice === 'self_service') values = { state: 'self_service', ended_at: now };
    else if (input.choice === 'wait') values = { state: 'waiting', queue_time: call.arrived_at };
    else {
      const { number, start, end } = callbackDetails(input, call, now);
      values = { state: 'callback', kind: 'callback', queue_time: call.arrived_at, callback_number: number, eligible_at: start, window_end: end };
    }
    const updated = await repo.updateCall(trx, call.id, { ...values, updated_at: now });
    await repo.appendEvent(trx, { callId: call.id, at: now, type: `chose_${input.choice}`, actor: actorLabel(input.actor), details: input.windowStart ? { windowStart: input.windowStart } : {} });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'choice', lineId: call.line_id, choice: input.choice });
    return updated;
  });
}

/** The caller hangs up: abandoned before an agent, ended with one (the agent goes to wrap-up). */
export async function hangUp(input: Base & { callId: string }) {
  const now = input.clock.now();
  return withCall(input.db, input.actor, input.callId, async (trx, call) => {
    let updated: ContactCall;
    if (call.state === 'arrived' || call.state === 'waiting') updated = await repo.updateCall(trx, call.id, { state: 'abandoned', ended_at: now, updated_at: now });
    else if (call.state === 'connected') {
      updated = await repo.updateCall(trx, call.id, { state: 'completed', ended_at: now, updated_at: now });
      if (call.agent_id) await repo.setAgentState(trx, call.agent_id, 'wrap_up', now, call.id);
    } else if (call.state === 'self_service') updated = call;
    else throw new AppError('contact.call_not_active', 409);
    await repo.appendEvent(trx, { callId: call.id, at: now, type: 'hung_up', agentId: call.agent_id, actor: actorLabel(input.actor), details: { from: call.state } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'hung_up', lineId: call.line_id });
    return updated;
  });
}

/**
 * Self-service on a call: the caller's application status by number and date of birth, which
 * they prove; the call's line must be the actor's (the phone system's token, say).
 */
/**
 * The agent takes the earliest call or due callback on their lines (see repo.claimNext): the
 * signed-in agent for themselves, or a manager for an agent on their lines.
 */
export async function takeNext(input: Base & { agentId: string }): Promise<ContactCall | null> {
  const { agent } = await getAgent({ db: input.db, actor: input.actor, agentId: input.agentId });
  return input.db.transaction().execute(async (trx) => {
    const call = await repo.claimNext(trx, { agentId: agent.id, now: input.clock.now(), actor: actorLabel(input.actor) });
    if (!call) return null;
    await publishEvent(trx, CONTACT_TOPIC, { change: 'taken', lineId: call.line_id, kind: call.kind });
    return call;
  });
}
