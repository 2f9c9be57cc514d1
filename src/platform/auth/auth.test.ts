import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, CookieJar, signIn, signInFrom, TEST_PASSWORD } from '../../../test/helpers/http.js';
import { listAudit, systemActor } from '../audit.repo.js';
import { SIGN_IN_POLICY } from '../throttle/policy.js';
import { createApiToken, revokeApiToken } from './auth.service.js';

describe('staff sign-in', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await createUser(t.database, 'agent', 'agent@test.example');
    await createUser(t.database, 'admin', 'admin@test.example');
  });
  after(() => t.close());

  test('a staff page sends an anonymous visitor to sign in, in the page language', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/fr/personnel' });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/fr/connexion?next=%2Ffr%2Fpersonnel');
  });

  test('signing in sets a signed, HttpOnly session cookie and opens the staff page', async () => {
    const { jar, response } = await signIn(t.app, 'AGENT@test.example');
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/en/staff');
    const cookie = (response.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find((c) => c.name === 'guichet_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const page = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Test agent/);
    const audit = await listAudit(t.database.db, { action: 'auth.sign_in', limit: 10 });
    assert.equal(audit.length, 1);
  });

  test('a wrong password says so in the page language and changes no session', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/fr/connexion' });
    const jar = new CookieJar();
    jar.store(form);
    const response = await t.app.inject({
      method: 'POST',
      url: '/fr/connexion',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'admin@test.example', password: 'wrong password!', _csrf: csrfTokenOf(form.body) }).toString(),
    });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /L&#x27;adresse courriel ou le mot de passe est incorrect|L'adresse courriel ou le mot de passe est incorrect/);
    assert.match(response.body, /class="error-summary"/);
    assert.ok(!(response.cookies as { name: string }[]).some((c) => c.name === 'guichet_session'));
  });

  test('a form posted without its CSRF token is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/en/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=admin%40test.example&password=${encodeURIComponent(TEST_PASSWORD)}`,
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /This form has expired/);
  });

  test('repeated wrong passwords hold back the address they come from, never the account', async () => {
    await createUser(t.database, 'analyst', 'lock@test.example');
    const from = (remoteAddress: string, password: string) => signInFrom(t.app, 'lock@test.example', password, remoteAddress);
    for (let i = 0; i <= SIGN_IN_POLICY.pair.free; i++) assert.equal((await from('192.0.2.50', 'not the password')).statusCode, 401);
    const held = await from('192.0.2.50', TEST_PASSWORD);
    assert.equal(held.statusCode, 429);
    assert.match(held.body, /Too many failed sign-ins from this device or network/);
    assert.equal((await from('192.0.2.51', TEST_PASSWORD)).statusCode, 303, 'the officer, elsewhere, signs in');
    t.clock.advance(Number(held.headers['retry-after']) * 1000);
    assert.equal((await from('192.0.2.50', TEST_PASSWORD)).statusCode, 303, 'after the announced wait');
    const refused = await listAudit(t.database.db, { action: 'auth.sign_in_refused', limit: 10 });
    assert.deepEqual(refused.map((r) => r.details), [{ reason: 'throttled', by: 'pair' }]);
  });

  test('signing out ends the session on the server', async () => {
    const { jar } = await signIn(t.app, 'agent@test.example');
    const staff = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
    const out = await t.app.inject({
      method: 'POST',
      url: '/en/sign-out',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrfTokenOf(staff.body))}`,
    });
    assert.equal(out.statusCode, 303);
    const again = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
    assert.equal(again.statusCode, 303);
  });

  test('an idle session expires', async () => {
    const { jar } = await signIn(t.app, 'agent@test.example');
    t.clock.advance(3 * 3_600_000);
    const response = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
    assert.equal(response.statusCode, 303);
  });

  test('only the next path of this site is followed after sign-in', async () => {
    const ok = await signIn(t.app, 'agent@test.example');
    assert.equal(ok.response.headers.location, '/en/staff');
    const form = await t.app.inject({ method: 'GET', url: '/en/sign-in?next=https://evil.example/' });
    assert.doesNotMatch(form.body, /name="next"/);
    const local = await t.app.inject({ method: 'GET', url: '/en/sign-in?next=/en/staff/audit' });
    assert.match(local.body, /name="next" value="\/en\/staff\/audit"/);
  });
});

describe('API tokens', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp()));
  after(() => t.close());

  test('a bearer token acts with its role; a revoked or unknown one is refused', async () => {
    const created = await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor(), name: 'metrics', role: 'admin' });
    assert.match(created.token, /^gt_/);
    const ok = await t.app.inject({ method: 'GET', url: '/en/staff/audit', headers: { authorization: `Bearer ${created.token}` } });
    assert.equal(ok.statusCode, 200);
    await revokeApiToken({ db: t.database.db, clock: t.clock, actor: systemActor(), id: created.id });
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/service-points', headers: { authorization: `Bearer ${created.token}`, 'accept-language': 'fr' } });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.json().code, 'auth.invalid_token');
    assert.match(refused.json().message, /jeton/);
  });

  test('the token is stored only as a hash', async () => {
    const created = await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor(), name: 'x', role: 'analyst' });
    const rows = await t.database.db.selectFrom('api_tokens').select('token_hash').execute();
    assert.ok(rows.every((row) => row.token_hash !== created.token && row.token_hash.length === 64));
  });
});
