/**
 * The two-role deployment, as an operator runs it: `guichet migrate` and `guichet seed --demo`
 * with the owner's URL beside the server's, then the server started with the server's role alone.
 * (The one-role setup, DATABASE_URL only, is server.test.ts's.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { createEmptyDatabase, onPostgres } from '../helpers/database.js';
import { cli, killAll, startServer } from '../helpers/process.js';

let urls: { ownerUrl: string; appUrl: string };
before(async () => {
  if (onPostgres()) urls = await createEmptyDatabase(process.env.TEST_DATABASE_URL!);
});
after(async () => {
  killAll();
  if (!urls) return;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${new URL(urls.appUrl).pathname.slice(1)} with (force)`);
  await admin.end();
});

test('the owner migrates and seeds; the server runs with the restricted role alone', { skip: !onPostgres() && 'roles are a PostgreSQL deployment' }, async () => {
  const server = { DATABASE_URL: urls.appUrl, GUICHET_DEMO: 'off' };
  const both = { ...server, DATABASE_OWNER_URL: urls.ownerUrl };

  const refused = cli(['migrate'], server);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /are pending and the role "guichet_test_app" may not apply them .*DATABASE_OWNER_URL/s);

  const migrated = cli(['migrate'], both);
  assert.equal(migrated.status, 0, migrated.stderr);
  assert.match(migrated.stdout, /Applied migrations 1, 2/);
  const seeded = cli(['seed', '--demo'], both);
  assert.equal(seeded.status, 0, seeded.stderr);
  assert.match(seeded.stdout, /560 service points/);

  const running = await startServer(server);
  assert.deepEqual(await (await fetch(`${running.base}/healthz`)).json(), { status: 'ok', database: 'postgres' }, running.output());
  assert.equal(((await (await fetch(`${running.base}/api/v1/network/summary`)).json()) as { total: number }).total, 560);
  const token = cli(['token', 'create', '--role', 'admin', '--name', 'roles', '--national'], server).stdout.trim();
  const audit = await fetch(`${running.base}/en/staff/audit`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(audit.status, 200);
  running.child.kill('SIGTERM');
  assert.equal(await running.exited, 0);

  // The server started with both URLs migrates (nothing to do) and grants again, then serves.
  const again = await startServer(both);
  assert.equal((await fetch(`${again.base}/healthz`)).status, 200, again.output());
  again.child.kill('SIGTERM');
  assert.equal(await again.exited, 0);
});
