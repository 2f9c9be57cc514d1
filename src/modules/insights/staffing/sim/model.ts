/**
 * The simulator's core model: every scenario (contact centre, service centre, M/M/c) is turned
 * into this before it runs. Times are in seconds (any unit works for M/M/c: it is never shown).
 */

/** A handle, patience or punctuality time. `cv` is the coefficient of variation (sd / mean). */
export type Distribution =
  | { kind: 'exponential'; mean: number }
  | { kind: 'lognormal'; mean: number; cv: number }
  | { kind: 'erlang'; mean: number; phases: number }
  | { kind: 'fixed'; mean: number }
  | { kind: 'uniform'; min: number; max: number };

export interface CallbackOption {
  /** Offered when the expected wait on arrival exceeds this. */
  offerAfterSeconds: number;
  /** Share of callers offered a callback who take it. */
  acceptShare: number;
  /** Share of callback attempts that reach the caller. */
  reachShare: number;
  /** Agent time spent on an attempt that does not reach the caller. */
  attemptSeconds: number;
  retryAfterSeconds: number;
  maxAttempts: number;
}

export interface Appointments {
  /** Booked arrivals per period; they go before walk-ins in their queue. */
  slotsPerPeriod: number[];
  noShowShare: number;
  /** Arrival time = slot time + uniform(−punctuality, +punctuality). */
  punctualitySeconds: number;
}

export interface CoreClass {
  name: string;
  /** Expected arrivals per period (Poisson); the last value holds past the end of the list. */
  arrivalsPerPeriod: number[];
  handle: Distribution;
  /** Abandonment: null when callers wait for ever. */
  patience: Distribution | null;
  callback: CallbackOption | null;
  appointments: Appointments | null;
  /** After service here, continue to another class with these shares (triage); the rest leave. */
  next: { classIndex: number; share: number }[];
  /** Share of arrivals who join remotely (virtual queue) and come in `lobbyLeadSeconds` before their turn. */
  virtualShare: number;
  lobbyLeadSeconds: number;
  /** Arrivals that come from another class's `next` only (no outside arrivals of their own). */
  internal: boolean;
}

export interface CoreGroup {
  name: string;
  /** Class indices this group serves, in its order of preference. */
  skills: number[];
  /** Agents on duty in each period; the last value holds past the end of the list. */
  staffing: number[];
}

export interface CoreModel {
  periodSeconds: number;
  /** Arrivals stop after this many periods (ignored when `maxCustomers` is set). */
  periods: number;
  /** Stop arrivals after this many outside arrivals (stationary runs such as M/M/c). */
  maxCustomers: number | null;
  serviceLevelSeconds: number;
  seed: number;
  classes: CoreClass[];
  groups: CoreGroup[];
}

export interface WaitSummary {
  mean: number;
  p50: number;
  p90: number;
  p95: number;
}

export interface ClassResult {
  name: string;
  offered: number;
  answered: number;
  abandoned: number;
  /** Still waiting when nobody was left on duty to serve them. */
  unserved: number;
  answerRate: number;
  serviceLevel: number;
  probabilityOfWaiting: number;
  abandonmentRate: number;
  /** Waits of answered callers in the queue (callbacks excluded). */
  wait: WaitSummary;
  callbacksRequested: number;
  callbacksCompleted: number;
  callbacksFailed: number;
  /** From the request to the start of the successful call back. */
  callbackDelay: WaitSummary;
  /** Mean time spent in the lobby (service centre; virtual-queue clients wait elsewhere). */
  meanLobbySeconds: number;
}

export interface SimulationResult {
  customers: number;
  events: number;
  simulatedSeconds: number;
  totals: ClassResult;
  classes: ClassResult[];
  groups: { name: string; utilisation: number }[];
}
