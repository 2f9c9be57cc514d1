/**
 * The caller's automated status check, throttled like the public tracker (the same counts per
 * application number, so the telephone adds no guesses to the web's). What the throttle counts a
 * caller against, in place of a network address, is their caller ID: every call reaches us from
 * the telephony platform's servers, so the network address would put all callers in one bucket
 * and let one guesser hold back everyone. A withheld or unknown number counts against the line it
 * called (`line:<id>`), shared by the withheld callers of that line, who can still wait for an
 * agent. Caller ID can be forged: the per-number rule (one try per caller once a number is under
 * attack) and the alert still bound a guesser who forges many, and each guess costs a call.
 */
import type { Actor } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { ContactCall } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import { normalizePhone } from '../../platform/sms.js';
import type { Guard } from '../../platform/throttle/throttle.service.js';
import { lookUpStatus, type SelfServiceStatus } from '../cases/index.js';
import * as repo from './contact.repo.js';
import { assertLineIdInScope } from './contact-scope.js';

const WITHHELD = /^(unknown|anonymous|private|restricted|unavailable|withheld)?$/i;

/** The caller's number (E.164 when it is North American), or the line for a withheld one. */
export function callerAddress(call: Pick<ContactCall, 'from_number' | 'line_id'>): string {
  const from = call.from_number.trim();
  const digits = from.replace(/[^0-9]/g, '');
  if (WITHHELD.test(from) || digits.length < 3) return `line:${call.line_id}`;
  return `tel:${normalizePhone(from) ?? `+${digits}`}`;
}

/** The status of an application for the caller on `callId`; null for every miss, 429 when throttled. */
export async function checkStatusByPhone(options: { db: Db; clock: Clock; guard: Guard; actor: Actor; callId: string; applicationNumber: string; dateOfBirth: string }): Promise<SelfServiceStatus | null> {
  const call = await repo.findCall(options.db, options.callId);
  if (!call) throw new AppError('contact.call_not_found', 404);
  await assertLineIdInScope(options.db, options.actor, call.line_id);
  return lookUpStatus({ db: options.db, clock: options.clock, guard: options.guard, actor: options.actor, applicationNumber: options.applicationNumber, dateOfBirth: options.dateOfBirth, caller: callerAddress(call) });
}
