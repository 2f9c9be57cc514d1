/**
 * An analyst's morning in Chromium with JavaScript off: the dashboards with the demo history
 * (filtered, downloaded), a forecast with a passport-sized surge and its backtest beating
 * seasonal-naive, a known event recorded through the form (refused, then accepted), and a
 * site's half-hourly staffing plan — in English, then in French through the language toggle.
 * Every page visited then passes axe (run in a context with JavaScript on, which axe needs).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { createUser, TEST_PASSWORD } from '../helpers/http.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let suite: BrowserSuite;
let siteCode: string;
const day = (n: number) => new Date(suite.t.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  suite = await startBrowserSuite();
  await createUser(suite.t.database, 'analyst', 'analyst@test.example');
  siteCode = (await suite.t.database.db.selectFrom('service_points').select('code').where('type', '=', 'scc').where('province_code', '=', 'QC').orderBy('code').executeTakeFirstOrThrow()).code;
});
after(() => suite?.close());

/** The pages the journey saw, checked by axe at the end. */
const visited: string[] = [];
const axe = (page: Page) => visited.push(page.url());

async function checkVisited(): Promise<void> {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  const violations: string[] = [];
  for (const url of visited) {
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    violations.push(...results.violations.map((v) => `${url}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`));
  }
  await context.close();
  assert.deepEqual(violations, []);
}

async function signIn(page: Page) {
  await page.goto(`${suite.base}/en/sign-in`);
  await page.fill('#email', 'analyst@test.example');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/staff/), page.click('main button[type=submit]')]);
}

test('dashboards, forecast with backtest, a recorded event and a staffing plan, in English and French', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page);

  // Dashboards: the demo year by month, then Quebec by quarter through the GET form.
  await page.click('text=Dashboards, forecasts and staffing');
  assert.equal(await page.textContent('h1'), 'Operations dashboards');
  assert.match((await page.textContent('#volumes + figure, section[aria-labelledby=volumes] table caption'))!, /Volumes by channel/);
  const national = await page.textContent('section[aria-labelledby=volumes] tbody tr:first-child td:last-child');
  assert.match(national!, /^\d{1,3}(,\d{3})+$/);
  // The demo's QA sample, reviewed: error rates per fiscal quarter with their intervals.
  assert.ok((await page.locator('section[aria-labelledby=qa] tbody tr').count()) > 0);
  assert.match((await page.textContent('section[aria-labelledby=qa] tbody'))!, /\d+(\.\d)?% – \d+(\.\d)?%/);
  axe(page);
  await page.selectOption('#province', 'QC');
  await page.selectOption('#period', 'quarter');
  await page.click('main form.filters button[type=submit]');
  assert.match(page.url(), /province=QC/);
  const quebec = await page.textContent('section[aria-labelledby=volumes] tbody tr:first-child td:last-child');
  assert.ok(Number(quebec!.replace(/\D/g, '')) < Number(national!.replace(/\D/g, '')));
  assert.match((await page.textContent('section[aria-labelledby=volumes] thead'))!, /Q\d/);
  const csvHref = await page.getAttribute('a:text("Download the figures (CSV)")', 'href');
  const csv = await page.request.get(`${suite.base}${csvHref}`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /^period_start,in_person,/);

  // The forecast of in-person demand with 100,000 extra over six weeks, and its backtest.
  await page.click('nav >> text=Demand forecast');
  await page.fill('#surgeExtra', '100000');
  await page.fill('#surgeStart', day(14));
  await page.click('main form button[type=submit]');
  const backtest = (await page.textContent('section[aria-labelledby=backtest]'))!;
  const [, model, naive] = /MASE\) is ([\d.]+), against ([\d.]+)/.exec(backtest)!;
  assert.ok(Number(model) < 1 && Number(model) < Number(naive), backtest);
  assert.match(backtest, /the model is the better forecast/);
  assert.match((await page.textContent('section[aria-labelledby=forecast] table caption'))!, /Forecast of the next 56 days/);
  axe(page);

  // A known event: refused without a name, then recorded.
  await page.click('text=Known events taken into account');
  await page.fill('#startsOn', day(30));
  await page.fill('#endsOn', day(29));
  await page.click('main form button[type=submit]');
  assert.match((await page.textContent('.error-summary'))!, /Give the event a name/);
  axe(page);
  await page.fill('#name', 'Work stoppage');
  await page.fill('#endsOn', day(34));
  await page.fill('#effectPercent', '-50');
  await page.click('main form button[type=submit]');
  assert.match((await page.textContent('.notice-success'))!, /The event is recorded/);
  assert.match((await page.textContent('main table'))!, /Work stoppage/);

  // A site's staffing plan for the day after tomorrow.
  await page.goto(`${suite.base}/en/insights/staffing-plan`);
  await page.selectOption('#scope', 'site');
  await page.fill('#site', siteCode);
  await page.fill('#day', day(2));
  await page.click('main form button[type=submit]');
  assert.match((await page.textContent('section[aria-labelledby=plan] p'))!, /Peak: \d+ staff/);
  assert.ok((await page.locator('section[aria-labelledby=plan] tbody tr').count()) >= 10);
  axe(page);

  // The same plan in French, through the language toggle, then the dashboards and the forecast.
  await page.click('.language-toggle a');
  assert.equal(await page.textContent('h1'), "Plan d'effectifs à la demi-heure");
  assert.match((await page.textContent('section[aria-labelledby=plan] p'))!, /Pointe : \d+ personnes/);
  axe(page);
  await page.click('nav >> text=Tableaux de bord');
  assert.match((await page.textContent('section[aria-labelledby=volumes] table caption'))!, /Volumes par mode de prestation/);
  axe(page);
  await page.click('nav >> text=Prévision de la demande');
  assert.match((await page.textContent('section[aria-labelledby=backtest]'))!, /le modèle prévoit mieux/);
  axe(page);
  await context.close();
  await checkVisited();
});
