/**
 * Erlang B, C and A. PLACEHOLDER SIGNATURES ONLY: the staffing work of issue 7 replaces this file
 * with the real, numerically stable functions. Nothing may ship while this comment is here.
 */

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
}
export interface AgentsNeededResult {
  /** Agents to schedule (shrinkage included). */
  agents: number;
  serviceLevel: number;
  occupancy: number;
}

export function erlangC(_input: ErlangCInput): ErlangCResult {
  throw new Error('erlangC: not implemented yet');
}

export function agentsNeeded(_input: AgentsNeededInput): AgentsNeededResult {
  throw new Error('agentsNeeded: not implemented yet');
}
