/**
 * Staff single sign-on in Chromium, with JavaScript off, in English and in French: the sign-in
 * page's button, oidc-provider's own login and consent pages on loopback, back to the staff page
 * asked for; sign-out through the provider's end-session page and back to Guichet. The sign-in
 * page with both ways in, and the page that refuses someone, pass axe in both languages.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { oidcEnv, startOidcProvider, type TestProvider } from '../helpers/oidc-provider.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let t: TestApp;
let provider: TestProvider;
let browser: Browser;
let base: string;

/** A loopback port that is free now: Guichet's public URL must be known before the provider registers it. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    redirectUri: `${base}/auth/oidc/callback`,
    postLogoutRedirectUri: `${base}/`,
    accounts: {
      'marie.roy': { email: 'marie.roy@example.gc.ca', email_verified: true, name: 'Marie Roy', groups: ['guichet-agents'] },
      'sam.lee': { email: 'sam.lee@example.gc.ca', email_verified: true, name: 'Sam Lee', groups: ['guichet-admins'] },
      stranger: { email: 'stranger@example.gc.ca', email_verified: true, name: 'Stranger', groups: ['finance'] },
    },
  });
  t = await buildTestApp({ env: oidcEnv(provider, base, { PUBLIC_RATE_LIMIT: '100000', COOKIE_SECURE: 'true' }) });
  await t.app.listen({ host: '127.0.0.1', port });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await provider?.close();
});

/** A browser context that reaches only loopback (the provider's pages ask for web fonts). */
async function loopbackContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return context;
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${page.url()}: ${v.id} (${v.impact}) ${v.help}`);
}

/** The provider's development pages: any login, any password, then consent. */
async function atTheProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'anything');
  await page.click('button[type=submit]');
  if (await page.$('input[name=prompt][value=consent]')) await page.click('button[type=submit]');
}

const journeys = [
  { language: 'en', login: 'marie.roy', protectedPath: '/en/staff', button: 'Sign in with Loopback ID', welcome: /Welcome, Marie Roy\. You are signed in as citizen services officer\./, home: '/en' },
  { language: 'fr', login: 'sam.lee', protectedPath: '/fr/personnel/journal', button: 'Se connecter avec Loopback ID', welcome: /auth\.sign_in/, home: '/fr' },
] as const;

for (const journey of journeys) {
  test(`single sign-on and sign-out with JavaScript off (${journey.language})`, async () => {
    const context = await loopbackContext({ javaScriptEnabled: false, locale: journey.language === 'fr' ? 'fr-CA' : 'en-CA' });
    const page = await context.newPage();
    await page.goto(base + journey.protectedPath);
    assert.equal(new URL(page.url()).pathname, journey.language === 'fr' ? '/fr/connexion' : '/en/sign-in');

    await page.click(`button:has-text("${journey.button}")`);
    await atTheProvider(page, journey.login);
    await page.waitForURL(base + journey.protectedPath);
    assert.match((await page.textContent('main'))!, journey.welcome);
    assert.equal(await page.getAttribute('html', 'lang'), journey.language);
    const cookies = await context.cookies(base);
    assert.ok(cookies.some((c) => c.name === 'guichet_session' && c.httpOnly));
    assert.ok(!cookies.some((c) => c.name === 'guichet_oidc'), 'the flow cookie is gone once used');

    // Sign-out: Guichet's session ends, the provider asks to confirm its own, then sends the browser back.
    await page.click('.staff-bar button[type=submit]');
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.click('button[value=yes]');
    await page.waitForURL((url) => url.origin === base);
    assert.equal(new URL(page.url()).pathname, journey.home);
    await page.goto(base + journey.protectedPath);
    assert.equal(new URL(page.url()).pathname, journey.language === 'fr' ? '/fr/connexion' : '/en/sign-in');
    await context.close();
  });
}

test('the sign-in page with single sign-on, and the refusal page, pass axe in both languages', async () => {
  const violations: string[] = [];
  for (const path of ['/en/sign-in', '/fr/connexion']) {
    const context = await loopbackContext(); // a fresh browser: no session at the provider yet
    const page = await context.newPage();
    await page.goto(base + path);
    violations.push(...(await axe(page)));
    // Someone in no mapped group: a translated 403 page, and no session.
    await page.click('form.sso-sign-in button[type=submit]');
    await atTheProvider(page, 'stranger');
    await page.waitForURL((url) => url.origin === base);
    assert.match((await page.textContent('h1'))!, /403/);
    assert.match((await page.textContent('main'))!, path.startsWith('/fr') ? /aucun groupe qui donne accès à Guichet/ : /in no group that gives access to Guichet/);
    assert.ok(!(await context.cookies(base)).some((c) => c.name === 'guichet_session'));
    violations.push(...(await axe(page)));
    await context.close();
  }
  assert.deepEqual(violations, []);
});
