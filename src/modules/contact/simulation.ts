/**
 * A simulated day on one line, run through the real services with a virtual clock: callers
 * arrive (a morning peak), choose to wait (some hang up when out of patience) or a callback,
 * identical agents take next as they free up, calls last a lognormal handle time. Every
 * arrival records the three estimates; the result is how wrong each was. Used by the benchmark.
 * Its agents are simulated, not people: they have no staff account.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { systemActor } from '../../platform/audit.repo.js';
import { fixedClock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { completeCall, recordCallbackResult } from './agent-work.service.js';
import { arriveCall, chooseOption, hangUp, takeNext } from './calls.service.js';
import { setAgentState } from './agents.service.js';
import * as repo from './contact.repo.js';
import { createLine } from './lines.service.js';
import { getEstimateAccuracy } from './metrics.service.js';

export interface DayOptions {
  db: Db;
  seed: number;
  agents: number;
  hours: number;
  /** Mean arrivals per hour; the first two hours run 40 % above it, the last two 30 % below. */
  callsPerHour: number;
  handleSeconds: number;
  patienceSeconds: number;
  callbackShare: number;
}

type Event = { at: number; kind: 'arrive' } | { at: number; kind: 'free'; agent: number } | { at: number; kind: 'patience'; callId: string };

/** Events in time order (a sorted insert: a day has a few thousand events). */
function push(queue: Event[], event: Event) {
  let i = queue.length;
  while (i > 0 && queue[i - 1]!.at > event.at) i--;
  queue.splice(i, 0, event);
}

export async function simulateDay(options: DayOptions) {
  const rng = xoroshiro128plus(options.seed);
  const exp = (mean: number) => -Math.log(1 - uniformFloat64(rng)) * mean;
  // Handle times are lognormal with a coefficient of variation of 0.75 (Box–Muller for the normal).
  const sigma = Math.sqrt(Math.log(1 + 0.75 ** 2));
  const handle = () => options.handleSeconds * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - uniformFloat64(rng))) * Math.cos(2 * Math.PI * uniformFloat64(rng)) - sigma ** 2 / 2);
  const start = Date.parse('2026-11-24T13:30:00Z');
  const clock = fixedClock(new Date(start));
  const actor = systemActor('simulation');
  const base = { db: options.db, clock, actor };
  const code = `sim_${options.seed}_${Math.floor(uniformFloat64(rng) * 1e9)}`;
  const line = await createLine({ db: options.db, actor, line: { code, nameEn: code, nameFr: code } });
  const agents: { id: string; callId: string | null }[] = [];
  for (let i = 0; i < options.agents; i++) {
    const agent = await repo.insertSimulatedAgent(options.db, { name: `S${i}`, lineId: line.id, languages: ['en'], now: clock.now() });
    await setAgentState({ ...base, agentId: agent.id, state: 'available' });
    agents.push({ id: agent.id, callId: null });
  }
  const end = options.hours * 3600;
  const rate = (t: number) => (options.callsPerHour / 3600) * (t < 7200 ? 1.4 : t > end - 7200 ? 0.7 : 1);
  const queue: Event[] = [{ at: exp(1 / rate(0)), kind: 'arrive' }];
  const give = async (i: number, now: number) => {
    const call = await takeNext({ ...base, agentId: agents[i]!.id });
    if (!call) return;
    if (call.kind === 'callback') await recordCallbackResult({ ...base, callId: call.id, answered: true });
    agents[i]!.callId = call.id;
    push(queue, { at: now + handle(), kind: 'free', agent: i });
  };
  while (queue.length > 0) {
    const event = queue.shift()!;
    clock.set(new Date(start + event.at * 1000));
    if (event.kind === 'arrive') {
      const { call } = await arriveCall({ ...base, lineRef: line.id, from: '6135550100' });
      const callback = uniformFloat64(rng) < options.callbackShare;
      await chooseOption({ ...base, callId: call.id, choice: callback ? 'callback' : 'wait', callbackNumber: '6135550100' });
      if (!callback) push(queue, { at: event.at + exp(options.patienceSeconds), kind: 'patience', callId: call.id });
      const next = event.at + exp(1 / rate(event.at));
      if (next < end) push(queue, { at: next, kind: 'arrive' });
    } else if (event.kind === 'patience') {
      // Out of patience, unless an agent already answered.
      const call = await options.db.selectFrom('contact_calls').select('state').where('id', '=', event.callId).executeTakeFirstOrThrow();
      if (call.state === 'waiting') await hangUp({ ...base, callId: event.callId });
    } else {
      const agent = agents[event.agent]!;
      await completeCall({ ...base, callId: agent.callId!, outcome: 'information_given', resolved: true });
      await setAgentState({ ...base, agentId: agent.id, state: 'available' });
      agent.callId = null;
    }
    for (let i = 0; i < agents.length; i++) if (agents[i]!.callId === null) await give(i, event.at);
  }
  return getEstimateAccuracy({ db: options.db, actor, since: new Date(start - 1), lineId: line.id });
}
