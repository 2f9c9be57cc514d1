/**
 * Which waiting customer a free agent takes: priority arrivals (appointments) first, then the
 * longest-waiting head among the classes the agent is skilled for. Customers who abandoned are
 * removed lazily here, when they reach the front, and their slot is freed then.
 */
import { STATE } from './customers.js';
import type { Deque } from './deque.js';
import type { Simulation } from './engine.js';

function liveHead(sim: Simulation, queue: Deque): number {
  const cs = sim.customers;
  while (queue.size > 0) {
    const slot = queue.peek();
    if (cs.state[slot] === STATE.waiting) return slot;
    queue.shift();
    if (cs.state[slot] === STATE.abandoned) cs.release(slot);
  }
  return -1;
}

function oldestHead(sim: Simulation, queues: Deque[], skills: number[]): number {
  let best = -1;
  let bestClass = -1;
  let bestAt = Number.POSITIVE_INFINITY;
  for (let i = 0; i < skills.length; i++) {
    const k = skills[i]!;
    const slot = liveHead(sim, queues[k]!);
    if (slot >= 0 && sim.customers.queuedAt[slot]! < bestAt) {
      best = slot;
      bestClass = k;
      bestAt = sim.customers.queuedAt[slot]!;
    }
  }
  if (best >= 0) queues[bestClass]!.shift();
  return best;
}

/** The slot group g serves next (removed from its queue), or −1 when none waits. */
export function takeFor(sim: Simulation, g: number): number {
  const skills = sim.model.groups[g]!.skills;
  const first = oldestHead(sim, sim.priority, skills);
  return first >= 0 ? first : oldestHead(sim, sim.normal, skills);
}
