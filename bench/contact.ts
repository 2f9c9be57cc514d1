/**
 * `npm run bench -- contact`:
 * - contact-take-next: 500 agents in closed loops (take next → end the call → available again,
 *   a dialled callback answered first) against a bare constant route driven with as many
 *   requests per loop, in the same run; throughput and p99 of take-next.
 * - contact-wait-estimate: a simulated day on one line (arrivals with a morning peak, callbacks,
 *   hang-ups, exponential handle times) run through the real services with a virtual clock; the
 *   mean absolute error of our estimate against Asterisk's running average and Genesys' formula.
 */
import { Worker } from 'node:worker_threads';
import { systemActor } from '../src/platform/audit.repo.js';
import { createApiToken } from '../src/platform/auth/auth.service.js';
import type { Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { simulateDay } from '../src/modules/contact/index.js';
import { DURATION_SECONDS, openBenchDatabase, startBare, startGuichet, type Benchmark, type BenchResult } from './harness.js';

const AGENTS = 500;

// The load generator, in its own thread so that it does not share the server's event loop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, bareUrl, agents, durationMs, token } = workerData;
const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
const latencies = []; let takes = 0; let errors = 0; let empty = 0; let firstError = null;
const post = async (url, body) => { const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}) }); const text = await r.text(); return { status: r.status, text }; };
async function bareLoop(deadline) {
  while (Date.now() < deadline) {
    const start = performance.now(); await (await fetch(bareUrl)).text(); latencies.push(performance.now() - start); takes += 1;
    await (await fetch(bareUrl)).text(); await (await fetch(bareUrl)).text();
  }
}
async function agentLoop(agent, deadline) {
  while (Date.now() < deadline) { try {
    const start = performance.now();
    const next = await post(base + '/api/v1/contact/agents/' + agent + '/next');
    latencies.push(performance.now() - start);
    if (next.status === 204) { empty += 1; continue; }
    if (next.status !== 200) { errors += 1; continue; }
    takes += 1;
    const taken = JSON.parse(next.text);
    if (taken.kind === 'callback' && (await post(base + '/api/v1/contact/callbacks/' + taken.callId + '/result', { answered: true })).status !== 200) errors += 1;
    if ((await post(base + '/api/v1/contact/calls/' + taken.callId + '/complete', { outcome: 'information_given', resolved: true })).status !== 200) errors += 1;
    if ((await post(base + '/api/v1/contact/agents/' + agent + '/state', { state: 'available' })).status !== 200) errors += 1;
  } catch (error) { errors += 1; firstError ??= String(error.cause ?? error); } }
}
(async () => {
  const deadline = Date.now() + durationMs; const started = performance.now();
  await Promise.all(bareUrl ? Array.from({ length: agents }, () => bareLoop(deadline)) : workerData.agentIds.map((a) => agentLoop(a, deadline)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  parentPort.postMessage({ rps: takes / seconds, takes, errors, empty, firstError, p50: p(0.5), p99: p(0.99) });
})();
`;

interface LoadResult {
  rps: number;
  takes: number;
  errors: number;
  empty: number;
  firstError: string | null;
  p50: number;
  p99: number;
}
const runWorker = (data: Record<string, unknown>) =>
  new Promise<LoadResult>((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });

/** One line, 500 available agents, and enough callers (one in five a callback) never to run dry. */
async function prepare(database: Database, callers: number) {
  const db = database.db;
  const line = await db.insertInto('contact_lines').values({ code: 'bench', name_en: 'Bench', name_fr: 'Banc' }).returning('id').executeTakeFirstOrThrow();
  const agentIds: string[] = [];
  for (let start = 0; start < AGENTS; start += 100) {
    const rows = await db.insertInto('contact_agents').values(Array.from({ length: 100 }, (_, k) => ({ name: `Agent ${start + k}`, languages: ['en', 'fr'], state: 'available' as const }))).returning('id').execute();
    await db.insertInto('contact_agent_lines').values(rows.map((r) => ({ agent_id: r.id, line_id: line.id }))).execute();
    agentIds.push(...rows.map((r) => r.id));
  }
  const now = Date.now();
  for (let start = 0; start < callers; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, callers - start) }, (_, k) => {
      const at = new Date(now - 3_600_000 + start + k);
      const callback = (start + k) % 5 === 0;
      return { line_id: line.id, from_number: '+16135550100', language: 'en' as const, kind: callback ? ('callback' as const) : ('call' as const), state: callback ? ('callback' as const) : ('waiting' as const), arrived_at: at, queue_time: at, callback_number: callback ? '+16135550100' : null, updated_at: at };
    });
    await db.insertInto('contact_calls').values(rows).execute();
  }
  const token = (await createApiToken({ assignments: { national: true }, db, actor: systemActor('bench'), name: 'bench', role: 'agent' })).token;
  return { agentIds, token };
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

async function takeNextUnderLoad(): Promise<BenchResult> {
  const database = await openBenchDatabase();
  await migrate(database);
  try {
    const { agentIds, token } = await prepare(database, 60_000);
    const { app, base } = await startGuichet(database);
    const bare = await startBare();
    const durationMs = DURATION_SECONDS * 1000;
    await runWorker({ bareUrl: bare.url, agents: AGENTS, durationMs: 1000 }); // warm-up
    const constant = await runWorker({ bareUrl: bare.url, agents: AGENTS, durationMs });
    const measured = await runWorker({ base, agents: AGENTS, durationMs, token, agentIds });
    await bare.close();
    await app.close();
    if (measured.errors > 0 || measured.empty > 0) throw new Error(`take-next had ${measured.errors} errors (first: ${measured.firstError}) and ${measured.empty} empty takes`);
    return {
      name: `contact-take-next-${database.kind}`,
      figure: Math.round(measured.rps),
      unit: 'takes/s',
      baseline: { name: 'bare-fastify-constant', figure: Math.round(constant.rps) },
      ratio: round(measured.rps / constant.rps, 3),
      detail: { agents: AGENTS, seconds: durationMs / 1000, takes: measured.takes, p50Ms: round(measured.p50), p99Ms: round(measured.p99), constantP99Ms: round(constant.p99), requestsPerLoop: 3 },
    };
  } finally {
    await database.close();
  }
}

/** Simulated days (different seeds) on one line: each method's mean absolute error, in seconds. */
async function waitEstimateError(): Promise<BenchResult> {
  const database = await openBenchDatabase();
  await migrate(database);
  try {
    const days: Awaited<ReturnType<typeof simulateDay>>[] = [];
    for (const seed of [1, 2, 3]) days.push(await simulateDay({ db: database.db, seed, agents: 8, hours: 8, callsPerHour: 64, handleSeconds: 420, patienceSeconds: 900, callbackShare: 0.2 }));
    const calls = days.reduce((s, d) => s + d.calls, 0);
    const mean = (pick: (d: (typeof days)[number]) => number | null) => Math.round(days.reduce((s, d) => s + (pick(d) ?? 0) * d.calls, 0) / calls);
    const ours = mean((d) => d.meanAbsoluteErrorSeconds.ours);
    const asterisk = mean((d) => d.meanAbsoluteErrorSeconds.asterisk);
    const genesys = mean((d) => d.meanAbsoluteErrorSeconds.genesys);
    const best = Math.min(asterisk, genesys);
    return {
      name: `contact-wait-estimate-${database.kind}`,
      figure: ours,
      unit: 'seconds mean absolute error',
      baseline: { name: asterisk <= genesys ? 'asterisk-running-average' : 'genesys-aht-ahead-agents', figure: best },
      ratio: round(ours / best, 3),
      detail: { days: days.length, callsAnswered: calls, oursMaeSeconds: ours, asteriskMaeSeconds: asterisk, genesysMaeSeconds: genesys, agents: 8, hoursPerDay: 8, callsPerHour: 64, handleSeconds: 420 },
    };
  } finally {
    await database.close();
  }
}

export const CONTACT_BENCHMARKS: Record<string, Benchmark> = {
  'contact-take-next': takeNextUnderLoad,
  'contact-wait-estimate': waitEstimateError,
};
