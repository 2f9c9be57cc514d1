/**
 * While PostgreSQL is away every route answers 503 with Retry-After and a translated message, the
 * process stays up, and it recovers by itself when the database returns — the pool and the
 * LISTEN connection of the event bus included. The test stops its own cluster, not the shared one.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postgresInstalled, startCluster, type Cluster } from '../helpers/cluster.js';
import { createEmptyDatabase, onPostgres } from '../helpers/database.js';
import { cli, killAll, startServer, type ServerProcess } from '../helpers/process.js';

const skip = !onPostgres() ? 'the embedded database cannot be unreachable' : !postgresInstalled() ? 'PostgreSQL is not installed' : false;

let cluster: Cluster | undefined;
let server: ServerProcess;
let token: string;

before(async () => {
  if (skip) return;
  cluster = await startCluster();
  const { ownerUrl, appUrl } = await createEmptyDatabase(cluster.url);
  const env = { DATABASE_URL: appUrl, DATABASE_OWNER_URL: ownerUrl, GUICHET_DEMO: 'off', PUBLIC_RATE_LIMIT: '100000' };
  server = await startServer(env);
  assert.equal((await fetch(`${server.base}/healthz`)).status, 200, server.output());
  const created = cli(['token', 'create', '--role', 'admin', '--name', 'outage', '--national'], env);
  assert.equal(created.status, 0, created.stderr);
  token = created.stdout.trim();
});
after(() => {
  killAll();
  cluster?.stop();
});

const csv = (id: string) => `external_id,name_en,name_fr,type,province,latitude,longitude,services\n${id},Office ${id},Bureau ${id},scc,ON,45.4,-75.7,sin`;

/** Representative routes: pages in both languages, a public read, a staff write, health, a live stream. */
const routes = (suffix: string) => [
  { name: 'page (en)', url: '/en/service-points', language: 'en', page: true },
  { name: 'page (fr)', url: '/fr/points-de-service', language: 'fr', page: true },
  { name: 'public API read', url: '/api/v1/service-points', language: 'en' },
  { name: 'public API read (fr)', url: '/api/v1/network/summary', language: 'fr' },
  { name: 'staff API write', url: '/api/v1/service-points/import', language: 'fr', write: csv(`OUT-${suffix}`) },
  { name: 'live stream', url: '/api/v1/live/network', language: 'en' },
  { name: 'health', url: '/healthz', language: 'en' },
];

const call = (route: ReturnType<typeof routes>[number], signal?: AbortSignal) =>
  fetch(`${server.base}${route.url}`, {
    method: route.write ? 'POST' : 'GET',
    headers: { 'accept-language': route.language, ...(route.write ? { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } : {}) },
    body: route.write,
    signal,
  });

const MESSAGE = { en: 'The service is not available right now', fr: "Le service n'est pas disponible pour le moment" };

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.fail(`gave up waiting for ${what}\n${server.output().slice(-3000)}`);
}

test('with the database stopped every route answers 503 with Retry-After in the asked language; it recovers by itself', { skip, timeout: 600_000 }, async (context) => {
  cluster!.pause();
  // The first request after the cut may still meet a connection the pool has not yet dropped.
  await waitFor(async () => (await fetch(`${server.base}/healthz`)).status === 503, 'the outage to be seen');
  for (const route of routes('down')) {
    const response = await call(route);
    const body = await response.text();
    assert.equal(response.status, 503, `${route.name}: ${body}`);
    assert.equal(response.headers.get('retry-after'), '30', route.name);
    const message = MESSAGE[route.language as 'en' | 'fr'];
    if (route.page) {
      assert.match(String(response.headers.get('content-type')), /text\/html/, route.name);
      assert.match(body, new RegExp(`<html[^>]*lang="${route.language}"`), route.name);
      assert.ok(decodeEntities(body).includes(message), `${route.name} says "${message}"`);
    } else {
      const json = JSON.parse(body) as { code: string; message: string };
      assert.equal(json.code, 'common.service_unavailable', route.name);
      assert.ok(json.message.startsWith(message), `${route.name}: ${json.message}`);
    }
    context.diagnostic(`down: ${route.name} ${route.url} → ${response.status}, Retry-After ${response.headers.get('retry-after')}`);
  }
  assert.equal(server.child.exitCode, null, 'the process is still running');

  cluster!.resume();
  await waitFor(async () => (await fetch(`${server.base}/healthz`)).status === 200, 'the server to recover');
  // The event bus listens again: a live stream hears a change made after the return.
  const stream = new AbortController();
  const live = await call(routes('')[5]!, stream.signal);
  assert.equal(live.status, 200);
  const reader = live.body!.getReader();
  let heard = '';
  const hear = async (pattern: RegExp) => {
    while (!pattern.test(heard)) {
      const { value, done } = await reader.read();
      if (done) break;
      heard += Buffer.from(value).toString('utf8');
    }
    return pattern.test(heard);
  };
  assert.ok(await hear(/event: snapshot/));
  for (const route of routes('up').filter((r) => r.name !== 'live stream')) {
    const response = await call(route);
    assert.equal(response.status, 200, `${route.name}: ${await response.text()}`);
    context.diagnostic(`back: ${route.name} ${route.url} → ${response.status}`);
  }
  const silence = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000).unref());
  assert.ok(await Promise.race([hear(/event: change/), silence]), `the import's change event reaches the stream:\n${heard}`);
  stream.abort();
  assert.equal((await fetch(`${server.base}/api/v1/service-points/OUT-up`)).status, 200, 'the write made after the return is there');
  assert.equal(server.child.exitCode, null);
});

const decodeEntities = (html: string) => html.replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
