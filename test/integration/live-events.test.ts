/**
 * Live updates cross processes: a browser connected to app B hears a change committed through
 * app A, because the event travels by PostgreSQL NOTIFY. On PostgreSQL the two apps hold separate
 * connections (as two processes would); the embedded engine is one process, so they share it.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { publishEvent } from '../../src/platform/db/event-bus.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../helpers/database.js';

let shared: TestDatabase;
let second: Database;
let appA: TestApp;
let appB: TestApp;

before(async () => {
  shared = await createTestDatabase();
  second = shared.url ? await openDatabase({ url: shared.url, poolSize: 2 }) : shared;
  appA = await buildTestApp({ database: shared });
  appB = await buildTestApp({ database: { ...second, url: shared.url } });
  await appB.app.listen({ host: '127.0.0.1', port: 0 });
});
after(async () => {
  await appA.close();
  await appB.close();
  if (second !== shared) await second.close();
  await shared.close();
});

interface ServerEvent {
  event: string;
  data: unknown;
}

function subscribe(port: number, path: string) {
  const events: ServerEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const request = http.get({ host: '127.0.0.1', port, path }, (response) => {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        waiters.splice(0).forEach((wake) => wake());
      }
    });
  });
  const waitFor = async (count: number, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (events.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return events;
  };
  return { events, waitFor, close: () => request.destroy() };
}

test('a browser on app B hears what app A commits, after a snapshot', async () => {
  const port = (appB.app.server.address() as { port: number }).port;
  const stream = subscribe(port, '/api/v1/live/network');
  const [snapshot] = await stream.waitFor(1);
  assert.equal(snapshot?.event, 'snapshot');
  assert.equal((snapshot?.data as { total: number }).total, 0);
  // Let the LISTEN settle before publishing from the other side.
  await new Promise((resolve) => setTimeout(resolve, 200));

  await assert.rejects(
    shared.db.transaction().execute(async (trx) => {
      await publishEvent(trx, 'network', { change: 'rolled_back' });
      throw new Error('abandon');
    }),
  );
  await shared.db.transaction().execute((trx) => publishEvent(trx, 'network', { change: 'status', site: 'SCC-ON-001' }));

  const events = await stream.waitFor(2);
  stream.close();
  assert.deepEqual(
    events.slice(1).map((e) => e.data),
    [{ change: 'status', site: 'SCC-ON-001' }],
    'only the committed change arrives',
  );
});

test('a stream whose process lost its listening connection gets the state afresh, then hears changes again', { skip: onPostgres() ? false : 'the embedded database has no connection to lose' }, async () => {
  const port = (appB.app.server.address() as { port: number }).port;
  const stream = subscribe(port, '/api/v1/live/network');
  assert.equal((await stream.waitFor(1))[0]?.event, 'snapshot');
  assert.ok(second.bus.listening());

  // The connection that LISTENs is cut, as a restart of PostgreSQL or a network fault would.
  const cut = await sql<{ cut: boolean }>`select pg_terminate_backend(pid) as cut from pg_stat_activity where query like 'listen %' and pid <> pg_backend_pid()`.execute(shared.db);
  assert.ok(cut.rows.length > 0 && cut.rows.every((row) => row.cut), 'a listening connection was cut');
  const snapshots = await stream.waitFor(2, 15_000);
  assert.equal(snapshots[1]?.event, 'snapshot', 'the stream is sent the state afresh once the bus listens again');
  assert.ok(second.bus.listening());

  await shared.db.transaction().execute((trx) => publishEvent(trx, 'network', { change: 'status', site: 'SCC-ON-002' }));
  const events = await stream.waitFor(3);
  stream.close();
  assert.deepEqual(events[2], { event: 'change', data: { change: 'status', site: 'SCC-ON-002' } });
});
