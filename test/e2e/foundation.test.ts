/**
 * Journeys a person makes, in headless Chromium. Public pages with JavaScript off (a client on a
 * slow link), in English and in French; staff sign-in by keyboard; the language toggle keeps
 * the page; the skip link reaches the content.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/http.js';

let browser: Browser;
let base: string;

let suite: BrowserSuite;
before(async () => {
  suite = await startBrowserSuite();
  ({ browser, base } = suite);
});
after(() => suite?.close());

test('with JavaScript off: home → toggle → find → directory → filter → a service point, in both languages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  assert.equal(new URL(page.url()).pathname, '/en');
  assert.match((await page.textContent('main'))!, /560 service points/);

  await page.click('.language-toggle a');
  assert.equal(new URL(page.url()).pathname, '/fr');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.match((await page.textContent('main'))!, /560 points de service/);

  await page.click('text=Trouver un point de service');
  await page.click('text=Parcourir tous les points de service par province');
  assert.equal(new URL(page.url()).pathname, '/fr/points-de-service');
  await page.selectOption('#province', 'NU');
  await page.click('button[type=submit]');
  assert.match(page.url(), /province=NU/);
  const rows = await page.$$eval('tbody tr td:last-child', (cells) => cells.map((cell) => cell.textContent));
  assert.ok(rows.length > 0 && rows.every((code) => code === 'NU'));

  await page.click('tbody tr:first-child a');
  assert.match(new URL(page.url()).pathname, /^\/fr\/points-de-service\/[A-Z]+-NU-\d+$/);
  assert.match((await page.textContent('main'))!, /Heures d'ouverture/);
  await page.click('.language-toggle a');
  assert.match(new URL(page.url()).pathname, /^\/en\/service-points\/[A-Z]+-NU-\d+$/);
  assert.match((await page.textContent('main'))!, /Opening hours/);
  await context.close();
});

test('staff sign in by keyboard, see their tools and the audit log, and sign out (JavaScript off)', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/fr/personnel/journal`);
  assert.equal(new URL(page.url()).pathname, '/fr/connexion');

  await page.click('button[type=submit]');
  assert.match((await page.textContent('.error-summary'))!, /Le formulaire contient 2 erreurs/);
  await page.click('.error-summary a[href="#email"]');

  await page.focus('#email');
  await page.keyboard.type('admin@test.example');
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${base}/fr/personnel/journal`);
  assert.match((await page.textContent('main'))!, /auth\.sign_in/);
  assert.match((await page.textContent('.staff-bar'))!, /Connecté en tant que Test admin/);

  await page.click('.staff-bar button[type=submit]');
  assert.equal(new URL(page.url()).pathname, '/fr/connexion');
  await page.goto(`${base}/fr/personnel`);
  assert.equal(new URL(page.url()).pathname, '/fr/connexion');
  await context.close();
});

test('the skip link is the first stop and moves focus to the main content', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/en`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.context().close();
});

test('the home page stays light on the wire', async () => {
  const page = await (await browser.newContext()).newPage();
  let bytes = 0;
  page.on('response', async (response) => {
    const length = Number((await response.allHeaders())['content-length'] ?? 0);
    bytes += length || (await response.body()).length;
  });
  await page.goto(`${base}/fr`, { waitUntil: 'networkidle' });
  const scripts = await page.$$eval('script', (nodes) => nodes.length);
  assert.equal(scripts, 0, 'public pages ship no JavaScript');
  assert.ok(bytes < 60_000, `home page and assets weigh ${bytes} bytes`);
  await page.context().close();
});
