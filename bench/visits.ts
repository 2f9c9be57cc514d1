/**
 * `npm run bench -- visits`: call-next under 200 concurrent agents, each calling the next client
 * and completing them in a closed loop, against a bare constant route driven the same way in the
 * same run. TheQ's published load test (200 virtual agents) reached 28.5 requests/s, p99 17.9 s.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../src/platform/audit.repo.js';
import { createApiToken } from '../src/platform/auth/auth.service.js';
import type { Database } from '../src/platform/db/database.js';
import type { BenchResult } from './network.js';

const AGENTS = 200;
const THEQ = { rps: 28.5, p99Ms: 17_900 };
const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'agents-worker.mjs');

interface LoadResult {
  rps: number;
  calls: number;
  errors: number;
  empty: number;
  p50: number;
  p99: number;
}

function runWorker(data: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: data });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** One office with enough clients waiting that 200 agents never run dry in the run. */
async function prepare(database: Database, clients: number) {
  const db = database.db;
  const site = await db
    .insertInto('service_points')
    .values({ code: 'BENCH-1', external_id: 'BENCH-1', type: 'scc', name_en: 'Bench office', name_fr: 'Bureau banc d’essai', address_line: '1 Main', city: 'Ottawa', province_code: 'ON', latitude: 45.42, longitude: -75.69, time_zone: 'America/Toronto' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('service_point_services').values({ service_point_id: site.id, service_code: 'passport' }).execute();
  const now = Date.now();
  const day = new Date(now).toISOString().slice(0, 10);
  for (let start = 0; start < clients; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, clients - start) }, (_, k) => {
      const arrived = new Date(now - 600_000 + start + k);
      return { service_point_id: site.id, service_day: day, ticket: `B-${start + k}`, service_code: 'passport', channel: 'walk_in' as const, language: 'en' as const, destination: 'counter' as const, priority: (start + k) % 9 === 0, state: 'waiting' as const, arrived_at: arrived, checked_in_at: arrived, public_token: randomUUID() };
    });
    await db.insertInto('visits').values(rows).execute();
  }
  const token = (await createApiToken({ assignments: { national: true }, db, actor: systemActor('bench'), name: 'bench', role: 'agent' })).token;
  return { siteId: site.id, token };
}

export async function callNextUnderLoad(options: {
  database: Database;
  startApp(): Promise<{ app: FastifyInstance; base: string }>;
  startBare(): Promise<{ close(): Promise<void>; url: string }>;
  durationMs: number;
}): Promise<BenchResult> {
  const { siteId, token } = await prepare(options.database, 60_000);
  const { app, base } = await options.startApp();
  const counters: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const response = await fetch(`${base}/api/v1/sites/${siteId}/counters`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Counter ${i + 1}`, services: ['passport'] }) });
    counters.push(((await response.json()) as { id: string }).id);
  }
  const bare = await options.startBare();
  await runWorker({ bareUrl: bare.url, agents: AGENTS, durationMs: 1000 }); // warm-up
  const constant = await runWorker({ bareUrl: bare.url, agents: AGENTS, durationMs: options.durationMs });
  const measured = await runWorker({ base, agents: AGENTS, durationMs: options.durationMs, token, siteId, counters });
  await bare.close();
  await app.close();
  if (measured.errors > 0 || measured.empty > 0) throw new Error(`call-next had ${measured.errors} errors and ${measured.empty} empty calls`);
  const round = (x: number, d = 1) => Number(x.toFixed(d));
  return {
    name: `visits-call-next-${options.database.kind}`,
    figure: Math.round(measured.rps),
    unit: 'calls/s',
    baseline: { name: 'bare-fastify-constant', figure: Math.round(constant.rps) },
    ratio: round(measured.rps / constant.rps, 3),
    detail: {
      agents: AGENTS,
      seconds: options.durationMs / 1000,
      calls: measured.calls,
      p50Ms: round(measured.p50),
      p99Ms: round(measured.p99),
      constantP99Ms: round(constant.p99),
      theqRps: THEQ.rps,
      theqP99Ms: THEQ.p99Ms,
      timesTheqThroughput: round(measured.rps / THEQ.rps),
    },
  };
}
