import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, signIn } from '../../../test/helpers/http.js';
import { listAudit } from '../../platform/audit.repo.js';
import { getDailyHistory, loadDemoVisitHistory } from './history.service.js';
import { countDailyStats, listInPersonSites } from './history.repo.js';

// The seed dates the demo history from the real day (it runs before any clock exists), so the
// app's clock is set to the same day for the dashboard to look at the days the seed wrote.
const NOW = new Date();
const YESTERDAY = new Date(NOW.getTime() - 86_400_000).toISOString().slice(0, 10);

describe('demo visit history', () => {
  let t: TestApp;
  let sites: Awaited<ReturnType<typeof listInPersonSites>>;

  before(async () => {
    t = await buildTestApp({ demo: true, now: NOW.toISOString() });
    sites = await listInPersonSites(t.database.db);
  });
  after(() => t.close());

  test('the demo holds a year of days for every federal in-person site', async () => {
    assert.ok((await countDailyStats(t.database.db)) > 50_000);
    const { arrivals } = await t.database.db
      .selectFrom('visit_daily_stats')
      .select((eb) => eb.fn.sum<number>('arrivals').as('arrivals'))
      .executeTakeFirstOrThrow();
    const volume = sites.reduce((sum, site) => sum + (site.yearly_volume ?? 0), 0);
    assert.ok(volume > 0);
    assert.ok(Math.abs(Number(arrivals) - volume) <= 0.05 * volume, `${arrivals} arrivals for a yearly volume of ${volume}`);
  });

  test("one site's year adds up to its volume, and the totals to its days", async () => {
    const site = sites.find((s) => s.type === 'scc' && (s.yearly_volume ?? 0) > 10_000)!;
    const year = await getDailyHistory({ db: t.database.db, siteId: site.id, days: 365, endDay: YESTERDAY });
    assert.ok(Math.abs(year.totals.arrivals - site.yearly_volume!) <= 0.05 * site.yearly_volume!);
    assert.equal(year.totals.days, year.rows.length);
    assert.equal(year.totals.served + year.totals.abandoned, year.totals.arrivals);
    assert.ok(year.rows.every((row, i) => i === 0 || row.service_day > year.rows[i - 1]!.service_day), 'oldest first');
    const share = year.totals.servedWithinTargetShare!;
    assert.ok(share > 0 && share < 1);
    const waits = year.rows.map((row) => row.mean_wait_minutes);
    assert.ok(year.totals.meanWaitMinutes! >= Math.min(...waits) && year.totals.meanWaitMinutes! <= Math.max(...waits));
  });

  test('a second load adds nothing', async () => {
    const count = await countDailyStats(t.database.db);
    assert.deepEqual(await loadDemoVisitHistory({ db: t.database.db, endDay: YESTERDAY }), { rows: 0 });
    assert.equal(await countDailyStats(t.database.db), count);
    assert.equal((await listAudit(t.database.db, { action: 'visits.demo_history_loaded', limit: 5 })).length, 1);
  });

  test("the supervisor's dashboard shows the last four weeks, in English and in French", async () => {
    const site = sites.find((s) => s.type === 'scc')!;
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    const page = async (url: string) => {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
      assert.equal(response.statusCode, 200, url);
      return response.body;
    };
    const english = await page(`/en/visits/${site.code}/dashboard`);
    assert.match(english, /<caption>Visits per open day, [A-Z][a-z]+ \d+, \d{4} to [A-Z][a-z]+ \d+, \d{4}<\/caption>/);
    assert.match(english, /<th scope="col">Served within the wait target<\/th>/);
    assert.match(english, /Over \d+ open days: [\d,]+ clients arrived/);
    const days = english.match(/<th scope="row"><time dateTime="\d{4}-\d{2}-\d{2}">/gi) ?? [];
    assert.ok(days.length >= 15 && days.length <= 28, `${days.length} days shown`);
    const french = await page(`/fr/visites/${site.code}/tableau-de-bord`);
    assert.match(french, /<caption>Visites par jour d’ouverture, du \d+ [a-zéû]+ \d{4} au \d+ [a-zéû]+ \d{4}<\/caption>/);
    assert.match(french, /<th scope="col">Partis sans être servis<\/th>/);
    assert.match(french, /Sur \d+ jours d’ouverture : [\d\s\u00a0\u202f]+ clients se sont présentés/);
  });
});
