/**
 * Erlang B, C and A: the queueing formulas a workforce planner staffs with.
 *
 * Stability from 1 to 100,000 agents comes from never forming A^n / n!: Erlang B uses its
 * recursion in the inverse, 1/B(k) = 1 + (k/A)/B(k−1), a sum of positive terms; Erlang C is derived
 * from B; Erlang A (M/M/n+M) sums its birth–death chain as ratios to the state "all n busy",
 * rescaling when the terms grow. Every loop is bounded (`LIMITS`): bad or absurd inputs are an
 * AppError with status 400, never NaN or a hang.
 */
import { AppError } from '../../../platform/errors.js';
import { erlangAMeasures } from './erlang-a.js';

export const LIMITS = {
  maxAgents: 1_000_000,
  /** Offered load, in erlangs. */
  maxTraffic: 900_000,
  maxArrivalsPerHour: 1e9,
  /** A week: longer handle, patience or target times are input mistakes. */
  maxSeconds: 604_800,
} as const;

export interface ErlangCInput {
  arrivalsPerHour: number;
  ahtSeconds: number;
  agents: number;
  targetSeconds: number;
}
export interface ErlangCResult {
  probabilityOfWaiting: number;
  serviceLevel: number;
  averageSpeedOfAnswerSeconds: number;
  occupancy: number;
}
export interface ErlangAInput {
  arrivalsPerHour: number;
  ahtSeconds: number;
  agents: number;
  /** Mean patience of a waiting caller (exponential). */
  patienceSeconds: number;
  targetSeconds: number;
}
export interface ErlangAResult {
  probabilityOfWaiting: number;
  probabilityOfAbandoning: number;
  /** Share of all arrivals answered within the target (abandoners count as missed). */
  serviceLevel: number;
  /** Mean wait over all arrivals, abandoners included (Little: E[queue] / λ). */
  averageWaitSeconds: number;
  /** Share of agents' time busy: answered load / agents. */
  occupancy: number;
}
export interface AgentsNeededInput {
  arrivalsPerHour: number;
  ahtSeconds: number;
  /** Share answered within `targetSeconds`, 0–1. */
  targetServiceLevel: number;
  targetSeconds: number;
  /** Share of paid time off the phones (breaks, training), 0–1; default 0. */
  shrinkage?: number;
  /** Highest acceptable occupancy, 0–1; default 1. */
  maxOccupancy?: number;
  /** Optional average-speed-of-answer target, in seconds, met as well as the service level. */
  targetAsaSeconds?: number;
}
export interface AgentsNeededResult {
  /** Agents to schedule (shrinkage included). */
  agents: number;
  serviceLevel: number;
  occupancy: number;
}

/** A 400 naming the offending field; the code is an i18n key (field messages take no values). */
export function invalidInput(field: string, code = 'insights.staffing.error.invalid'): AppError {
  return new AppError(code, 400, { field }, { [field]: code === 'insights.staffing.error.invalid' ? 'insights.staffing.error.field' : code });
}

function check(field: string, value: number, min: number, max: number, minExclusive = false): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;
  if (!ok) throw invalidInput(field);
}
function checkAgents(field: string, value: number, min = 1): void {
  check(field, value, min, LIMITS.maxAgents);
  if (!Number.isInteger(value)) throw invalidInput(field);
}
/** Offered load in erlangs from a per-hour arrival rate and a handle time in seconds. */
export function offeredLoad(arrivalsPerHour: number, ahtSeconds: number): number {
  check('arrivalsPerHour', arrivalsPerHour, 0, LIMITS.maxArrivalsPerHour);
  check('ahtSeconds', ahtSeconds, 0, LIMITS.maxSeconds, true);
  const load = (arrivalsPerHour * ahtSeconds) / 3600;
  if (load > LIMITS.maxTraffic) throw invalidInput('arrivalsPerHour', 'insights.staffing.error.too_large');
  return load;
}

/** Erlang B blocking probability for `traffic` erlangs offered to `servers` servers (no queue). */
export function erlangB(traffic: number, servers: number): number {
  check('trafficErlangs', traffic, 0, LIMITS.maxTraffic);
  checkAgents('servers', servers, 0);
  // 1/B(k) = 1 + (k/A)·1/B(k−1): positive terms only (no cancellation), one multiply-add per
  // step; it may overflow to Infinity when k ≫ A, which is B = 0 to double precision.
  const perLoad = 1 / traffic;
  let inverse = 1;
  for (let k = 1; k <= servers; k++) inverse = 1 + k * perLoad * inverse;
  return 1 / inverse;
}

/** Erlang C probability of waiting, from B; requires traffic < servers. */
export function erlangCProbability(traffic: number, servers: number): number {
  const b = erlangB(traffic, servers);
  if (traffic >= servers) throw invalidInput('agents', 'insights.staffing.error.unstable');
  return waitFromBlocking(b, traffic, servers);
}
function waitFromBlocking(b: number, traffic: number, servers: number): number {
  return (servers * b) / (servers - traffic * (1 - b));
}

function cMeasures(probabilityOfWaiting: number, traffic: number, agents: number, ahtSeconds: number, targetSeconds: number): ErlangCResult {
  const spare = agents - traffic;
  return {
    probabilityOfWaiting,
    serviceLevel: 1 - probabilityOfWaiting * Math.exp((-spare * targetSeconds) / ahtSeconds),
    averageSpeedOfAnswerSeconds: (probabilityOfWaiting * ahtSeconds) / spare,
    occupancy: traffic / agents,
  };
}

export function erlangC(input: ErlangCInput): ErlangCResult {
  const traffic = offeredLoad(input.arrivalsPerHour, input.ahtSeconds);
  checkAgents('agents', input.agents);
  check('targetSeconds', input.targetSeconds, 0, LIMITS.maxSeconds);
  const pWait = erlangCProbability(traffic, input.agents);
  return cMeasures(pWait, traffic, input.agents, input.ahtSeconds, input.targetSeconds);
}

export function erlangA(input: ErlangAInput): ErlangAResult {
  const traffic = offeredLoad(input.arrivalsPerHour, input.ahtSeconds);
  checkAgents('agents', input.agents);
  check('patienceSeconds', input.patienceSeconds, 0, LIMITS.maxSeconds, true);
  check('targetSeconds', input.targetSeconds, 0, LIMITS.maxSeconds);
  const m = erlangAMeasures({
    traffic,
    agents: input.agents,
    blocking: erlangB(traffic, input.agents),
    patienceRatio: input.ahtSeconds / input.patienceSeconds,
    targetInHandleTimes: input.targetSeconds / input.ahtSeconds,
  });
  if (m === null) throw invalidInput('patienceSeconds', 'insights.staffing.error.too_large');
  return {
    probabilityOfWaiting: m.probabilityOfWaiting,
    probabilityOfAbandoning: m.probabilityOfAbandoning,
    serviceLevel: m.serviceLevel,
    averageWaitSeconds: traffic > 0 ? (m.meanQueue * input.ahtSeconds) / traffic : 0,
    occupancy: Math.min(1, (traffic * (1 - m.probabilityOfAbandoning)) / input.agents),
  };
}

/**
 * Fewest agents meeting the service-level target (and the ASA target and occupancy ceiling when
 * given), scaled up for shrinkage. One upward pass of the Erlang B recursion: O(agents).
 */
export function agentsNeeded(input: AgentsNeededInput): AgentsNeededResult {
  const traffic = offeredLoad(input.arrivalsPerHour, input.ahtSeconds);
  check('targetServiceLevel', input.targetServiceLevel, 0, 1);
  check('targetSeconds', input.targetSeconds, 0, LIMITS.maxSeconds);
  const shrinkage = input.shrinkage ?? 0;
  const maxOccupancy = input.maxOccupancy ?? 1;
  check('shrinkage', shrinkage, 0, 0.95);
  check('maxOccupancy', maxOccupancy, 0, 1, true);
  if (input.targetAsaSeconds !== undefined) check('targetAsaSeconds', input.targetAsaSeconds, 0, LIMITS.maxSeconds, true);
  if (traffic === 0) return { agents: 0, serviceLevel: 1, occupancy: 0 };
  // The inverse recursion 1/B(k) = 1 + (k/A)/B(k−1) needs no division per step; it only grows
  // large once k ≫ A, where the first candidate already meets any target.
  const perLoad = 1 / traffic;
  let inverseB = 1;
  for (let k = 1; k <= LIMITS.maxAgents; k++) {
    inverseB = 1 + k * perLoad * inverseB;
    if (k <= traffic || traffic / k > maxOccupancy) continue;
    const m = cMeasures(waitFromBlocking(1 / inverseB, traffic, k), traffic, k, input.ahtSeconds, input.targetSeconds);
    if (m.serviceLevel < input.targetServiceLevel) continue;
    if (input.targetAsaSeconds !== undefined && m.averageSpeedOfAnswerSeconds > input.targetAsaSeconds) continue;
    // The small epsilon keeps 14 / 0.7 = 20.000000000000004 from becoming 21.
    return { agents: Math.ceil(k / (1 - shrinkage) - 1e-9), serviceLevel: m.serviceLevel, occupancy: m.occupancy };
  }
  throw invalidInput('arrivalsPerHour', 'insights.staffing.error.too_large');
}
