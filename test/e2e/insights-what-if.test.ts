/**
 * The "what if" page in Chromium: an analyst compares the callback option off and on, in English
 * with JavaScript off (the form posts, the server answers with the results or a page that
 * refreshes itself), then in French; a bad value comes back with the error summary.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { createUser, TEST_PASSWORD } from '../helpers/http.js';

let suite: BrowserSuite;
before(async () => {
  suite = await startBrowserSuite();
  await createUser(suite.t.database, 'analyst', 'analyst@test.example');
});
after(() => suite?.close());

async function signIn(page: Page, language: 'en' | 'fr') {
  await page.goto(`${suite.base}/${language}/${language === 'en' ? 'sign-in' : 'connexion'}`);
  await page.fill('#email', 'analyst@test.example');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/(staff|personnel)/), page.click('main button[type=submit]')]);
}

/** Waits for the results: the progress page refreshes itself until the run is done. */
async function results(page: Page): Promise<Record<string, string[]>> {
  await page.waitForSelector('#what-if-summary', { timeout: 120_000 });
  const rows = await page.$$eval('#what-if-summary tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-measure')!, ...[...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())]));
  return Object.fromEntries(rows.map(([measure, ...cells]) => [measure!, cells]));
}

const count = (text: string) => Number(text.replace(/[^\d]/g, ''));

test('callback off and on, side by side, in English with JavaScript off', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'en');
  await page.click('a:text("What if")');
  assert.equal(await page.textContent('h1'), 'What if: compare two scenarios');
  await page.fill('#volumePercent', 'lots');
  await page.click('main button[type=submit]');
  assert.match((await page.textContent('.error-summary'))!, /Enter a volume between 1 and 1000/);
  await page.fill('#volumePercent', '100');
  await page.check('#change-callback');
  await page.fill('#offerAfterSeconds', '60');
  await page.click('main button[type=submit]');
  const table = await results(page);
  const headers = await page.$$eval('#what-if-summary thead th', (ths) => ths.map((th) => th.textContent));
  assert.deepEqual(headers, ['Measure', 'Without: callback option', 'With: callback option', 'Difference (with − without)']);
  assert.equal(table.offered![0], table.offered![1], 'the same callers in both runs');
  assert.equal(count(table.callbacks_requested![0]!), 0);
  assert.ok(count(table.callbacks_requested![1]!) > 0);
  assert.ok(count(table.callbacks_completed![1]!) > 0);
  assert.match(table.mean_callback_delay![1]!, /\d+ s/);
  assert.equal(await page.locator('#what-if-by-line tbody tr').count(), 2);
  assert.match((await page.textContent('#what-if-utilisation'))!, /Passport specialists/);
  await context.close();
});

test('the same comparison in French', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'fr');
  await page.goto(`${suite.base}/fr/analyses/et-si`);
  assert.equal(await page.textContent('h1'), 'Et si : comparer deux scénarios');
  await page.check('#change-callback');
  await page.click('main button[type=submit]');
  const table = await results(page);
  assert.match((await page.textContent('#what-if-summary caption'))!, /côte à côte/);
  assert.deepEqual(await page.$$eval('#what-if-summary thead th', (ths) => ths.slice(1, 3).map((th) => th.textContent)), ['Sans : option de rappel', 'Avec : option de rappel']);
  assert.ok(count(table.callbacks_requested![1]!) > 0);
  assert.match((await page.textContent('#what-if-by-line'))!, /Renseignements généraux/);
  // The language toggle shows the same run in English.
  await page.click('a[lang="en"]');
  await page.waitForSelector('#what-if-summary');
  assert.match((await page.textContent('#what-if-summary caption'))!, /side by side/);
  await context.close();
});
