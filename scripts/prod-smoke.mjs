#!/usr/bin/env node
// `npm run smoke:prod`: starts the production build (dist/, from `npm run build`) as a deployment
// would, with NODE_ENV=production on a fresh embedded database, and checks that it answers
// /healthz and a page in each language, that the compiled command line works,
// and that it stops cleanly on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
if (!fs.existsSync(path.join(root, 'dist/server.js'))) {
  console.error('No dist/server.js: run `npm run build` first.');
  process.exit(1);
}
const port = await new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-prod-'));
const env = { ...process.env, NODE_ENV: 'production', GUICHET_DATA_DIR: dataDir, GUICHET_DEMO: 'off', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['dist/server.js'], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

const fail = (message) => {
  console.error(`smoke:prod: ${message}`);
  server.kill('SIGKILL');
  process.exit(1);
};

const deadline = Date.now() + 120_000;
let healthy = false;
while (!healthy && Date.now() < deadline && server.exitCode === null) {
  healthy = await fetch(`${base}/healthz`).then((response) => response.ok, () => false);
  if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!healthy) fail('the production build did not answer /healthz within 120 s');
for (const page of ['/en', '/fr']) {
  const response = await fetch(base + page);
  if (response.status !== 200) fail(`${page} answered ${response.status}`);
}
const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-prod-cli-'));
const cli = spawnSync(process.execPath, ['bin/guichet.js', 'migrate'], { cwd: root, env: { ...env, GUICHET_DATA_DIR: cliDir }, encoding: 'utf8' });
fs.rmSync(cliDir, { recursive: true, force: true });
if (cli.status !== 0 || !/Applied migrations/.test(cli.stdout)) fail(`the compiled command line failed: ${cli.stderr || cli.stdout}`);
server.kill('SIGTERM');
const code = await exited;
if (code !== 0) fail(`the server exited with ${code} on SIGTERM`);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`smoke:prod: the production build answered /healthz, /en and /fr on port ${port}, the compiled command line migrated, and it stopped cleanly`);
