/**
 * Every route × every role (and nobody): a route answers only those its access allows, refuses
 * the others with 401 (nobody) or 403 (the wrong role), and never answers 5xx. Pages send
 * nobody to sign in instead. The table comes from the app itself, so a new route is walked too.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { allows, ROLES, type Role } from '../../src/platform/auth/roles.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { CookieJar, csrfTokenOf } from '../helpers/http.js';

let t: TestApp;
const tokens = new Map<Role, string>();
let csrf: { jar: CookieJar; token: string };

before(async () => {
  t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '100000' } });
  for (const role of ROLES) tokens.set(role, (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor(), name: role, role })).token);
  const form = await t.app.inject({ method: 'GET', url: '/en/sign-in' });
  const jar = new CookieJar();
  jar.store(form);
  csrf = { jar, token: csrfTokenOf(form.body) };
});
after(() => t.close());

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'SCC-ON-001').replace(/\*$/, 'index.html');

/** Event streams never end: read the status line, then hang up. */
function streamStatus(port: number, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: url, headers }, (response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', reject);
  });
}

test('the app declares access on every route it serves', () => {
  assert.ok(t.app.routeTable.length > 20);
  for (const route of t.app.routeTable) assert.ok(route.access, `${route.method} ${route.url}`);
});

test('every route × role answers as its access says', async () => {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (t.app.server.address() as { port: number }).port;
  const principals: (Role | null)[] = [null, ...ROLES];
  const failures: string[] = [];
  for (const route of t.app.routeTable.filter((r) => r.method !== 'HEAD')) {
    for (const role of principals) {
      const headers: Record<string, string> = { cookie: csrf.jar.header(), 'x-csrf-token': csrf.token };
      if (role) headers.authorization = `Bearer ${tokens.get(role)}`;
      const url = concrete(route.url);
      let status: number;
      let location: string | undefined;
      if (url.includes('/live/')) status = await streamStatus(port, url, headers);
      else {
        const response = await t.app.inject({ method: route.method as 'GET', url, headers, ...(route.method === 'GET' ? {} : { payload: {} }) });
        status = response.statusCode;
        location = response.headers.location as string | undefined;
      }
      const allowed = allows(route.access, role ?? undefined);
      const who = role ?? 'anonymous';
      const where = `${route.method} ${route.url} as ${who}: ${status}`;
      if (status >= 500) failures.push(`${where} (server error)`);
      else if (allowed && (status === 401 || status === 403)) failures.push(`${where} (should be allowed)`);
      else if (!allowed && role && status !== 403) failures.push(`${where} (expected 403)`);
      else if (!allowed && !role) {
        const toSignIn = status === 303 && /\/(en\/sign-in|fr\/connexion)\?next=/.test(location ?? '');
        if (status !== 401 && !toSignIn) failures.push(`${where} (expected 401 or a redirect to sign in)`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a route that forgets to declare its access cannot be registered', async () => {
  const Fastify = (await import('fastify')).default;
  const cookie = (await import('@fastify/cookie')).default;
  const csrfProtection = (await import('@fastify/csrf-protection')).default;
  const authPlugin = (await import('../../src/platform/http/auth.plugin.js')).default;
  const bare = Fastify();
  await bare.register(cookie, { secret: 'x'.repeat(32) });
  await bare.register(csrfProtection);
  await bare.register(authPlugin, { db: t.database.db, clock: t.clock, i18n: (await import('../../src/platform/i18n/index.js')).createI18n(), signInPath: () => '/', publicPrefixes: [] });
  await bare.after();
  assert.throws(() => bare.get('/api/v1/forgotten', async () => 'open'), /declares no config.access/);
  await bare.close();
});
