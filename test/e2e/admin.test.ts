/**
 * Administration in Chromium with JavaScript off: an administrator creates an account with its
 * assignments, resets its password (the new one works, the old one no longer), creates and revokes
 * an API token, and finds the revocation in the audit log by filtering; the French pages say the same.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/http.js';

let suite: BrowserSuite;
before(async () => (suite = await startBrowserSuite()));
after(() => suite?.close());

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${suite.base}/en/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
}

test('with JavaScript off: create an account with assignments, reset its password, revoke a token, filter the audit log', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'admin@test.example', TEST_PASSWORD);
  await page.waitForURL(`${suite.base}/en/staff`);

  await page.click('text=Staff accounts');
  await page.click('text=Create a staff account');
  await page.fill('#displayName', 'Lucie Bouchard');
  await page.fill('#email', 'lucie@test.example');
  await page.selectOption('#role', 'agent');
  await page.check('#language-fr');
  await page.fill('#sites', 'SCC-QC-034');
  await page.check('#regions-NB');
  await page.check('#programmes-passport');
  await page.click('text=Create the account');
  assert.match((await page.textContent('.notice-success'))!, /The account of Lucie Bouchard is created/);
  const first = (await page.textContent('.admin-secret'))!.trim();

  await page.click('text=Back to staff accounts');
  const row = page.locator('tr', { hasText: 'Lucie Bouchard' });
  assert.match((await row.textContent())!, /SCC-QC-034 \(Service Canada Centre – Rimouski\).*New Brunswick.*Passport/s);
  await row.locator('a').click();
  await page.click('text=Reset the password >> nth=-1');
  assert.match((await page.textContent('.notice-success'))!, /The password is reset/);
  const second = (await page.textContent('.admin-secret'))!.trim();
  assert.notEqual(second, first);

  const other = await (await suite.browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(other, 'lucie@test.example', first);
  assert.equal(new URL(other.url()).pathname, '/en/sign-in');
  await signIn(other, 'lucie@test.example', second);
  await other.waitForURL(`${suite.base}/en/staff`);
  await other.context().close();

  await page.goto(`${suite.base}/fr/personnel`);
  await page.click("text=Jetons d'API");
  await page.fill('#name', 'Borne de Rimouski');
  await page.selectOption('#role', 'reception');
  await page.fill('#sites', 'SCC-QC-034');
  await page.click('text=Créer le jeton');
  assert.match((await page.textContent('.admin-secret'))!, /^gt_/);
  await page.click('button[aria-label="Révoquer le jeton Borne de Rimouski"]');
  assert.match((await page.textContent('.notice-success'))!, /Le jeton est révoqué/);

  await page.goto(`${suite.base}/fr/personnel/journal`);
  await page.selectOption('#action', 'api_token.revoke');
  await page.click('text=Filtrer');
  assert.match(page.url(), /action=api_token\.revoke/);
  const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
  assert.equal(rows.length, 1);
  assert.match(rows[0]!, /Test admin.*A révoqué un jeton d'API.*Borne de Rimouski \(jeton d'API\)/s);
  await page.selectOption('#action', 'staff_user.password_reset');
  await page.click('text=Filtrer');
  assert.match((await page.textContent('tbody'))!, /A réinitialisé le mot de passe de.*Lucie Bouchard/s);
  await context.close();
});

test('the audit filters work with JavaScript on too, and the CSV follows the filters', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'admin@test.example', TEST_PASSWORD);
  await page.waitForURL(`${suite.base}/en/staff`);
  await page.goto(`${suite.base}/en/staff/audit`);
  await page.selectOption('#action', 'staff_user.create');
  await page.click('.admin-filters button[type=submit]');
  const href = (await page.getAttribute('text=Download these entries (CSV)', 'href'))!;
  assert.match(href, /^\/api\/v1\/audit\.csv\?action=staff_user\.create&lang=en$/);
  const csv = await page.request.get(suite.base + href);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).trim().split('\n');
  assert.match(lines[0]!, /^When,Who,Action,Action code,Record,Record identifier,From$/);
  assert.ok(lines.slice(1).every((line) => line.includes('Created the account of,staff_user.create')));
  await context.close();
});
