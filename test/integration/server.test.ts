/**
 * The real process: `src/server.ts` started as a newcomer would, on the engine of this suite.
 * Embedded: the demo loads on first start, survives a restart and a kill -9, a second process on
 * the same folder is refused, GUICHET_DEMO=off starts empty. PostgreSQL: no demo until
 * `guichet seed --demo`, and a token made by `guichet token create` opens the API.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestDatabase, onPostgres } from '../helpers/database.js';

const root = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
after(() => children.forEach((child) => child.kill('SIGKILL')));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function start(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { child, base, exited, output: () => output };
}

const total = async (base: string) => (await (await fetch(`${base}/api/v1/network/summary`)).json()).total as number;

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['bin/guichet.js', ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
}

// Each engine runs its own journeys: nothing is skipped, the suite on the other engine covers the rest.
const embeddedTest = onPostgres() ? () => undefined : test;
const postgresTest = onPostgres() ? test : () => undefined;

embeddedTest('embedded: first start loads the demo, which survives a restart and a kill -9', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-'));
  const env = { GUICHET_DATA_DIR: dataDir };
  const first = await start(env);
  assert.deepEqual(await (await fetch(`${first.base}/healthz`)).json(), { status: 'ok', database: 'embedded' });
  assert.equal(await total(first.base), 560);
  assert.match(await (await fetch(`${first.base}/fr`)).text(), /560 points de service/);

  const second = await start(env);
  assert.notEqual(await second.exited, 0, 'a second process on the same folder must refuse');
  assert.match(second.output(), /in use by another Guichet process/);

  first.child.kill('SIGTERM');
  assert.equal(await first.exited, 0, 'graceful shutdown exits 0');

  const again = await start(env);
  assert.equal(await total(again.base), 560);
  assert.doesNotMatch(again.output(), /demo network loaded/);
  const made = cli(['token', 'create', '--role', 'admin', '--name', 'x'], env);
  assert.notEqual(made.status, 0, 'the CLI refuses while the server holds the folder');
  again.child.kill('SIGKILL');
  await again.exited;

  const made2 = cli(['token', 'create', '--role', 'admin', '--name', 'after-crash'], env);
  assert.equal(made2.status, 0, made2.stderr);
  const token = made2.stdout.trim();
  const last = await start(env);
  assert.equal(await total(last.base), 560);
  const audit = await fetch(`${last.base}/en/staff/audit`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(audit.status, 200);
  assert.match(await audit.text(), /api_token\.create/);
  last.child.kill('SIGTERM');
  await last.exited;
});

embeddedTest('embedded: GUICHET_DEMO=off starts with reference data only', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-'));
  const server = await start({ GUICHET_DATA_DIR: dataDir, GUICHET_DEMO: 'off' });
  assert.equal(await total(server.base), 0);
  const provinces = (await (await fetch(`${server.base}/api/v1/network/summary`)).json()).byProvince.length;
  assert.equal(provinces, 13);
  server.child.kill('SIGTERM');
  await server.exited;
});

test('a bad configuration stops the process with a clear message', async () => {
  const server = await start({ PORT: 'eighty' });
  assert.equal(await server.exited, 78);
  assert.match(server.output(), /PORT must be a whole number/);
});

postgresTest('postgres: no demo until `guichet seed --demo`; CLI tokens open the API', async () => {
  const database = await createTestDatabase({ migrate: false });
  const env = { DATABASE_URL: database.url!, GUICHET_DEMO: 'on' };
  try {
    const server = await start(env);
    assert.deepEqual(await (await fetch(`${server.base}/healthz`)).json(), { status: 'ok', database: 'postgres' });
    assert.equal(await total(server.base), 0, 'a real deployment starts without the demo');
    const seeded = cli(['seed', '--demo'], env);
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /560 service points/);
    assert.equal(await total(server.base), 560);
    const token = cli(['token', 'create', '--role', 'analyst', '--name', 'ci'], env).stdout.trim();
    const staff = await fetch(`${server.base}/en/staff`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(staff.status, 200);
    const audit = await fetch(`${server.base}/en/staff/audit`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(audit.status, 403, 'an analyst does not read the audit log');
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  } finally {
    await database.close();
  }
});
