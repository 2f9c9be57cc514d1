/**
 * `npm run bench [-- NAME …]`: runs the benchmarks and writes bench/results.json. Each figure is
 * reported with the baseline named for it, measured in the same run on the same machine, and the
 * ratio between them: these machines are noisy, so only ratios travel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { coverageOfEveryCommunity, nearestIndexVersusBruteForce, type BenchResult } from './network.js';
import { callNextUnderLoad } from './visits.js';
import { waitEstimateError } from './visits-estimate.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

interface Result extends BenchResult {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  date: string;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}

async function load(url: string): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  // The load generator runs in a worker thread, so it does not share the server's event loop.
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, pipelining: 1, workers: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

async function startGuichet(database: Database) {
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', PUBLIC_RATE_LIMIT: '1000000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, clock: systemClock, mailer: createMemoryMailer(), i18n: createI18n(), logger: false });
  return { app, base: await listen(app) };
}

/** The app and a bare Fastify route returning a constant, on the same machine, in the same run. */
async function againstBareRoute(name: string, path: (base: string) => Promise<string>): Promise<Omit<Result, 'machine' | 'date'>> {
  const bare = Fastify({ logger: false });
  bare.get('/constant', async () => ({ status: 'ok' }));
  const bareBase = await listen(bare);
  const database = process.env.BENCH_DATABASE_URL
    ? await openDatabase({ url: process.env.BENCH_DATABASE_URL })
    : await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  await seedDemo(database);
  const { app, base } = await startGuichet(database);
  const url = `${base}${await path(base)}`;
  await load(`${bareBase}/constant`); // warm-up of the load generator and the JIT
  await fetch(url);
  const constant = await load(`${bareBase}/constant`);
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

/** A DB-backed read: one service point with its services and hours. */
const siteRead = () =>
  againstBareRoute('site-read', async (base) => {
    const list = (await (await fetch(`${base}/api/v1/service-points?type=scc&pageSize=1`)).json()) as { items: { code: string }[] };
    return `/api/v1/service-points/${list.items[0]!.code}`;
  });

/** The nearest search (spatial index in memory, rebuilt on network events). */
const nearestThroughput = () => againstBareRoute('network-nearest-api', async () => '/api/v1/service-points/nearest?lat=45.4215&lon=-75.6972&service=passport&limit=5');

const openBenchDatabase = () => (process.env.BENCH_DATABASE_URL ? openDatabase({ url: process.env.BENCH_DATABASE_URL, poolSize: 20 }) : openDatabase({ dataDir: 'memory://' }));

/** 200 agents calling and completing clients, against the bare route driven the same way. */
async function visitsCallNext() {
  const database = await openBenchDatabase();
  await migrate(database);
  try {
    return await callNextUnderLoad({
      database,
      durationMs: DURATION_SECONDS * 1000,
      startApp: () => startGuichet(database),
      async startBare() {
        const bare = Fastify({ logger: false });
        bare.get('/constant', async () => ({ status: 'ok' }));
        const url = `${await listen(bare)}/constant`;
        return { url, close: () => bare.close() };
      },
    });
  } finally {
    await database.close();
  }
}

/** Two simulated days at one office: the wait estimate against what happened. */
async function visitsEstimate() {
  const database = await openBenchDatabase();
  await migrate(database);
  try {
    return await waitEstimateError(database);
  } finally {
    await database.close();
  }
}

const BENCHMARKS: Record<string, () => Promise<Omit<Result, 'machine' | 'date'>>> = {
  'site-read': siteRead,
  'network-nearest-index': nearestIndexVersusBruteForce,
  'network-coverage': coverageOfEveryCommunity,
  'network-nearest-api': nearestThroughput,
  'visits-call-next': visitsCallNext,
  'visits-wait-estimate': visitsEstimate,
};

async function main(): Promise<void> {
  // A name selects every benchmark it starts: `npm run bench -- network` runs the network ones.
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? Object.keys(BENCHMARKS).filter((n) => wanted.some((w) => n.startsWith(w))) : Object.keys(BENCHMARKS);
  const unknown = wanted.filter((w) => !Object.keys(BENCHMARKS).some((n) => n.startsWith(w)));
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  const results: Result[] = [];
  for (const name of names) {
    console.error(`running ${name} (${DURATION_SECONDS}s per load)…`);
    const result = { ...(await BENCHMARKS[name]!()), machine, date: new Date().toISOString() };
    console.error(`${result.name}: ${result.figure} ${result.unit} vs ${result.baseline.name} ${result.baseline.figure} → ratio ${result.ratio}`);
    results.push(result);
  }
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`wrote ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
