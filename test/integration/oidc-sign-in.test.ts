/**
 * Staff single sign-on against a real OpenID provider (oidc-provider on loopback), driven over
 * HTTP like a browser would: Guichet's redirect, the provider's login and consent pages, the
 * callback, then staff pages with the session; sign-out to the provider's end-session endpoint;
 * people refused (no mapped group, a deactivated account, an email that belongs to someone
 * else); a change of group taking effect at the next sign-in; a local account claimed by a
 * verified email.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { createI18n } from '../../src/platform/i18n/index.js';
import { createMemoryMailer } from '../../src/platform/mailer.js';
import { createMemorySms } from '../../src/platform/sms.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';
import { CookieJar, createUser, csrfTokenOf, signIn as passwordSignIn, TEST_PASSWORD } from '../helpers/http.js';
import { completeProviderLogin, oidcEnv, ProviderCookies, startOidcProvider, type TestProvider } from '../helpers/oidc-provider.js';

const PUBLIC_URL = 'http://guichet.test';
const REDIRECT_URI = `${PUBLIC_URL}/auth/oidc/callback`;
let t: TestApp;
let provider: TestProvider;

before(async () => {
  provider = await startOidcProvider({
    redirectUri: REDIRECT_URI,
    postLogoutRedirectUri: `${PUBLIC_URL}/`,
    accounts: {
      ana: { email: 'ana.tremblay@example.gc.ca', email_verified: true, name: 'Ana Tremblay', groups: ['staff', 'guichet-reception'] },
      outsider: { email: 'outsider@example.gc.ca', email_verified: true, name: 'Olivier Outsider', groups: ['staff', 'finance'] },
      claimer: { email: 'local.admin@test.example', email_verified: false, name: 'Not Verified', groups: ['guichet-admins'] },
      owner: { email: 'local.agent@test.example', email_verified: true, name: 'Lou Agent', groups: ['guichet-agents'] },
      leaver: { email: 'leaver@example.gc.ca', email_verified: true, name: 'Léa Leaver', groups: ['guichet-agents'] },
    },
  });
  t = await buildLoggingApp();
});

/** The app as buildTestApp makes it, but logging at `info` into `logLines`, which a test scans for secrets. */
const logLines: string[] = [];
async function buildLoggingApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const stream = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', COOKIE_SECURE: 'false', ...oidcEnv(provider, PUBLIC_URL) });
  const clock = fixedClock('2026-11-23T15:00:00Z');
  const [mailer, sms] = [createMemoryMailer(), createMemorySms()];
  const app = await buildApp({ config, database, clock, mailer, sms, i18n: createI18n(), logger: { level: 'info', stream } });
  return { app, database, clock, mailer, sms, config, close: async () => (await app.close(), await database.close()) };
}

after(async () => {
  await t?.close();
  await provider?.close();
});

/** The whole journey from Guichet's sign-in page back to Guichet; the callback's response. */
async function ssoSignIn(login: string, options: { language?: 'en' | 'fr'; next?: string; jar?: CookieJar; providerCookies?: ProviderCookies } = {}) {
  const jar = options.jar ?? new CookieJar();
  const signInPath = options.language === 'fr' ? '/fr/connexion' : '/en/sign-in';
  const page = await t.app.inject({ method: 'GET', url: signInPath + (options.next ? `?next=${encodeURIComponent(options.next)}` : ''), headers: { cookie: jar.header() } });
  jar.store(page);
  const action = /<form class="sso-sign-in" action="([^"]+)"/.exec(page.body)?.[1];
  assert.ok(action, 'the sign-in page offers single sign-on');
  const start = await t.app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body), ...(options.next ? { next: options.next } : {}) }).toString(),
  });
  assert.equal(start.statusCode, 303);
  jar.store(start);
  const flowCookie = decodeURIComponent(/guichet_oidc=([^;]*)/.exec(jar.header())![1]!);
  const authorizationUrl = start.headers.location as string;
  const callback = await completeProviderLogin({ authorizationUrl, redirectUri: REDIRECT_URI, login, cookies: options.providerCookies });
  const response = await t.app.inject({ method: 'GET', url: callback.pathname + callback.search, headers: { cookie: jar.header() } });
  jar.store(response);
  return { jar, response, authorizationUrl: new URL(authorizationUrl), callback, flowCookie };
}

const userByEmail = (email: string) => t.database.db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
const auditActions = async (entityId: string) =>
  (await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('id').execute()).map((row) => row.action);

test('the sign-in page offers the provider by its label, beside the password form, in both languages', async () => {
  const en = await t.app.inject({ method: 'GET', url: '/en/sign-in' });
  assert.match(en.body, /<button type="submit">Sign in with Loopback ID<\/button>/);
  assert.match(en.body, /id="password"/);
  const fr = await t.app.inject({ method: 'GET', url: '/fr/connexion' });
  assert.match(fr.body, /Se connecter avec Loopback ID/);
  assert.match(fr.body, /action="\/fr\/connexion\/sso"/);
});

test('sign-in end to end: code flow with PKCE, state and nonce; the account is created with its mapped role and the session opens a staff page', async () => {
  const { jar, response, authorizationUrl } = await ssoSignIn('ana', { next: '/en/staff' });
  const params = authorizationUrl.searchParams;
  assert.equal(params.get('response_type'), 'code');
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.ok(params.get('code_challenge') && params.get('state') && params.get('nonce'));
  assert.equal(params.get('redirect_uri'), REDIRECT_URI);
  assert.equal(params.has('code_verifier'), false, 'the verifier never leaves the server side');

  assert.equal(response.statusCode, 303);
  assert.equal(response.headers.location, '/en/staff');
  const staff = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
  assert.equal(staff.statusCode, 200);
  assert.match(staff.body, /Welcome, Ana Tremblay\. You are signed in as reception officer\./);

  const user = (await userByEmail('ana.tremblay@example.gc.ca'))!;
  assert.equal(user.role, 'reception');
  assert.equal(user.oidc_issuer, provider.issuer);
  assert.equal(user.oidc_subject, 'ana');
  assert.deepEqual(await auditActions(user.id), ['staff_user.create', 'auth.sign_in']);

  // No usable local password: the password form refuses the account.
  const local = await passwordSignIn(t.app, 'ana.tremblay@example.gc.ca', TEST_PASSWORD);
  assert.equal(local.response.statusCode, 401);
});

test('the flow cookie is single-use: replaying the callback is refused and audited', async () => {
  const { jar, callback } = await ssoSignIn('ana');
  const replay = await t.app.inject({ method: 'GET', url: callback.pathname + callback.search, headers: { cookie: jar.header(), 'accept-language': 'fr' } });
  assert.equal(replay.statusCode, 400);
  assert.match(replay.headers['content-type'] as string, /text\/html/);
  const failures = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.sign_in_failed').execute();
  assert.ok(failures.some((row) => (row.details as { reason?: string }).reason === 'oidc.flow_expired'));
});

test('sign-out ends the local session and sends the browser to the provider to end its own', async () => {
  const { jar } = await ssoSignIn('ana');
  const staff = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
  const out = await t.app.inject({
    method: 'POST',
    url: '/en/sign-out',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenOf(staff.body) }).toString(),
  });
  assert.equal(out.statusCode, 303);
  const endSession = new URL(out.headers.location as string);
  assert.equal(endSession.origin, provider.issuer);
  assert.equal(endSession.pathname, '/session/end');
  assert.equal(endSession.searchParams.get('post_logout_redirect_uri'), `${PUBLIC_URL}/`);
  assert.ok(endSession.searchParams.get('id_token_hint'));
  const session = jar.header();
  const again = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: session } });
  assert.equal(again.statusCode, 303, 'the old cookie opens nothing');
  // The provider accepts the hint and the return address: it answers with its confirmation step.
  const confirm = await fetch(endSession);
  assert.equal(confirm.status, 200);
  assert.match(await confirm.text(), /action="[^"]+\/session\/end\/confirm"/);
});

test('a password session signs out locally, without a trip to the provider', async () => {
  await createUser(t.database, 'agent', 'plain.agent@test.example');
  const { jar } = await passwordSignIn(t.app, 'plain.agent@test.example');
  const staff = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { cookie: jar.header() } });
  const out = await t.app.inject({
    method: 'POST',
    url: '/en/sign-out',
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenOf(staff.body) }).toString(),
  });
  assert.equal(out.headers.location, '/en/sign-in');
});

test('a person in no mapped group is refused with a translated 403 page, audited, with no account and no session', async () => {
  for (const language of ['en', 'fr'] as const) {
    const { jar, response } = await ssoSignIn('outsider', { language });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, language === 'en' ? /in no group that gives access to Guichet/ : /ne fait partie d&#x27;aucun groupe/);
    assert.match(response.body, new RegExp(`<html lang="${language}"`));
    assert.equal(jar.has('guichet_session'), false);
  }
  assert.equal(await userByEmail('outsider@example.gc.ca'), undefined);
  const refusals = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.sign_in_refused').execute();
  const mine = refusals.map((row) => row.details as { reason: string; subject: string; groups: string[] }).filter((d) => d.subject === 'outsider');
  assert.equal(mine.length, 2);
  assert.deepEqual(mine[0], { method: 'oidc', reason: 'oidc.no_role', issuer: provider.issuer, subject: 'outsider', groups: ['staff', 'finance'] });
});

test('a change of groups at the provider takes effect at the next sign-in; losing every group refuses it', async () => {
  const cookies = new ProviderCookies(); // the same browser: the provider remembers the person
  const first = await ssoSignIn('leaver', { providerCookies: cookies });
  assert.equal((await t.app.inject({ method: 'GET', url: '/en/network/import', headers: { cookie: first.jar.header() } })).statusCode, 403);

  provider.accounts.get('leaver')!.groups = ['guichet-supervisors', 'guichet-agents'];
  const second = await ssoSignIn('leaver', { providerCookies: cookies });
  assert.equal(second.response.statusCode, 303);
  assert.equal((await t.app.inject({ method: 'GET', url: '/en/network/import', headers: { cookie: second.jar.header() } })).statusCode, 200);
  const user = (await userByEmail('leaver@example.gc.ca'))!;
  assert.equal(user.role, 'supervisor', 'the first group of the map that the person is in decides');
  const change = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'staff_user.role_change').where('entity_id', '=', user.id).executeTakeFirstOrThrow();
  assert.deepEqual(change.details, { from: 'agent', to: 'supervisor', source: 'oidc' });

  provider.accounts.get('leaver')!.groups = [];
  const third = await ssoSignIn('leaver', { providerCookies: cookies });
  assert.equal(third.response.statusCode, 403);
  assert.equal(third.jar.has('guichet_session'), false);
});

test('a deactivated account is refused even with a mapped group', async () => {
  await createUser(t.database, 'agent', 'local.agent@test.example');
  assert.equal((await passwordSignIn(t.app, 'local.agent@test.example')).response.statusCode, 303);
  const { jar } = await ssoSignIn('owner'); // a verified email: claims the local account (see the next test)
  assert.ok(jar.has('guichet_session'));
  const user = (await userByEmail('local.agent@test.example'))!;
  await t.database.db.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', user.id).execute();
  const refused = await ssoSignIn('owner', { language: 'fr' });
  assert.equal(refused.response.statusCode, 403);
  assert.match(refused.response.body, /Ce compte Guichet a été désactivé/);
  await t.database.db.updateTable('staff_users').set({ disabled_at: null }).where('id', '=', user.id).execute();
});

test('a verified email claims the local account of that address, whose password then stops working; an unverified one claims nothing', async () => {
  await createUser(t.database, 'admin', 'local.admin@test.example');
  const unverified = await ssoSignIn('claimer');
  assert.equal(unverified.response.statusCode, 403);
  assert.match(unverified.response.body, /already uses this email address/);
  const admin = (await userByEmail('local.admin@test.example'))!;
  assert.equal(admin.oidc_subject, null);
  assert.equal((await passwordSignIn(t.app, 'local.admin@test.example')).response.statusCode, 303, 'the local account is untouched');

  // 'owner' (email verified) linked local.agent@test.example in the previous test; it was created with a password.
  const linked = (await userByEmail('local.agent@test.example'))!;
  assert.equal(linked.oidc_subject, 'owner');
  assert.ok((await auditActions(linked.id)).includes('staff_user.link_oidc'));
  assert.equal((await passwordSignIn(t.app, 'local.agent@test.example')).response.statusCode, 401);
});

test('the provider being down makes single sign-on unavailable (503, translated), while passwords still work', async () => {
  const down = await buildTestApp({ database: t.database, env: oidcEnv(provider, PUBLIC_URL, { OIDC_ISSUER_URL: 'http://127.0.0.1:9' }) });
  try {
    const jar = new CookieJar();
    const page = await down.app.inject({ method: 'GET', url: '/fr/connexion' });
    jar.store(page);
    const start = await down.app.inject({
      method: 'POST',
      url: '/fr/connexion/sso',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body) }).toString(),
    });
    assert.equal(start.statusCode, 503);
    assert.match(start.body, /L&#x27;authentification unique n&#x27;est pas disponible/);
    await createUser(down.database, 'analyst', 'still.works@test.example');
    assert.equal((await passwordSignIn(down.app, 'still.works@test.example')).response.statusCode, 303);
  } finally {
    await down.app.close();
  }
});

test('what the flow keeps secret reaches no log line: verifier, nonce, code, state, tokens, client secret', async () => {
  const { jar, callback, authorizationUrl, flowCookie } = await ssoSignIn('ana');
  assert.equal(jar.has('guichet_oidc'), false, 'the flow cookie was cleared');
  const flow = JSON.parse(Buffer.from(flowCookie.split('.')[0]!, 'base64url').toString()) as { codeVerifier: string; state: string };
  assert.equal(flow.state, authorizationUrl.searchParams.get('state'));
  const session = /guichet_session=([^;.]*)/.exec(jar.header())![1]!;
  const idToken = (await t.database.db.selectFrom('staff_sessions').select('oidc_id_token').where('oidc_id_token', 'is not', null).orderBy('created_at', 'desc').executeTakeFirstOrThrow()).oidc_id_token!;
  const secrets = {
    verifier: flow.codeVerifier,
    code: callback.searchParams.get('code')!,
    state: authorizationUrl.searchParams.get('state')!,
    nonce: authorizationUrl.searchParams.get('nonce')!,
    idToken,
    session,
    clientSecret: provider.clientSecret,
  };
  const log = logLines.join('');
  assert.ok(log.length > 0, 'the app did log');
  for (const [name, value] of Object.entries(secrets)) assert.equal(log.includes(value), false, `${name} appears in the log`);
});
