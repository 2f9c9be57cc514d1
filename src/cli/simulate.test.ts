/** `guichet simulate`, run as a process: the M/M/c figures as JSON, a scenario file, clear refusals. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const guichet = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/guichet.js', 'simulate', ...args], { cwd: root, env: { ...process.env, GUICHET_LANGUAGE: 'en', ...env }, encoding: 'utf8' });

test('an M/M/c run prints the four documented figures as JSON, the same for the same seed', () => {
  const args = ['--servers', '50', '--arrival-rate', '45', '--service-rate', '1', '--customers', '200000', '--seed', '1', '--json'];
  const first = guichet(args);
  assert.equal(first.status, 0, first.stderr);
  const result = JSON.parse(first.stdout);
  assert.deepEqual(Object.keys(result), ['customers', 'probabilityOfWaiting', 'meanWait', 'customersPerSecond']);
  assert.equal(result.customers, 200_000);
  assert.ok(Math.abs(result.probabilityOfWaiting - 0.3639) < 0.03);
  assert.ok(result.customersPerSecond > 0);
  const again = JSON.parse(guichet(args).stdout);
  assert.equal(again.probabilityOfWaiting, result.probabilityOfWaiting);
  assert.equal(again.meanWait, result.meanWait);
});

test('without --json it compares with Erlang C', () => {
  const run = guichet(['--servers', '10', '--arrival-rate', '7', '--service-rate', '1', '--customers', '50000']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /50000 customers simulated/);
  assert.match(run.stdout, /Analytic probability of waiting: 0\.2217/);
});

test('a scenario file runs; a bad one is refused with the problem named', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-sim-'));
  const good = path.join(root, 'src/modules/insights/staffing/sim/examples/contact-centre.json');
  const run = guichet(['--scenario', good, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.classes.length, 2);
  assert.ok(result.totals.offered > 3000);
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ kind: 'contact-centre', seed: 1, periodMinutes: 30, periods: 2, serviceLevelSeconds: 20, lines: [{ name: 'a', callsPerPeriod: [-5], handle: { kind: 'exponential', mean: 60 } }], teams: [{ name: 't', skills: ['b'], agentsPerPeriod: [1] }] }));
  const refused = guichet(['--scenario', bad]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /The scenario is not valid: \/lines\/0\/callsPerPeriod\/0: must be >= 0/);
  const french = guichet(['--scenario', path.join(dir, 'missing.json')], { GUICHET_LANGUAGE: 'fr' });
  assert.equal(french.status, 1);
  assert.match(french.stderr, /Impossible de lire le fichier de scénario/);
});

test('bad options are refused, each named', () => {
  const run = guichet(['--servers', '0', '--arrival-rate', '-1', '--service-rate', 'x']);
  assert.equal(run.status, 1);
  for (const option of ['--servers', '--arrival-rate', '--service-rate']) assert.match(run.stderr, new RegExp(`${option}: not a number, or out of range`));
  const missing = guichet([]);
  assert.match(missing.stderr, /--servers: missing/);
});
