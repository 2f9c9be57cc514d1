/**
 * The callback keeps the caller's place (issue 5, property test). For any stream of arrivals,
 * choices, hang-ups and identical agents on one line, the stream is replayed twice on the real
 * engine with a virtual clock: once as chosen, once with every callback chooser holding instead.
 * Every callback must be dialled at the very moment the same caller was answered by holding,
 * and in both replays no caller is served before one who came earlier.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { systemActor } from '../../src/platform/audit.repo.js';
import { fixedClock } from '../../src/platform/clock.js';
import { arriveCall, chooseOption, completeCall, createLine, hangUp, recordCallbackResult, setAgentState, takeNext } from '../../src/modules/contact/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const RUNS = Number(process.env.CONTACT_PROPERTY_RUNS ?? 30);
const actor = systemActor('property');
let database: TestDatabase;
before(async () => void (database = await createTestDatabase()));
after(() => database.close());

interface Arrival {
  gap: number;
  choice: 'wait' | 'callback' | 'self_service';
  /** A holding caller hangs up after this many seconds if still waiting. */
  patience: number | null;
  handle: number;
}
interface Scenario {
  agents: number;
  arrivals: Arrival[];
}

const scenario = fc.record({
  agents: fc.integer({ min: 1, max: 3 }),
  arrivals: fc.array(
    fc.record({
      gap: fc.integer({ min: 1, max: 90 }),
      choice: fc.constantFrom('wait', 'wait', 'callback', 'self_service') as fc.Arbitrary<Arrival['choice']>,
      patience: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
      handle: fc.integer({ min: 30, max: 300 }),
    }),
    { minLength: 1, maxLength: 14 },
  ),
});

let runNumber = 0;

/** Plays the stream; returns, per caller, when an agent took them (and how), in order of taking. */
async function replay(s: Scenario, holdInstead: boolean) {
  const db = database.db;
  const start = new Date('2026-11-23T15:00:00Z').getTime();
  const clock = fixedClock(new Date(start));
  const code = `prop_${++runNumber}`;
  const line = await createLine({ db, actor, line: { code, nameEn: code, nameFr: code } });
  const agents: { id: string; busyUntil: number | null; callId: string | null }[] = [];
  for (let i = 0; i < s.agents; i++) {
    // Identical simulated agents (no staff account: who they are does not matter to the queue).
    const agent = await db.insertInto('contact_agents').values({ name: `A${i}`, languages: ['en'], state_since: clock.now() }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('contact_agent_lines').values({ agent_id: agent.id, line_id: line.id }).execute();
    await setAgentState({ db, clock, actor, agentId: agent.id, state: 'available' });
    agents.push({ id: agent.id, busyUntil: null, callId: null });
  }
  const arrivalAt: number[] = [];
  s.arrivals.reduce((t, a) => (arrivalAt.push(t + a.gap), t + a.gap), 0);
  const callIds: (string | null)[] = s.arrivals.map(() => null);
  const taken: { caller: number; at: number; kind: string; queueTime: number }[] = [];
  const choiceOf = (a: Arrival) => (holdInstead && a.choice === 'callback' ? 'wait' : a.choice);
  const hangupAt = (i: number) => (s.arrivals[i]!.choice === 'wait' && s.arrivals[i]!.patience !== null ? arrivalAt[i]! + s.arrivals[i]!.patience! : null);
  let now = 0;
  for (;;) {
    const candidates = [...arrivalAt.filter((t) => t > now), ...s.arrivals.map((_, i) => hangupAt(i)).filter((t): t is number => t !== null && t > now), ...agents.map((a) => a.busyUntil).filter((t): t is number => t !== null && t > now)];
    if (now > 0 && candidates.length === 0) break;
    now = now === 0 && arrivalAt[0] === undefined ? 0 : Math.min(...candidates);
    clock.set(new Date(start + now * 1000));
    for (const agent of agents.filter((a) => a.busyUntil === now)) {
      await completeCall({ db, clock, actor, callId: agent.callId!, outcome: 'information_given', resolved: true });
      await setAgentState({ db, clock, actor, agentId: agent.id, state: 'available' });
      Object.assign(agent, { busyUntil: null, callId: null });
    }
    for (let i = 0; i < s.arrivals.length; i++) {
      if (arrivalAt[i] !== now) continue;
      const { call } = await arriveCall({ db, clock, actor, lineRef: line.id, from: '6135550100' });
      await chooseOption({ db, clock, actor, callId: call.id, choice: choiceOf(s.arrivals[i]!), callbackNumber: '6135550100' });
      callIds[i] = call.id;
    }
    for (let i = 0; i < s.arrivals.length; i++) {
      if (hangupAt(i) !== now || taken.some((x) => x.caller === i)) continue;
      await hangUp({ db, clock, actor, callId: callIds[i]! });
    }
    for (const agent of agents.filter((a) => a.busyUntil === null)) {
      const call = await takeNext({ db, clock, actor, agentId: agent.id });
      if (!call) continue;
      const caller = callIds.indexOf(call.id);
      taken.push({ caller, at: now, kind: call.kind, queueTime: call.queue_time!.getTime() });
      if (call.kind === 'callback') await recordCallbackResult({ db, clock, actor, callId: call.id, answered: true });
      Object.assign(agent, { busyUntil: now + s.arrivals[caller]!.handle, callId: call.id });
    }
  }
  return taken;
}

test(`every callback is dialled when the caller would have been answered by holding (${RUNS} runs)`, { timeout: 600_000 }, async () => {
  let callbacksChecked = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const asChosen = await replay(s, false);
      const holding = await replay(s, true);
      for (const served of [asChosen, holding]) {
        for (let k = 1; k < served.length; k++) assert.ok(served[k]!.queueTime >= served[k - 1]!.queueTime, 'a later caller was served before an earlier one');
      }
      for (const cb of asChosen.filter((x) => x.kind === 'callback')) {
        const held = holding.find((x) => x.caller === cb.caller);
        assert.ok(held, `caller ${cb.caller} was never answered when holding`);
        assert.equal(cb.at, held.at, `caller ${cb.caller}: dialled at ${cb.at}s, would have been answered at ${held.at}s`);
        callbacksChecked++;
      }
      // Everyone else is served at the same moment too: a callback delays and advances no one.
      assert.deepEqual(asChosen.map((x) => [x.caller, x.at]), holding.map((x) => [x.caller, x.at]));
    }),
    { numRuns: RUNS },
  );
  assert.ok(callbacksChecked > 0, 'the generator produced callbacks');
  console.log(`# contact property: ${RUNS} runs, ${callbacksChecked} callbacks checked against their holding twin`);
});
