/**
 * The dashboards on the demo history, through the API and the pages: volumes by channel and
 * period add up to the visits recorded, filters narrow them, sources without data say so (null,
 * "no data yet") instead of failing, CSV and JSON downloads, bad filters are a translated 400, and
 * only analysts, supervisors and administrators see them — in English and French.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { CookieJar, signIn } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { DEMO_PASSWORD, demoEmail } from '../../src/seed.js';
import { getVisitDailyVolumes } from '../../src/modules/visits/index.js';

const NOW = new Date();
const YESTERDAY = new Date(NOW.getTime() - 86_400_000).toISOString().slice(0, 10);
const YEAR_AGO = new Date(NOW.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);

describe('insights dashboards', () => {
  let t: TestApp;
  let token: string;
  let analyst: CookieJar;
  const get = (url: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => t.app.inject({ method: 'GET', url, headers });
  const page = (url: string, jar = analyst) => t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });

  before(async () => {
    t = await buildTestApp({ demo: true, now: NOW.toISOString() });
    token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'analyst', role: 'analyst' })).token;
    analyst = (await signIn(t.app, demoEmail('analyst'), DEMO_PASSWORD)).jar;
  });
  after(() => t.close());

  test('volumes by month add up to the visits of the year, and the channels without data are null', async () => {
    const response = await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&period=month`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    const visits = await getVisitDailyVolumes({ db: t.database.db, from: YEAR_AGO, to: YESTERDAY });
    const arrivals = visits.reduce((s, r) => s + r.arrivals, 0);
    assert.equal(body.total.volumes.in_person, arrivals);
    assert.equal(body.periods.reduce((s: number, p: { volumes: { in_person: number } }) => s + p.volumes.in_person, 0), arrivals);
    assert.ok(body.periods.length >= 12 && body.periods.length <= 13);
    assert.ok(body.channelsWithData.includes('in_person'));
    for (const channel of ['echannels', 'online', 'esin', 'phone_calls', 'phone_requests']) {
      if (!body.channelsWithData.includes(channel)) assert.equal(body.total.volumes[channel], null, channel);
    }
    assert.ok(body.total.meanWaitMinutes > 0 && body.total.servedWithinTarget > 0 && body.total.servedWithinTarget < 1);
    assert.deepEqual(body.failedSources, []);
  });

  test('filters narrow the in-person figures; fiscal years and weeks group the days', async () => {
    const all = (await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&period=fiscal_year`)).json();
    const qc = (await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&period=fiscal_year&province=QC`)).json();
    const passport = (await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&period=week&service=passport`)).json();
    assert.ok(all.periods.length <= 2 && all.periods.every((p: { period: string }) => p.period.endsWith('-04-01')));
    assert.ok(qc.total.volumes.in_person > 0 && qc.total.volumes.in_person < all.total.volumes.in_person);
    assert.ok(passport.total.volumes.in_person > 0 && passport.total.volumes.in_person < all.total.volumes.in_person);
    assert.ok(passport.periods.every((p: { period: string }) => new Date(`${p.period}T00:00:00Z`).getUTCDay() === 1), 'weeks start on Monday');
    const site = visitsSite(await getVisitDailyVolumes({ db: t.database.db, from: YESTERDAY, to: YESTERDAY }));
    const one = (await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&site=${site}`)).json();
    assert.ok(one.total.volumes.in_person > 0 && one.total.volumes.in_person < qc.total.volumes.in_person + all.total.volumes.in_person);
  });

  test('CSV download: one row per period, the channels in seed 000’s order', async () => {
    const response = await get(`/api/v1/insights/volumes?from=${YEAR_AGO}&to=${YESTERDAY}&period=quarter&format=csv`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="volumes.csv"/);
    const lines = response.body.trim().split('\n');
    assert.equal(lines[0], 'period_start,in_person,echannels,online,esin,phone_calls,phone_requests,mean_wait_minutes,served_within_target,answer_rate,call_service_level,applications_within_standard,inquiries_within_standard');
    assert.ok(lines.length >= 5 && lines.length <= 6);
  });

  test('bad filters are a translated 400 naming each field', async () => {
    const response = await get('/api/v1/insights/volumes?from=2026-02-30&to=2020-01-01&province=XX&service=nothing', { authorization: `Bearer ${token}`, 'accept-language': 'fr' });
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.deepEqual(Object.keys(body.fields).sort(), ['from', 'province', 'service']);
    assert.match(body.message, /renseignements/i);
    assert.equal((await get('/api/v1/insights/volumes?period=century')).statusCode, 400);
    assert.equal((await get(`/api/v1/insights/volumes?from=2020-01-01&to=${YESTERDAY}`)).statusCode, 400, 'more than 1,100 days');
  });

  test('the pages render the demo history in both languages, and a bad filter re-shows the form', async () => {
    for (const [url, heading] of [
      ['/en/insights', 'Operations dashboards'],
      ['/fr/analyses', 'Tableaux de bord des opérations'],
      ['/en/insights/forecast?channel=in_person&horizon=14', 'Demand forecast'],
      ['/fr/analyses/prevision?channel=in_person&horizon=14', 'Prévision de la demande'],
      ['/en/insights/events', 'Known events'],
    ] as const) {
      const response = await page(url);
      assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 500)}`);
      assert.ok(response.body.includes(heading), url);
    }
    const home = (await page('/en/insights')).body;
    assert.match(home, /<svg[^>]+role="img"/);
    assert.match(home, /<caption[^>]*>Volumes by channel/);
    // Every source has demo data now: QA error rates per fiscal quarter among them.
    assert.match(home, /<caption[^>]*>Files reviewed by quality assurance/);
    const forecast = (await page('/en/insights/forecast?channel=in_person&horizon=14')).body;
    assert.match(forecast, /the model is the better forecast/);
    const bad = await page('/fr/analyses?from=hier');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entrez une date au format AAAA-MM-JJ/);
  });

  test('only analysts, supervisors and administrators see the dashboards; supervisors cannot record events', async () => {
    const agent = (await signIn(t.app, demoEmail('agent'), DEMO_PASSWORD)).jar;
    assert.equal((await page('/en/insights', agent)).statusCode, 403);
    assert.equal((await get('/api/v1/insights/volumes', {})).statusCode, 401);
    const supervisor = (await signIn(t.app, demoEmail('supervisor'), DEMO_PASSWORD)).jar;
    assert.equal((await page('/en/insights', supervisor)).statusCode, 200);
    assert.equal((await page('/en/insights/events', supervisor)).statusCode, 403);
  });
});

/** A site with visits on the day given (the first by code). */
function visitsSite(rows: { siteCode: string; arrivals: number }[]): string {
  return rows.filter((r) => r.arrivals > 0).map((r) => r.siteCode).sort()[0]!;
}
