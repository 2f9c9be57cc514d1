import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { listAudit } from '../../platform/audit.repo.js';

describe('outreach visit calendars', () => {
  let t: TestApp;
  let site: { code: string; city: string; province: string; id: string };
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    site = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?type=outreach_site&province=NU&pageSize=1' })).json().items[0];
  });
  after(() => t.close());

  test('a demo outreach site shows its rule and next visits, in both languages', async () => {
    const en = await t.app.inject({ method: 'GET', url: `/en/service-points/${site.code}` });
    assert.match(en.body, /Visit calendar/);
    assert.match(en.body, /(Every (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|Every 2 weeks on)/);
    assert.match(en.body, /Next visits/);
    const fr = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${site.code}` });
    assert.match(fr.body, /Calendrier des visites/);
    assert.match(fr.body, /(Chaque (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)|Toutes les 2 semaines)/);
  });

  test('find a service point gives an outreach site’s next visit, not its weekday', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/en/find-a-service-point?place=${encodeURIComponent(`${site.city}, ${site.province}`)}` });
    assert.match(page.body, /Next visit: [A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d\d:\d\d–\d\d:\d\d/);
  });

  test('a supervisor adds a monthly visit and closes a day; bad input changes nothing', async () => {
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    const url = `/en/service-points/${site.code}/outreach`;
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    assert.equal(form.statusCode, 200);
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenOf(form.body), ...fields }).toString() });
    const bad = await post({ action: 'add', pattern: 'monthly_1', weekday: '3', opensAt: '25:00', closesAt: '12:00', startsOn: '2026-12-01', hostCommunity: 'Igloolik' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a time like 09:30/);
    const added = await post({ action: 'add', pattern: 'monthly_1', weekday: '3', opensAt: '13:00', closesAt: '16:00', startsOn: '2026-12-01', hostCommunity: 'Igloolik' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /The first Wednesday of each month, 13:00–16:00, at Igloolik/);
    assert.match(added.body, /Wednesday, December 2, 13:00–16:00/);
    const closed = await post({ action: 'closure', day: '2026-12-02', reason: 'Community event' });
    assert.equal(closed.statusCode, 200);
    assert.doesNotMatch(closed.body, /Wednesday, December 2, 13:00/);
    const audit = await listAudit(t.database.db, { entityId: site.id, limit: 10 });
    assert.ok(audit.some((a) => a.action === 'network.outreach_schedule_add'));
    assert.ok(audit.some((a) => a.action === 'network.closure_add'));
    const anonymous = await t.app.inject({ method: 'GET', url });
    assert.equal(anonymous.statusCode, 303, 'signed out: to the sign-in page');
  });
});
