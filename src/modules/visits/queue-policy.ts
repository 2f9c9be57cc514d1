/**
 * Who a counter calls next. This file is the written policy; `visits.repo.ts` applies the same
 * order in SQL (a property test checks that the two agree), so the rule lives in one place.
 *
 * Among the waiting clients a counter may serve (their service is one the counter offers, they
 * are in the building, and they were not transferred to another counter):
 *   0. a client transferred to this very counter comes first (they were already served once);
 *   1. anyone who has waited at least `maxPassOverMinutes` since arrival: the cap on how long a
 *      client can be passed over by later arrivals, whatever their rank below;
 *   2. appointments that are due (their time is within `appointmentWindowMinutes` from now),
 *      earliest appointment first;
 *   3. priority handling (mobility, sign language, distress… as set at triage);
 *   4. everyone else.
 * Within a rank: arrival order (appointments: appointment time, then arrival). A transfer keeps
 * the client's original arrival time, so they never lose their place by being sent elsewhere.
 */

export interface QueueEntry {
  id: string;
  arrivedAt: Date;
  appointmentAt: Date | null;
  priority: boolean;
  /** The counter the client was transferred to, if any. */
  counterId: string | null;
}

export interface PolicyOptions {
  now: Date;
  counterId: string;
  maxPassOverMinutes: number;
  appointmentWindowMinutes?: number;
}

export const APPOINTMENT_WINDOW_MINUTES = 10;
const MINUTE = 60_000;

export type QueueRank = 0 | 1 | 2 | 3 | 4;

export function queueRank(entry: QueueEntry, options: PolicyOptions): QueueRank {
  if (entry.counterId !== null && entry.counterId === options.counterId) return 0;
  if (options.now.getTime() - entry.arrivedAt.getTime() >= options.maxPassOverMinutes * MINUTE) return 1;
  const window = (options.appointmentWindowMinutes ?? APPOINTMENT_WINDOW_MINUTES) * MINUTE;
  if (entry.appointmentAt && entry.appointmentAt.getTime() <= options.now.getTime() + window) return 2;
  return entry.priority ? 3 : 4;
}

/** The time that orders clients within a rank. */
function rankTime(entry: QueueEntry, rank: QueueRank): number {
  return rank === 2 && entry.appointmentAt ? entry.appointmentAt.getTime() : entry.arrivedAt.getTime();
}

export function compareForCall(a: QueueEntry, b: QueueEntry, options: PolicyOptions): number {
  const rankA = queueRank(a, options);
  const rankB = queueRank(b, options);
  if (rankA !== rankB) return rankA - rankB;
  return rankTime(a, rankA) - rankTime(b, rankB) || a.arrivedAt.getTime() - b.arrivedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Clients a counter may call, best first. */
export function orderForCall<T extends QueueEntry>(entries: T[], options: PolicyOptions): T[] {
  return entries.filter((e) => e.counterId === null || e.counterId === options.counterId).sort((a, b) => compareForCall(a, b, options));
}

/** Ticket prefixes: one letter per kind of line, so the lobby can tell them apart at a glance. */
export function ticketPrefix(options: { channel: 'walk_in' | 'remote' | 'appointment'; priority: boolean }): string {
  if (options.channel === 'appointment') return 'A';
  if (options.priority) return 'P';
  return options.channel === 'remote' ? 'R' : 'W';
}

export const formatTicket = (prefix: string, number: number) => `${prefix}-${String(number).padStart(3, '0')}`;
