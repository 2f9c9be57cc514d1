#!/usr/bin/env node
// Runs a suite with Node's test runner: `unit` (src/**/*.test.ts[x] and test/integration) or
// `browser` (test/e2e and test/a11y). `--postgres` runs it against TEST_DATABASE_URL instead of
// the embedded database. Each test file runs in its own process with its own fresh database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [suite = 'unit', ...flags] = process.argv.slice(2);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SUITES = { unit: ['src', 'test/integration'], browser: ['test/e2e', 'test/a11y'] };
if (!SUITES[suite]) {
  console.error(`Unknown suite "${suite}" (use unit or browser)`);
  process.exit(2);
}

const env = { ...process.env, NODE_ENV: 'test' };
if (flags.includes('--postgres')) {
  if (!env.TEST_DATABASE_URL) {
    console.error('TEST_DATABASE_URL must point at a PostgreSQL server (npm run test:all starts one).');
    process.exit(2);
  }
  env.GUICHET_TEST_DB = 'postgres';
} else {
  delete env.TEST_DATABASE_URL;
  env.GUICHET_TEST_DB = 'embedded';
}
if (suite === 'browser') {
  env.CHROMIUM_PATH ??= '/usr/bin/chromium';
  if (!fs.existsSync(env.CHROMIUM_PATH)) {
    console.error(`Chromium not found at ${env.CHROMIUM_PATH}: install Debian's chromium package (npm run test:all does).`);
    process.exit(2);
  }
}

// The files that take longest start first, so that the last to finish is not one of them (the
// timing table at the end of a run shows which they are).
const SLOW_FIRST = [
  'test/a11y/axe-staff.test.ts',
  'test/a11y/axe-public.test.ts',
  'test/e2e/insights.test.ts',
  'src/cli/cli.test.ts',
  'test/integration/server.test.ts',
  'test/integration/insights-dashboards.test.ts',
  'test/integration/insights-forecast.test.ts',
  'test/integration/visits-load.test.ts',
  'test/integration/guessing-attack.test.ts',
  'test/integration/qa-sampling.test.ts',
  'src/modules/network/network.test.ts',
  'src/cli/simulate.test.ts',
];
const rank = (file) => {
  const index = SLOW_FIRST.indexOf(path.relative(root, file));
  return index === -1 ? SLOW_FIRST.length : index;
};

const files = SUITES[suite]
  .map((dir) => path.join(root, dir))
  .filter((dir) => fs.existsSync(dir))
  .flatMap((dir) => fs.readdirSync(dir, { recursive: true }).map((file) => path.join(dir, String(file))))
  .filter((file) => /\.test\.tsx?$/.test(file) && !file.includes('node_modules'))
  .sort()
  .sort((a, b) => rank(a) - rank(b));
if (files.length === 0) {
  console.error(`No test files found for suite "${suite}"`);
  process.exit(1);
}

const concurrency = Math.max(1, Math.min(os.availableParallelism(), 3));
console.log(`${suite} suite on the ${env.GUICHET_TEST_DB} database: ${files.length} files, ${concurrency} at a time`);
const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test-runner.mjs', String(concurrency), ...files.map((f) => path.relative(root, f))], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
