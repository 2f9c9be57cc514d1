/**
 * `npm run bench [-- NAME …]`: runs the benchmarks and writes bench/results.json. Each figure is
 * reported with the baseline named for it, measured in the same run on the same machine, and the
 * ratio between them: these machines are noisy, so only ratios travel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/platform/db/migrate.js';
import { CASES_BENCHMARKS } from './cases.js';
import { CONTACT_BENCHMARKS } from './contact.js';
import { againstBareRoute, DURATION_SECONDS, openBenchDatabase, startBare, startGuichet, type Benchmark, type BenchResult } from './harness.js';
import { INSIGHTS_BENCHMARKS } from './insights.js';
import { coverageOfEveryCommunity, nearestIndexVersusBruteForce } from './network.js';
import { callNextUnderLoad } from './visits.js';
import { waitEstimateError } from './visits-estimate.js';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

interface Result extends BenchResult {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  date: string;
}

/** A DB-backed read: one service point with its services and hours. */
const siteRead = () =>
  againstBareRoute('site-read', async (base) => {
    const list = (await (await fetch(`${base}/api/v1/service-points?type=scc&pageSize=1`)).json()) as { items: { code: string }[] };
    return `/api/v1/service-points/${list.items[0]!.code}`;
  });

/** The nearest search (spatial index in memory, rebuilt on network events). */
const nearestThroughput = () => againstBareRoute('network-nearest-api', async () => '/api/v1/service-points/nearest?lat=45.4215&lon=-75.6972&service=passport&limit=5');

/** 200 agents calling and completing clients, against the bare route driven the same way. */
async function visitsCallNext() {
  const database = await openBenchDatabase();
  await migrate(database);
  try {
    return await callNextUnderLoad({
      database,
      durationMs: DURATION_SECONDS * 1000,
      startApp: () => startGuichet(database),
      startBare,
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

const BENCHMARKS: Record<string, Benchmark> = {
  'site-read': siteRead,
  'network-nearest-index': nearestIndexVersusBruteForce,
  'network-coverage': coverageOfEveryCommunity,
  'network-nearest-api': nearestThroughput,
  'visits-call-next': visitsCallNext,
  'visits-wait-estimate': visitsEstimate,
  ...CONTACT_BENCHMARKS,
  ...CASES_BENCHMARKS,
  ...INSIGHTS_BENCHMARKS,
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
