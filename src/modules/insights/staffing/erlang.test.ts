import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../platform/errors.js';
import { agentsNeeded, erlangA, erlangB, erlangC, erlangCProbability } from './erlang.js';

const close = (actual: number, expected: number, relative = 1e-6, label = '') =>
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${label} ${actual} vs ${expected}`);
const rounds = (actual: number, expected: number, digits: number, label = '') =>
  assert.equal(Number(actual.toFixed(digits)), expected, `${label} ${actual}`);

/** Erlang B straight from its definition, summed in logs (an independent computation). */
function erlangBByDefinition(traffic: number, servers: number): number {
  const logTerms: number[] = [0];
  for (let k = 1; k <= servers; k++) logTerms.push(logTerms[k - 1]! + Math.log(traffic) - Math.log(k));
  const top = Math.max(...logTerms);
  const sum = logTerms.reduce((s, l) => s + Math.exp(l - top), 0);
  return Math.exp(logTerms[servers]! - top) / sum;
}

test('Erlang B matches its closed forms and published values', () => {
  for (const a of [0.01, 0.5, 1, 7.3, 250]) close(erlangB(a, 1), a / (1 + a), 1e-12, `B(1, ${a})`);
  // pyworkforce test_erlang_b: B(1, 1) = 0.5, B(2, 1) = 0.2; A = 10 erlangs at 2 % blocking needs 17.
  assert.equal(erlangB(1, 1), 0.5);
  close(erlangB(1, 2), 0.2, 1e-12);
  assert.ok(erlangB(10, 17) <= 0.02 && erlangB(10, 16) > 0.02);
  assert.ok(erlangB(10, 50) < 1e-6);
  close(erlangB(2, 5), 0.036697, 1e-4, 'B(5, 2) from the traffic tables');
  close(erlangB(5, 10), 0.018385, 1e-4, 'B(10, 5) from the traffic tables');
  assert.equal(erlangB(3, 0), 1);
});

test('Erlang B is stable up to 100,000 servers', () => {
  for (const [a, n] of [
    [95_000, 100_000],
    [100_000, 100_000],
    [99_000, 100_000],
    [150, 120],
    [1e-3, 3],
  ] as const) {
    close(erlangB(a, n), erlangBByDefinition(a, n), 1e-6, `B(${n}, ${a})`);
  }
  assert.equal(erlangB(1, 100_000), 0, 'underflows to zero, never NaN');
});

test('Erlang C matches one server, two servers and pyworkforce', () => {
  for (const rho of [0.1, 0.5, 0.93]) close(erlangCProbability(rho, 1), rho, 1e-12, `C(1, ${rho})`);
  for (const a of [0.2, 1, 1.9]) close(erlangCProbability(a, 2), (a * a) / (2 + a), 1e-12, `C(2, ${a})`);
  // pyworkforce test_erlang: 100 calls per 30 min, AHT 3 min, 14 agents, target 0.33 min.
  const r = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents: 14, targetSeconds: 19.8 });
  rounds(r.probabilityOfWaiting, 0.174, 3);
  rounds(r.serviceLevel, 0.888, 3);
  rounds(r.occupancy, 0.714, 3);
  // M/M/1: ASA = ρ/(μ−λ) → with AHT 60 s and ρ = 0.5, 60 s.
  close(erlangC({ arrivalsPerHour: 30, ahtSeconds: 60, agents: 1, targetSeconds: 0 }).averageSpeedOfAnswerSeconds, 60, 1e-12);
});

test('agents needed reproduces pyworkforce, with shrinkage and an occupancy ceiling', () => {
  const base = { arrivalsPerHour: 200, ahtSeconds: 180, targetServiceLevel: 0.8, targetSeconds: 19.8, shrinkage: 0.3 };
  const a = agentsNeeded({ ...base, maxOccupancy: 0.85 });
  assert.equal(a.agents, 20);
  rounds(a.serviceLevel, 0.888, 3);
  rounds(a.occupancy, 0.714, 3);
  const b = agentsNeeded({ ...base, maxOccupancy: 0.7 });
  assert.equal(b.agents, 22);
  rounds(b.serviceLevel, 0.941, 3);
  rounds(b.occupancy, 0.667, 3);
  const asa = agentsNeeded({ ...base, shrinkage: 0, targetAsaSeconds: 2 });
  assert.ok(erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents: asa.agents, targetSeconds: 1 }).averageSpeedOfAnswerSeconds <= 2);
  assert.deepEqual(agentsNeeded({ ...base, arrivalsPerHour: 0 }), { agents: 0, serviceLevel: 1, occupancy: 0 });
});

test('agents needed for 100,000 agents is the first count meeting the target', () => {
  const input = { arrivalsPerHour: 1_200_000, ahtSeconds: 300, targetServiceLevel: 0.8, targetSeconds: 20 };
  const r = agentsNeeded(input);
  assert.ok(r.agents > 100_000 && r.agents < 100_200);
  const sl = (agents: number) => erlangC({ ...input, agents }).serviceLevel;
  assert.ok(sl(r.agents) >= 0.8 && sl(r.agents - 1) < 0.8);
  close(r.serviceLevel, sl(r.agents), 1e-9);
});

test('Erlang A reproduces pyworkforce (M/M/14+M, A = 10, patience 5 min)', () => {
  const r = erlangA({ arrivalsPerHour: 200, ahtSeconds: 180, agents: 14, patienceSeconds: 300, targetSeconds: 20 });
  rounds(r.probabilityOfWaiting, 0.14526, 5);
  rounds(r.probabilityOfAbandoning, 0.013984, 6);
  rounds(r.occupancy, 0.704297, 6);
  rounds(r.averageWaitSeconds / 60, 0.069919, 6);
  rounds(r.serviceLevel, 0.916792, 6);
});

test('Erlang A tends to Erlang C as patience grows, and stays finite when overloaded', () => {
  for (const agents of [15, 20, 25]) {
    const a = erlangA({ arrivalsPerHour: 200, ahtSeconds: 180, agents, patienceSeconds: 600_000, targetSeconds: 20 });
    const c = erlangC({ arrivalsPerHour: 200, ahtSeconds: 180, agents, targetSeconds: 20 });
    assert.ok(Math.abs(a.probabilityOfWaiting - c.probabilityOfWaiting) < 1e-3);
    assert.ok(Math.abs(a.serviceLevel - c.serviceLevel) < 1e-3);
  }
  // Twice as many calls as agents: half the offered load must abandon (M/M/n+M, A = 2n).
  const over = erlangA({ arrivalsPerHour: 2_400_000, ahtSeconds: 300, agents: 100_000, patienceSeconds: 120, targetSeconds: 20 });
  close(over.probabilityOfAbandoning, 0.5, 1e-6);
  assert.ok(over.occupancy <= 1 && Number.isFinite(over.serviceLevel));
  // One agent with abandonment: compare with the chain summed naively.
  const one = erlangA({ arrivalsPerHour: 50, ahtSeconds: 60, agents: 1, patienceSeconds: 90, targetSeconds: 30 });
  close(one.probabilityOfWaiting, naiveWait(50 / 60, 1, 60 / 90), 1e-9);
});

function naiveWait(a: number, n: number, r: number): number {
  const p = [1];
  for (let k = 1; k < 400; k++) p.push((p[k - 1]! * a) / (Math.min(k, n) + Math.max(k - n, 0) * r));
  const total = p.reduce((s, v) => s + v, 0);
  return p.slice(n).reduce((s, v) => s + v, 0) / total;
}

test('bad inputs are a 400, never NaN or a hang', () => {
  const bad = [
    () => erlangC({ arrivalsPerHour: -1, ahtSeconds: 180, agents: 14, targetSeconds: 20 }),
    () => erlangC({ arrivalsPerHour: 300, ahtSeconds: 180, agents: 14, targetSeconds: 20 }),
    () => erlangC({ arrivalsPerHour: Number.NaN, ahtSeconds: 180, agents: 14, targetSeconds: 20 }),
    () => erlangC({ arrivalsPerHour: 100, ahtSeconds: 180, agents: 2.5, targetSeconds: 20 }),
    () => erlangB(1, 1e9),
    () => erlangA({ arrivalsPerHour: 1e8, ahtSeconds: 30, agents: 10, patienceSeconds: 600_000, targetSeconds: 20 }),
    () => agentsNeeded({ arrivalsPerHour: 100, ahtSeconds: 0, targetServiceLevel: 0.8, targetSeconds: 20 }),
    () => agentsNeeded({ arrivalsPerHour: 100, ahtSeconds: 60, targetServiceLevel: 1.2, targetSeconds: 20 }),
  ];
  for (const call of bad) assert.throws(call, (e: unknown) => e instanceof AppError && e.status === 400);
});
