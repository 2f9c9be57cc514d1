/**
 * The callback option: offered on arrival when the expected wait is long; the caller keeps their
 * place in the queue and is called back when it comes up; an attempt that does not reach them
 * costs the agent `attemptSeconds` and is retried later, up to `maxAttempts`.
 */
import { FLAG, STATE } from './customers.js';
import type { Simulation } from './engine.js';
import { RETRY } from './events.js';
import { meanOf } from './random.js';

/** Callback offered when the expected wait is long; the caller keeps their place in the queue. */
export function offerCallback(sim: Simulation, k: number, slot: number): boolean {
  const option = sim.model.classes[k]!.callback;
  if (!option) return false;
  let staff = 0;
  for (const g of sim.groupsFor[k]!) staff += sim.onDuty[g]!;
  const expectedWait = (sim.waiting[k]! * meanOf(sim.model.classes[k]!.handle)) / Math.max(1, staff);
  if (expectedWait <= option.offerAfterSeconds || sim.random.uniform() >= option.acceptShare) return false;
  sim.customers.flags[slot]! |= FLAG.callback;
  sim.customers.requestedAt[slot] = sim.now;
  sim.counters[k]!.callbacksRequested++;
  return true;
}

export function attemptCallback(sim: Simulation, slot: number, k: number): number {
  const cs = sim.customers;
  const option = sim.model.classes[k]!.callback!;
  cs.attempts[slot]!++;
  if (sim.random.uniform() < option.reachShare) {
    cs.flags[slot]! &= ~FLAG.failedAttempt;
    const counters = sim.counters[k]!;
    counters.callbacksCompleted++;
    counters.callbackDelays.add(sim.now - cs.requestedAt[slot]!);
    const h = sim.handles[k]!;
    return sim.random.sample(h.kind, h.a, h.b);
  }
  cs.flags[slot]! |= FLAG.failedAttempt;
  return option.attemptSeconds;
}

export function afterFailedAttempt(sim: Simulation, slot: number, k: number): void {
  const option = sim.model.classes[k]!.callback!;
  if (sim.customers.attempts[slot]! >= option.maxAttempts) {
    sim.counters[k]!.callbacksFailed++;
    sim.customers.release(slot);
    return;
  }
  sim.customers.state[slot] = STATE.retryPending;
  sim.heap.push(slot * 4 + RETRY, sim.now + option.retryAfterSeconds);
}

