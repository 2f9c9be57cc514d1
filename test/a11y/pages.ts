/**
 * What the axe tests share: the app with the demo and a queue, a booking and each module's
 * fixtures in every state its pages show; every page of the route table with its parameters
 * filled in; and the check of one page. The pages come from the app's own route table, so a new
 * page is checked without touching the tests. (axe itself is JavaScript, so it runs with scripts
 * on; the journeys in test/e2e prove the public pages work with them off.)
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { loadFixtures, type A11ySeed } from './fixtures.js';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export let t: TestApp;
export let browser: Browser;
export let base: string;
export let siteCode: string;
export let appointmentPath: string;
export let doneToken: string;
let ticketToken: string;
let counterId: string;
export let fixtures: Required<A11ySeed>;

let suite: BrowserSuite;

/** Sets up the app and the browser for the calling test file. */
export function useAxeSuite(): void {
  before(setUp);
  after(() => suite?.close());
}

async function setUp() {
  suite = await startBrowserSuite();
  ({ t, browser, base } = suite);
  siteCode = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=QC&type=scc&service=passport&pageSize=1' })).json().items[0].code;
  ({ ticketToken, doneToken, counterId } = await seedVisits());
  appointmentPath = await seedAppointment();
  fixtures = await loadFixtures(t);
}

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

/** Every page of the route table with its parameters filled in: those open to all, or the others. */
export function pagePaths(which: 'public' | 'staff'): string[] {
  return t.app.routeTable
    .filter((route) => route.method === 'GET' && /^\/(en|fr)(\/|$)/.test(route.url))
    .filter((route) => (route.access === 'public') === (which === 'public'))
    .map((route) => route.url.replace(':code', siteCode).replace(':token', ticketToken).replace(':counterId', counterId))
    .map((url) => (url.includes(':signature') ? appointmentPath.replace('/en/my-appointment/', url.startsWith('/fr/') ? '/fr/mon-rendez-vous/' : '/en/my-appointment/') : url))
    .map((url) => url.replace(/:([A-Za-z]+)/g, (whole, name: string) => fixtures.params[name] ?? whole))
    .map((url) => {
      assert.ok(!/\/:[A-Za-z]/.test(url), `${url}: no fixture gives this parameter (add one in test/a11y/fixtures/)`);
      return url;
    });
}

export async function check(page: Page, path: string): Promise<string[]> {
  const response = await page.goto(base + path);
  assert.ok(response && response.status() < 500, `${path} answered ${response?.status()}`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

export async function signedIn(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${base}/en/sign-in`);
  await page.fill('#email', 'admin@test.example');
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${base}/en/staff`), page.click('button[type=submit]')]);
  await page.close();
}
