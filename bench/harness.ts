/**
 * What the benchmarks share: the load generator, the app and a bare constant route started the
 * same way, and the bench database (BENCH_DATABASE_URL for PostgreSQL, else in-memory PGlite).
 */
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { openDatabase, type Database } from '../src/platform/db/database.js';
import { migrate } from '../src/platform/db/migrate.js';
import { createI18n } from '../src/platform/i18n/index.js';
import { createMemoryMailer } from '../src/platform/mailer.js';
import { seedDemo } from '../src/seed.js';
import type { BenchResult } from './network.js';

export type { BenchResult };
export type Benchmark = () => Promise<BenchResult>;

export const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
export const CONNECTIONS = 10;

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

export async function load(url: string, connections = CONNECTIONS): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  // The load generator runs in a worker thread, so it does not share the server's event loop.
  const result = await autocannon({ url, connections, duration: DURATION_SECONDS, pipelining: 1, workers: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export async function startGuichet(database: Database) {
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', PUBLIC_RATE_LIMIT: '1000000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, clock: systemClock, mailer: createMemoryMailer(), i18n: createI18n(), logger: false });
  return { app, base: await listen(app) };
}

/** A bare Fastify route returning a constant: the baseline of every HTTP figure. */
export async function startBare(): Promise<{ url: string; close: () => Promise<void> }> {
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ status: 'ok' }));
  const url = `${await listen(bare)}/constant`;
  return { url, close: () => bare.close() };
}

export const openBenchDatabase = () => (process.env.BENCH_DATABASE_URL ? openDatabase({ url: process.env.BENCH_DATABASE_URL, poolSize: 20 }) : openDatabase({ dataDir: 'memory://' }));

/** The app on the demo network and the bare route, each loaded the same way, in the same run. */
export async function againstBareRoute(name: string, path: (base: string) => Promise<string>): Promise<BenchResult> {
  const bare = await startBare();
  const database = process.env.BENCH_DATABASE_URL
    ? await openDatabase({ url: process.env.BENCH_DATABASE_URL })
    : await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  await seedDemo(database);
  const { app, base } = await startGuichet(database);
  const url = `${base}${await path(base)}`;
  await load(bare.url); // warm-up of the load generator and the JIT
  await fetch(url);
  const constant = await load(bare.url);
  const measured = await load(url);
  await app.close();
  await bare.close();
  await database.close();
  if (measured.errors + measured.non2xx > 0) throw new Error(`${name} had ${measured.errors} errors and ${measured.non2xx} non-2xx answers`);
  return {
    name: `${name}-${database.kind}`,
    figure: Math.round(measured.rps),
    unit: 'requests/s',
    baseline: { name: 'bare-fastify-constant', figure: Math.round(constant.rps) },
    ratio: Number((measured.rps / constant.rps).toFixed(3)),
    detail: { p99Ms: measured.p99, constantP99Ms: constant.p99, connections: CONNECTIONS, seconds: DURATION_SECONDS, url: url.replace(base, '') },
  };
}
