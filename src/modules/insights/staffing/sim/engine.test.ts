import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erlangA, erlangC, erlangCProbability } from '../erlang.js';
import { exampleScenario } from '../what-if.js';
import { simulate } from './engine.js';
import { mmcModel } from './mmc.js';
import { scenarioProblems, toCoreModel } from './scenario.js';
import type { ContactCentreScenario, ServiceCentreScenario } from './scenario.schema.js';

const MILLION = 1_000_000;

test('M/M/10 at 70 % load agrees with Erlang C within 0.005 on 10⁶ customers', () => {
  const r = simulate(mmcModel({ servers: 10, arrivalRate: 7, serviceRate: 1, customers: MILLION, seed: 1, serviceLevelSeconds: 0.1 }));
  const analytic = erlangC({ arrivalsPerHour: 7 * 3600, ahtSeconds: 1, agents: 10, targetSeconds: 0.1 });
  assert.equal(r.customers, MILLION);
  assert.ok(Math.abs(r.totals.probabilityOfWaiting - analytic.probabilityOfWaiting) <= 0.005, `${r.totals.probabilityOfWaiting} vs ${analytic.probabilityOfWaiting}`);
  assert.ok(Math.abs(r.totals.wait.mean / analytic.averageSpeedOfAnswerSeconds - 1) < 0.05, 'mean wait ≈ average speed of answer');
  assert.ok(Math.abs(r.totals.serviceLevel - analytic.serviceLevel) <= 0.005, 'share answered within 0.1');
  assert.ok(Math.abs(r.groups[0]!.utilisation - 0.7) < 0.005);
});

test('the CLI’s M/M/50 at 90 % load agrees with Erlang C (10⁶ customers per run)', () => {
  // At 90 % load successive waits are strongly correlated: over 12 seeds the run-to-run standard
  // deviation of P(wait) at 10⁶ customers is about 0.0055, so each run is held to three of them
  // and the mean of four independent runs to the 0.005.
  const analytic = erlangCProbability(45, 50);
  const deviations = [1, 2, 3, 4].map((seed) => simulate(mmcModel({ servers: 50, arrivalRate: 45, serviceRate: 1, customers: MILLION, seed })).totals.probabilityOfWaiting - analytic);
  for (const d of deviations) assert.ok(Math.abs(d) <= 0.016, `deviation ${d}`);
  const mean = deviations.reduce((s, d) => s + d, 0) / deviations.length;
  assert.ok(Math.abs(mean) <= 0.005, `mean deviation ${mean}`);
});

test('with exponential patience it agrees with Erlang A', () => {
  const r = simulate(mmcModel({ servers: 50, arrivalRate: 48, serviceRate: 1, customers: MILLION, seed: 2, meanPatience: 2 }));
  const a = erlangA({ arrivalsPerHour: 48 * 3600, ahtSeconds: 1, agents: 50, patienceSeconds: 2, targetSeconds: 0 });
  assert.ok(Math.abs(r.totals.probabilityOfWaiting - a.probabilityOfWaiting) <= 0.005, `P(wait) ${r.totals.probabilityOfWaiting} vs ${a.probabilityOfWaiting}`);
  assert.ok(Math.abs(r.totals.abandonmentRate - a.probabilityOfAbandoning) <= 0.005, `P(abandon) ${r.totals.abandonmentRate} vs ${a.probabilityOfAbandoning}`);
  const overloaded = simulate(mmcModel({ servers: 20, arrivalRate: 30, serviceRate: 1, customers: 300_000, seed: 3, meanPatience: 0.5 }));
  const b = erlangA({ arrivalsPerHour: 30 * 3600, ahtSeconds: 1, agents: 20, patienceSeconds: 0.5, targetSeconds: 0 });
  assert.ok(Math.abs(overloaded.totals.abandonmentRate - b.probabilityOfAbandoning) <= 0.005, 'overloaded: abandonment keeps it finite');
});

test('the same seed gives the same results; another seed, others', () => {
  const model = () => toCoreModel(exampleScenario('contact-centre'));
  assert.deepEqual(simulate(model()), simulate(model()));
  const other = model();
  other.seed = 2;
  assert.notDeepEqual(simulate(other).totals, simulate(model()).totals);
});

test('the callback option: same callers, callbacks made, retried and counted, nobody left', () => {
  const off = exampleScenario('contact-centre') as ContactCentreScenario;
  const on = structuredClone(off);
  for (const line of on.lines) line.callback = { offerAfterSeconds: 60, acceptShare: 0.7, reachShare: 0.5, attemptSeconds: 45, retryAfterSeconds: 300, maxAttempts: 2 };
  const a = simulate(toCoreModel(off));
  const b = simulate(toCoreModel(on));
  assert.equal(a.totals.offered, b.totals.offered);
  assert.equal(a.totals.callbacksRequested, 0);
  const t = b.totals;
  assert.ok(t.callbacksRequested > 100);
  assert.equal(t.callbacksCompleted + t.callbacksFailed + t.unserved, t.callbacksRequested);
  assert.ok(t.callbacksFailed > 0, 'with half the attempts failing and two attempts, some are never reached');
  assert.ok(t.callbackDelay.mean > 0 && t.callbackDelay.p90 >= t.callbackDelay.p50);
  assert.ok(b.classes.every((c) => c.abandoned + c.answered + c.callbacksRequested + c.unserved === c.offered));
});

test('skills and schedules: specialists help generalists, and a closed queue leaves callers unserved', () => {
  const s = exampleScenario('contact-centre') as ContactCentreScenario;
  s.teams[0]!.agentsPerPeriod = [0];
  const r = simulate(toCoreModel(s));
  assert.ok(r.classes[0]!.answered > 0, 'the passport team also takes general calls');
  const closing = structuredClone(exampleScenario('contact-centre')) as ContactCentreScenario;
  for (const line of closing.lines) line.patience = null;
  for (const team of closing.teams) team.agentsPerPeriod = [...team.agentsPerPeriod.slice(0, 15), 0];
  const closed = simulate(toCoreModel(closing));
  assert.ok(closed.totals.unserved > 0, 'nobody on duty in the last half hour: the run still ends');
});

test('service centre: triage routes to services, the virtual queue empties the lobby', () => {
  const base = exampleScenario('service-centre') as ServiceCentreScenario;
  const r = simulate(toCoreModel(base));
  const [triage, passport, sin, benefits] = r.classes;
  assert.equal(triage!.name, 'triage');
  assert.ok(passport!.offered > sin!.offered && benefits!.offered > sin!.offered, 'shares 45 % (plus appointments), 30 %, 25 %');
  assert.ok(sin!.offered + benefits!.offered + passport!.offered > triage!.answered, 'every triaged client goes on to a service');
  const walkInOnly = structuredClone(base);
  walkInOnly.virtualQueueShare = 0;
  const allVirtual = structuredClone(base);
  allVirtual.virtualQueueShare = 1;
  const lobby = (s: ServiceCentreScenario) => simulate(toCoreModel(s)).totals.meanLobbySeconds;
  assert.ok(lobby(allVirtual) < lobby(walkInOnly));
});

test('scenario problems are listed by path', () => {
  assert.deepEqual(scenarioProblems({ kind: 'x' }), ['/kind: must be "contact-centre" or "service-centre"']);
  const s = exampleScenario('service-centre') as ServiceCentreScenario;
  s.services[0]!.share = 0.9;
  assert.deepEqual(scenarioProblems(s), ['/services: the shares add up to more than 1']);
  const big = exampleScenario('contact-centre') as ContactCentreScenario;
  big.lines[0]!.callsPerPeriod = [100_000];
  big.periods = 672;
  assert.match(scenarioProblems(big)[0]!, /more than 2000000/);
  const negative = exampleScenario('contact-centre') as ContactCentreScenario;
  negative.lines[0]!.callsPerPeriod = [-1];
  assert.match(scenarioProblems(negative)[0]!, /^\/lines\/0\/callsPerPeriod\/0: /);
});
