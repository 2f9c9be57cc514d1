import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { listAudit } from '../../platform/audit.repo.js';

describe('accessibility and languages of service', () => {
  let t: TestApp;
  let code: string;
  let id: string;
  before(async () => {
    t = await buildTestApp({ demo: 'network' });
    ({ code, id } = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=NU&type=scc&pageSize=1' })).json().items[0]);
  });
  after(() => t.close());

  test('a site’s page says what a client can count on, in both languages', async () => {
    const en = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}` });
    assert.match(en.body, /Languages of service/);
    assert.match(en.body, /English, French, Inuktitut|English, Inuktitut, French|French, English/);
    assert.match(en.body, /Step-free entrance/);
    const fr = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${code}` });
    assert.match(fr.body, /Langues de service/);
    assert.match(fr.body, /Entrée sans marche/);
  });

  test('supervisors edit both lists; an office without an official language is refused', async () => {
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    const url = `/fr/points-de-service/${code}/accessibilite`;
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    assert.equal(form.statusCode, 200);
    const post = (fields: [string, string][]) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['_csrf', csrfTokenOf(form.body)], ...fields]).toString() });
    const bad = await post([['languages', 'iu'], ['features', 'quiet_space']]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /choisissez-en au moins une/);
    const before = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}` });
    assert.match(before.body, /English/, 'a refused edit changes nothing');
    const good = await post([['languages', 'fr'], ['languages', 'iu'], ['features', 'quiet_space'], ['features', 'hearing_loop']]);
    assert.equal(good.statusCode, 200);
    const page = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}` });
    assert.match(page.body, /French, Inuktitut/);
    assert.match(page.body, /Quiet space/);
    assert.doesNotMatch(page.body, /Step-free entrance/);
    const audit = await listAudit(t.database.db, { entityId: id, action: 'network.access_change', limit: 5 });
    assert.equal(audit.length, 1);
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 303);
  });
});
