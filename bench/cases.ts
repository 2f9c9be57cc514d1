/**
 * `npm run bench -- cases`: public status look-ups per second against 1,000,000 applications on
 * PostgreSQL (BENCH_DATABASE_URL; 100,000 on the embedded engine), each look-up a different file
 * from a different address (so neither limit engages: the figure is the look-up itself, with its
 * throttle counting and its audit row), against the bare constant route loaded the same way in
 * the same run. The aim: at least 40 % of the bare route.
 */
import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createI18n } from '../src/platform/i18n/index.js';
import { createMemoryMailer } from '../src/platform/mailer.js';
import { CONNECTIONS, DURATION_SECONDS, listen, openBenchDatabase, startBare, type Benchmark, type BenchResult } from './harness.js';

/** Files with a history (three stage rows each); the look-ups go to these. */
const WITH_HISTORY = 100_000;
/** Distinct requests in the load list: each connection walks it from the start, so a number is looked up at most CONNECTIONS times. */
const REQUESTS = 40_000;

const dateOfBirth = (i: number) => new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
const numberOf = (i: number) => `B${String(i).padStart(9, '0')}`;

/** Generated in SQL, in batches, once: a rerun on the same database reuses them. */
async function generate(database: Database, total: number) {
  const db = database.db;
  const existing = await sql<{ n: number }>`select count(*)::int as n from applications where number like 'B%'`.execute(db);
  if (existing.rows[0]!.n >= total) return;
  const batch = 100_000;
  for (let start = existing.rows[0]!.n + 1; start <= total; start += batch) {
    const end = Math.min(total, start + batch - 1);
    await sql`insert into applications (number, type_code, programme_code, channel, province_code, surname, given_names, date_of_birth, language, stage_code, state, received_at, expected_by, updated_at)
      select 'B' || lpad(i::text, 9, '0'), 'passport_regular', 'passport', 'mail', 'ON', 'Bench', 'Client', date '1950-01-01' + (i % 20000), case when i % 4 = 0 then 'fr' else 'en' end,
        'printing', 'open', now() - interval '5 days', current_date + 15, now()
      from generate_series(${start}::int, ${end}::int) i`.execute(db);
  }
  await sql`insert into application_events (application_id, occurred_at, type, to_stage, actor)
    select a.id, a.received_at + s.k * interval '1 day', case when s.k = 0 then 'received' else 'stage' end, (array['received', 'review', 'printing'])[s.k + 1], 'system:bench'
    from applications a cross join generate_series(0, 2) s(k)
    where a.number between ${numberOf(1)} and ${numberOf(WITH_HISTORY)}`.execute(db);
  await sql`analyze applications`.execute(db);
  await sql`analyze application_events`.execute(db);
}

function requestList(offset: number) {
  return Array.from({ length: REQUESTS }, (_, k) => {
    const i = ((offset + k) % WITH_HISTORY) + 1;
    const body = JSON.stringify({ applicationNumber: numberOf(i), dateOfBirth: dateOfBirth(i) });
    return { method: 'POST' as const, path: '/api/v1/status', body, headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}` } };
  });
}

async function loadRequests(url: string, requests?: ReturnType<typeof requestList>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, pipelining: 1, workers: 1, ...(requests ? { requests } : {}) });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function statusLookups(): Promise<BenchResult> {
  const database = await openBenchDatabase();
  await migrate(database);
  const total = database.kind === 'postgres' ? 1_000_000 : WITH_HISTORY;
  await generate(database, total);
  // Behind a proxy that names each client, so every request comes from its own address.
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', PUBLIC_RATE_LIMIT: '1000000', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' });
  const app = await buildApp({ config, database, clock: systemClock, mailer: createMemoryMailer(), i18n: createI18n(), logger: false });
  const base = await listen(app);
  const bare = await startBare();
  const first = requestList(0)[0]!;
  const check = await fetch(`${base}${first.path}`, { method: first.method, headers: first.headers, body: first.body });
  if (check.status !== 200) throw new Error(`the look-up answered ${check.status}`);
  await loadRequests(bare.url);
  const constant = await loadRequests(bare.url);
  // A random start, so that a rerun within the same window does not find its numbers already counted.
  const measured = await loadRequests(base, requestList(randomInt(1, WITH_HISTORY)));
  await app.close();
  await bare.close();
  await database.close();
  if (measured.errors + measured.non2xx > 0) throw new Error(`status look-ups had ${measured.errors} errors and ${measured.non2xx} non-2xx answers`);
  return {
    name: `cases-status-lookup-${database.kind}`,
    figure: Math.round(measured.rps),
    unit: 'look-ups/s',
    baseline: { name: 'bare-fastify-constant', figure: Math.round(constant.rps) },
    ratio: Number((measured.rps / constant.rps).toFixed(3)),
    detail: { applications: total, p99Ms: measured.p99, constantP99Ms: constant.p99, connections: CONNECTIONS, seconds: DURATION_SECONDS, aimRatio: 0.4 },
  };
}

export const CASES_BENCHMARKS: Record<string, Benchmark> = { 'cases-status-lookup': statusLookups };
