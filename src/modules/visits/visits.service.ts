/**
 * A visit from arrival to the end: check-in at reception (or a remote join), its place in the
 * queue, and every transition after a counter calls it. Each change is one transaction holding
 * the visit's row lock, its appended event, its audit row and its announcement.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { channelFor, publishEvent } from '../../platform/db/event-bus.js';
import { VISIT_CHANNELS, VISIT_DESTINATIONS, type Visit, type VisitChannel, type VisitContact, type VisitDestination, type VisitState } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { isLanguage } from '../../platform/i18n/index.js';
import { normalizePhone } from '../../platform/sms.js';
import { assertSiteInScope, scopeOf } from '../../platform/auth/scope.js';
import { assertSiteAccess, getServicePoint, localWeekdayAndTime } from '../network/index.js';
import { formatTicket, orderForCall, ticketPrefix } from './queue-policy.js';
import * as repo from './visits.repo.js';
import { estimateForService } from './wait.service.js';

export const VISITS_TOPIC = 'visits';

/** Needs a commissionaire records at triage. Some of them put the client in priority handling. */
export const VISIT_NEEDS = ['mobility', 'asl', 'lsq', 'interpreter', 'sensory', 'distress'] as const;
const PRIORITY_NEEDS: readonly string[] = ['mobility', 'sensory', 'distress'];
export const OUTCOMES = ['served', 'served_follow_up', 'documents_missing', 'referred_online', 'referred_partner', 'not_eligible'] as const;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export interface CheckInInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  siteRef: string;
  service: string;
  channel: string;
  language: string;
  needs?: string[];
  destination?: string;
  contact?: { email?: string | undefined; phone?: string | undefined };
  /** Reception check-ins are in the building; remote joins are not until they check in. */
  inBuilding: boolean;
  /** For an appointment holder: the booked time (orders the call, see queue-policy.ts). */
  appointmentAt?: Date;
  /** Runs inside the check-in's transaction (an appointment marks itself checked in). */
  within?: (trx: Db, visit: Visit) => Promise<void>;
  /** A public join must find the site open. */
  requireOpen?: boolean;
  isOpen?: (site: Awaited<ReturnType<typeof getServicePoint>>) => boolean;
}

function validateCheckIn(input: CheckInInput, site: Awaited<ReturnType<typeof getServicePoint>>) {
  const fields: Record<string, string> = {};
  if (!site.services.some((s) => s.code === input.service)) fields.service = 'visits.service_not_offered';
  if (!(VISIT_CHANNELS as readonly string[]).includes(input.channel)) fields.channel = 'visits.channel_invalid';
  if (!isLanguage(input.language)) fields.language = 'visits.language_invalid';
  const needs = [...new Set(input.needs ?? [])];
  if (needs.some((n) => !(VISIT_NEEDS as readonly string[]).includes(n))) fields.needs = 'visits.needs_invalid';
  const destination = input.destination ?? 'counter';
  if (!(VISIT_DESTINATIONS as readonly string[]).includes(destination)) fields.destination = 'visits.destination_invalid';
  const contact: VisitContact = {};
  const email = input.contact?.email?.trim();
  if (email) {
    if (EMAIL.test(email) && email.length <= 254) contact.email = email;
    else fields.email = 'visits.email_invalid';
  }
  const phone = input.contact?.phone?.trim();
  if (phone) {
    const normalized = normalizePhone(phone);
    if (normalized) contact.phone = normalized;
    else fields.phone = 'visits.phone_invalid';
  }
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return { needs, destination: destination as VisitDestination, contact };
}

/** Opens a visit: a ticket numbered per site and day, a place in the queue, an estimate. */
export async function checkInVisit(input: CheckInInput) {
  const site = await getServicePoint({ db: input.db, ref: input.siteRef });
  if (site.jurisdiction !== 'federal' || !['open', 'reactivated'].includes(site.status)) throw new AppError('visits.site_not_serving', 409);
  // Reception acts where it works; a client joining from a phone is not bound to a place.
  if (input.inBuilding) assertSiteInScope(input.actor, site);
  const { needs, destination, contact } = validateCheckIn(input, site);
  if (input.requireOpen && input.isOpen && !input.isOpen(site)) throw new AppError('visits.site_closed', 409);
  const now = input.clock.now();
  const channel = input.channel as VisitChannel;
  const priority = destination === 'priority' || needs.some((n) => PRIORITY_NEEDS.includes(n));
  const day = localWeekdayAndTime(now, site.time_zone).date;
  // Self-service referrals are counted but never queue for a counter.
  const selfService = destination === 'self_service';
  const prefix = selfService ? 'S' : ticketPrefix({ channel, priority });
  return input.db.transaction().execute(async (trx) => {
    const number = await repo.nextTicketNumber(trx, site.id, day, prefix);
    const created = await repo.insertVisit(trx, {
      service_point_id: site.id,
      service_day: day,
      ticket: formatTicket(prefix, number),
      service_code: input.service,
      channel,
      language: input.language as 'en' | 'fr',
      needs: JSON.stringify(needs),
      destination,
      priority,
      state: selfService ? 'completed' : 'waiting',
      arrived_at: now,
      checked_in_at: input.inBuilding ? now : null,
      appointment_at: input.appointmentAt ?? null,
      completed_at: selfService ? now : null,
      outcome_code: selfService ? 'self_service' : null,
      public_token: randomBytes(18).toString('base64url'),
      contact: JSON.stringify(contact),
      updated_at: now,
    });
    await repo.appendEvent(trx, { visitId: created.id, at: now, type: input.inBuilding ? 'checked_in' : 'joined_remotely', actor: actorLabel(input.actor), details: { needs, destination, channel } });
    await publishEvent(trx, VISITS_TOPIC, { siteId: site.id, change: 'joined', ticket: created.ticket });
    if (input.within) await input.within(trx, created);
    if (selfService) return { visit: created, position: 0, estimate: { minMinutes: 0, maxMinutes: 0 } };
    // The estimate given at join is kept, to be judged later against the wait that happened.
    const { position, estimate } = await placeInQueue({ db: trx, clock: input.clock, visit: created, timeZone: site.time_zone });
    const visit = await repo.updateVisit(trx, created.id, { estimate_min_minutes: estimate!.minMinutes, estimate_max_minutes: estimate!.maxMinutes });
    return { visit, position: position!, estimate: estimate! };
  });
}

/** Where a waiting client stands (1 = next) among the clients of their service, and the estimate. */
export async function placeInQueue(options: { db: Db; clock: Clock; visit: Visit; timeZone: string }) {
  const { visit } = options;
  if (visit.state !== 'waiting') return { position: null, estimate: null };
  const settings = await repo.findSettings(options.db, visit.service_point_id);
  const waiting = await repo.listWaiting(options.db, visit.service_point_id, visit.service_code);
  const now = options.clock.now();
  const ordered = orderForCall(
    waiting.map((w) => ({ id: w.id, arrivedAt: w.arrived_at, appointmentAt: w.appointment_at, priority: w.priority, counterId: null })),
    { now, counterId: '', maxPassOverMinutes: settings.max_pass_over_minutes },
  );
  const ahead = Math.max(0, ordered.findIndex((w) => w.id === visit.id));
  const estimate = await estimateForService({ db: options.db, siteId: visit.service_point_id, service: visit.service_code, ahead, now, timeZone: options.timeZone });
  return { position: ahead + 1, estimate };
}

// ── transitions ──────────────────────────────────────────────────────────────────────────────

type Transition = 'recall' | 'no_show' | 'hold' | 'resume' | 'transfer' | 'complete' | 'leave' | 'running_late' | 'arrive';

/** From which states each transition may start. */
const ALLOWED: Record<Transition, readonly VisitState[]> = {
  recall: ['called'],
  no_show: ['called'],
  hold: ['called'],
  resume: ['on_hold'],
  transfer: ['called', 'on_hold', 'waiting'],
  complete: ['called'],
  leave: ['waiting', 'on_hold'],
  running_late: ['waiting'],
  arrive: ['waiting'],
};

export interface TransitionInput {
  db: Db;
  clock: Clock;
  actor: Actor;
  visitId: string;
  action: Transition;
  outcome?: string | undefined;
  toService?: string | undefined;
  toCounterId?: string | undefined;
  reason?: string | undefined;
}

async function validateTransfer(db: Db, visit: Visit, input: TransitionInput) {
  const toService = input.toService ?? visit.service_code;
  if (input.toCounterId) {
    const counter = await repo.findCounter(db, input.toCounterId);
    if (!counter || counter.closed_at || counter.service_point_id !== visit.service_point_id) throw new AppError('common.invalid_input', 400, {}, { toCounterId: 'visits.counter_not_found' });
  }
  const site = await getServicePoint({ db, ref: visit.service_point_id });
  if (!site.services.some((s) => s.code === toService)) throw new AppError('common.invalid_input', 400, {}, { toService: 'visits.service_not_offered' });
  return toService;
}

function patchFor(visit: Visit, input: TransitionInput, now: Date, toService: string) {
  switch (input.action) {
    case 'recall':
      return { call_count: visit.call_count + 1, called_at: now };
    case 'no_show':
      return { state: 'no_show' as const, completed_at: now };
    case 'hold':
      return { state: 'on_hold' as const };
    case 'resume':
      // Back in line for the same counter, ahead of new arrivals (rank 0 of queue-policy.ts).
      return { state: 'waiting' as const };
    case 'transfer':
      // A transfer keeps arrived_at: the client keeps their place in time.
      return { state: 'waiting' as const, service_code: toService, counter_id: input.toCounterId ?? null };
    case 'complete':
      return { state: 'completed' as const, completed_at: now, outcome_code: input.outcome! };
    case 'leave':
      return { state: 'left' as const, completed_at: now };
    case 'running_late':
      return { running_late: true };
    case 'arrive':
      return { checked_in_at: visit.checked_in_at ?? now, running_late: false };
  }
}

export async function transitionVisit(input: TransitionInput) {
  if (input.action === 'complete' && !(OUTCOMES as readonly string[]).includes(input.outcome ?? '')) {
    throw new AppError('common.invalid_input', 400, {}, { outcome: 'visits.outcome_invalid' });
  }
  await assertVisitInScope(input.db, input.actor, input.visitId);
  const now = input.clock.now();
  if (input.action !== 'transfer') return simpleTransition(input, now);
  return input.db.transaction().execute(async (trx) => {
    const visit = await repo.lockVisit(trx, input.visitId);
    if (!visit) throw new AppError('visits.not_found', 404);
    if (!ALLOWED[input.action].includes(visit.state)) throw new AppError('visits.invalid_transition', 409, { state: visit.state });
    if (input.action === 'arrive' && visit.checked_in_at) throw new AppError('visits.already_checked_in', 409);
    const toService = input.action === 'transfer' ? await validateTransfer(trx, visit, input) : visit.service_code;
    const updated = await repo.updateVisit(trx, visit.id, { ...patchFor(visit, input, now, toService), updated_at: now });
    const details: Record<string, unknown> = { from: visit.state, to: updated.state };
    if (input.outcome) details.outcome = input.outcome;
    if (input.action === 'transfer') Object.assign(details, { fromService: visit.service_code, toService, toCounterId: input.toCounterId ?? null });
    await repo.appendEvent(trx, { visitId: visit.id, at: now, type: input.action, counterId: visit.counter_id, actor: actorLabel(input.actor), details });
    await publishEvent(trx, VISITS_TOPIC, { siteId: visit.service_point_id, change: input.action, ticket: visit.ticket, counterId: visit.counter_id });
    return updated;
  });
}

/** Every transition but a transfer is one statement (see repo.applyTransition): no round trips held under a lock. */
async function simpleTransition(input: TransitionInput, now: Date) {
  const { priorState, visit } = await repo.applyTransition(input.db, {
    visitId: input.visitId,
    action: input.action,
    allowed: ALLOWED[input.action],
    now,
    actor: actorLabel(input.actor),
    outcome: input.action === 'complete' ? input.outcome! : null,
    onlyIfNotCheckedIn: input.action === 'arrive',
    channel: channelFor(VISITS_TOPIC),
  });
  if (priorState === undefined) throw new AppError('visits.not_found', 404);
  if (!visit) {
    if (input.action === 'arrive' && priorState === 'waiting') throw new AppError('visits.already_checked_in', 409);
    throw new AppError('visits.invalid_transition', 409, { state: priorState });
  }
  return visit;
}

export async function getVisit(options: { db: Db; actor: Actor; visitId: string }) {
  const visit = await repo.findVisit(options.db, options.visitId);
  if (!visit) throw new AppError('visits.not_found', 404);
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: visit.service_point_id });
  return visit;
}

/** Staff act only on visits at the sites they work at; the visit is read first only for them. */
async function assertVisitInScope(db: Db, actor: Actor, visitId: string) {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return;
  const visit = await repo.findVisit(db, visitId);
  if (visit) await assertSiteAccess({ db, actor, siteId: visit.service_point_id });
}

/** The client's own ticket, reached by the unguessable token in its link. */
export async function getVisitByToken(options: { db: Db; token: string }) {
  const visit = /^[A-Za-z0-9_-]{10,64}$/.test(options.token) ? await repo.findVisitByToken(options.db, options.token) : undefined;
  if (!visit) throw new AppError('visits.ticket_not_found', 404);
  return visit;
}

export const listVisitEvents = (options: { db: Db; visitId: string }) => repo.listEvents(options.db, options.visitId);

/** Feedback after the visit, once: 1 to 5 and an optional comment. */
export async function leaveFeedback(options: { db: Db; clock: Clock; token: string; rating: string | number; comment?: string | undefined; language: 'en' | 'fr' }) {
  const visit = await getVisitByToken(options);
  const rating = Number(options.rating);
  const comment = options.comment?.trim() ?? '';
  const fields: Record<string, string> = {};
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) fields.rating = 'visits.rating_invalid';
  if (comment.length > 2000) fields.comment = 'visits.comment_too_long';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  if (!['completed', 'no_show', 'left'].includes(visit.state)) throw new AppError('visits.feedback_too_early', 409);
  const saved = await repo.insertFeedback(options.db, { visitId: visit.id, rating, comment: comment || null, language: options.language, now: options.clock.now() });
  if (!saved) throw new AppError('visits.feedback_already_given', 409);
}

export const findFeedback = (options: { db: Db; visitId: string }) => repo.findFeedback(options.db, options.visitId);

/** Tickets still in play at a site (waiting, called, on hold), oldest first. */
export const listActiveVisits = (options: { db: Db; siteId: string }) => repo.listActive(options.db, options.siteId);
