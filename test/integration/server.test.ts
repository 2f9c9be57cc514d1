/**
 * The real process: `src/server.ts` started as a newcomer would, on the engine of this suite.
 * Embedded: the demo loads on first start, survives a restart and a kill -9, a second process on
 * the same folder is refused, GUICHET_DEMO=off starts empty. PostgreSQL: no demo until
 * `guichet seed --demo`, and a token made by `guichet token create` opens the API.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createTestDatabase, onPostgres } from '../helpers/database.js';
import { cli, killAll, startServer as start } from '../helpers/process.js';

after(killAll);

const total = async (base: string) => (await (await fetch(`${base}/api/v1/network/summary`)).json()).total as number;

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
  const made = cli(['token', 'create', '--role', 'admin', '--name', 'x', '--national'], env);
  assert.notEqual(made.status, 0, 'the CLI refuses while the server holds the folder');
  again.child.kill('SIGKILL');
  await again.exited;

  const made2 = cli(['token', 'create', '--role', 'admin', '--name', 'after-crash', '--national'], env);
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
    const token = cli(['token', 'create', '--role', 'analyst', '--name', 'ci', '--national'], env).stdout.trim();
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
