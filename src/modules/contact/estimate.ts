/**
 * Estimated wait for a caller entering a line's queue, and the two published methods it is
 * compared with. Pure functions: the service reads the line's state and hands it in.
 */

/** What the estimate is computed from, at the moment the caller enters the queue. */
export interface QueueSnapshot {
  /** Calls and due callbacks ahead of this caller. */
  ahead: number;
  /** Of those, callers holding (who may hang up before their turn); the rest are callbacks. */
  holdingAhead?: number;
  /** Agents on the line who are available now. */
  free: number;
  /** Seconds each busy agent (on a call, or in wrap-up) has spent on it so far. */
  busyElapsed: number[];
  /** Mean handle time of the line's recent calls, in seconds. */
  handleSeconds: number;
  /** Share of the line's recent holding callers who hung up before an agent answered. */
  abandonRate?: number;
}

/**
 * Ours. A free agent answers at once. Otherwise the caller waits for as many agents to free up
 * as there are callers ahead who will still be there (holding callers ahead hang up at the
 * line's recent abandonment rate; callbacks do not), plus one; with every staffed agent busy,
 * calls end at a rate of agents / handle time, so each of those takes handle time / agents.
 * Genesys' formula differs in three ways that matter: it ignores free agents, the caller's own
 * turn (+1) and the callers ahead who give up.
 */
export function estimateWaitSeconds(snapshot: QueueSnapshot): number {
  const aht = Math.max(1, snapshot.handleSeconds);
  const agents = snapshot.free + snapshot.busyElapsed.length;
  const holding = Math.min(snapshot.ahead, snapshot.holdingAhead ?? snapshot.ahead);
  const stillAhead = snapshot.ahead - holding * (snapshot.abandonRate ?? 0);
  // Nobody staffed: someone will sign in; a handle time per caller is the honest order of size.
  if (agents === 0) return Math.round(aht * (stillAhead + 1));
  const turns = Math.max(0, stillAhead + 1 - snapshot.free);
  return Math.round((turns * aht) / agents);
}

/** Genesys Engage's "AHT × calls ahead / agents". */
export function genesysEstimateSeconds(snapshot: QueueSnapshot): number {
  const agents = Math.max(1, snapshot.free + snapshot.busyElapsed.length);
  return Math.round((snapshot.handleSeconds * snapshot.ahead) / agents);
}

/** Asterisk's running average of hold times, `(3·old + new)/4`, folded over answered waits in order. */
export function asteriskHoldtime(waits: number[]): number {
  let holdtime = 0;
  for (const wait of waits) holdtime = holdtime === 0 ? wait : (3 * holdtime + wait) / 4;
  return Math.round(holdtime);
}

/** The announcement, rounded and honest: a band the wait falls in, never a false precision. */
export function waitBand(seconds: number): { key: string; values: Record<string, number> } {
  const minutes = seconds / 60;
  if (minutes < 5) return { key: 'contact.wait.under', values: { minutes: 5 } };
  const bands = [10, 20, 30, 45, 60];
  const upper = bands.find((b) => minutes < b);
  if (upper === undefined) return { key: 'contact.wait.over', values: { minutes: 60 } };
  const lower = [5, ...bands][bands.indexOf(upper)]!;
  return { key: 'contact.wait.between', values: { min: lower, max: upper } };
}

/** Mean absolute error of estimates against actual waits (seconds); null when there is none. */
export function meanAbsoluteError(pairs: { estimate: number; actual: number }[]): number | null {
  if (pairs.length === 0) return null;
  return Math.round(pairs.reduce((sum, p) => sum + Math.abs(p.estimate - p.actual), 0) / pairs.length);
}
