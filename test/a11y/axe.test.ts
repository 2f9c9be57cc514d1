/**
 * Every page passes axe (WCAG 2.0/2.1 A and AA rules) in English and in French, signed out and
 * signed in. The pages are taken from the app's own route table, so a new page is checked without
 * touching this file. (axe itself is JavaScript, so it runs with scripts on; the journeys in
 * test/e2e prove the public pages work with them off.)
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { loadFixtures, type A11ySeed } from './fixtures.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let t: TestApp;
let browser: Browser;
let base: string;
let siteCode: string;
let ticketToken: string;
let doneToken: string;
let counterId: string;
let appointmentPath: string;
let fixtures: Required<A11ySeed>;

let suite: BrowserSuite;
before(async () => {
  suite = await startBrowserSuite();
  ({ t, browser, base } = suite);
  siteCode = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=QC&type=scc&service=passport&pageSize=1' })).json().items[0].code;
  ({ ticketToken, doneToken, counterId } = await seedVisits());
  appointmentPath = await seedAppointment();
  fixtures = await loadFixtures(t);
});

/** A booked appointment: its page is reached by a signed link. */
async function seedAppointment() {
  const days = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${siteCode}/appointment-slots?service=passport` })).json().days;
  const slots = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${siteCode}/appointment-slots?service=passport&date=${days[1].date}` })).json().slots;
  const booked = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${siteCode}/appointments`, payload: { service: 'passport', startsAt: slots[0].startsAt, email: 'axe@example.com', language: 'en' } })).json();
  return new URL(booked.manageUrl).pathname;
}

/** A queue in every state the visits pages show: waiting, called at a counter, completed. */
async function seedVisits() {
  const token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'axe', role: 'supervisor' })).token;
  const headers = { authorization: `Bearer ${token}` };
  const site = `/api/v1/sites/${siteCode}`;
  const counter = (await t.app.inject({ method: 'POST', url: `${site}/counters`, headers, payload: { name: 'Guichet 1', services: ['passport'] } })).json().id;
  const join = async () => (await t.app.inject({ method: 'POST', url: `${site}/virtual-queue`, payload: { service: 'passport' } })).json();
  const done = await join();
  await t.app.inject({ method: 'POST', url: `/api/v1/visits/${done.id}/check-in`, headers });
  const called = (await t.app.inject({ method: 'POST', url: `${site}/counters/${counter}/call-next`, headers })).json().visit;
  await t.app.inject({ method: 'POST', url: `/api/v1/visits/${called.id}/complete`, headers, payload: { outcome: 'served' } });
  const waiting = await join();
  await t.app.inject({ method: 'POST', url: `${site}/visits`, headers, payload: { service: 'passport', channel: 'walk_in', needs: ['mobility'] } });
  await t.app.inject({ method: 'POST', url: `${site}/counters/${counter}/call-next`, headers });
  return { ticketToken: waiting.ticketUrl.split('/').pop(), doneToken: done.ticketUrl.split('/').pop(), counterId: counter };
}
after(() => suite?.close());

function pagePaths(): string[] {
  return t.app.routeTable
    .filter((route) => route.method === 'GET' && /^\/(en|fr)(\/|$)/.test(route.url))
    .map((route) => route.url.replace(':code', siteCode).replace(':token', ticketToken).replace(':counterId', counterId))
    .map((url) => (url.includes(':signature') ? appointmentPath.replace('/en/my-appointment/', url.startsWith('/fr/') ? '/fr/mon-rendez-vous/' : '/en/my-appointment/') : url))
    .map((url) => url.replace(/:([A-Za-z]+)/g, (whole, name: string) => fixtures.params[name] ?? whole))
    .map((url) => {
      assert.ok(!/\/:[A-Za-z]/.test(url), `${url}: no fixture gives this parameter (add one in test/a11y/fixtures/)`);
      return url;
    });
}

async function check(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(base + path);
  assert.ok(response && response.status() < 500, `${path} answered ${response?.status()}`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function signedIn(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${base}/en/sign-in`);
  await page.fill('#email', 'admin@test.example');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/en/staff`), page.click('button[type=submit]')]);
  await page.close();
}

test('every page passes axe in both languages, signed out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  const paths = pagePaths();
  assert.ok(paths.some((p) => p.startsWith('/fr/')) && paths.some((p) => p.startsWith('/en/')));
  const results = [
    '/en/find-a-service-point?place=Rimouski&service=passport',
    '/fr/trouver-un-point-de-service?place=Windsor',
    '/fr/trouver-un-point-de-service?place=Atlantide',
    `/en/visits?q=${siteCode}`,
    `/fr/visites?q=zzz`,
    `/en/ticket/${doneToken}`,
    `/fr/billet/${doneToken}`,
    `/en/appointments/${siteCode}/book?service=passport`,
    `/fr/rendez-vous/${siteCode}/reserver?service=passport&date=2026-12-01`,
    `${appointmentPath}?date=${'2026-12-01'}`,
  ];
  for (const path of [...paths, ...results, ...fixtures.paths, '/en/nowhere', '/fr/nulle-part']) violations.push(...(await check(page, path)));
  await context.close();
  assert.deepEqual(violations, []);
});

test('every page passes axe signed in as an administrator, and with an error summary', async () => {
  const context = await browser.newContext();
  await signedIn(context);
  const page = await context.newPage();
  const violations: string[] = [];
  for (const path of [...pagePaths(), `/en/visits?q=${siteCode}`, ...fixtures.paths]) violations.push(...(await check(page, path)));
  await context.close();

  const anonymous = await browser.newContext();
  const form = await anonymous.newPage();
  for (const path of ['/en/sign-in', '/fr/connexion']) {
    await form.goto(base + path);
    await form.click('button[type=submit]');
    await form.waitForSelector('.error-summary');
    const results = await new AxeBuilder({ page: form }).withTags(WCAG_TAGS).analyze();
    violations.push(...results.violations.map((v) => `${path} (errors): ${v.id} ${v.help}`));
  }
  await anonymous.close();
  assert.deepEqual(violations, []);
});
