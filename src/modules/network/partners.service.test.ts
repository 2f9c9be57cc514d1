import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { listAudit } from '../../platform/audit.repo.js';

describe('partners at a site', () => {
  let t: TestApp;
  let code: string;
  let id: string;
  before(async () => {
    t = await buildTestApp({ demo: 'network' });
    ({ code, id } = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=PE&type=scc&pageSize=1' })).json().items[0]);
  });
  after(() => t.close());

  test('supervisors add and remove partners, shown on the site’s page in both languages', async () => {
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    const url = `/en/service-points/${code}/partners`;
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenOf(form.body), ...fields }).toString() });
    const bad = await post({ action: 'add', nameEn: 'A', nameFr: '', partnerType: 'galactic', model: 'co_location' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a partner type from the list/);
    const added = await post({ action: 'add', nameEn: 'Access PEI', nameFr: 'Accès Î.-P.-É.', partnerType: 'provincial', model: 'co_location' });
    assert.equal(added.statusCode, 200);
    const en = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}` });
    assert.match(en.body, /Access PEI \(provincial or territorial, co-location\)/);
    const fr = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${code}` });
    assert.match(fr.body, /Accès Î.-P.-É. \(provincial ou territorial, colocalisation\)/);
    const partnerId = /name="partnerId" value="([0-9a-f-]{36})"/.exec(added.body)![1]!;
    const removed = await post({ action: 'remove', partnerId });
    assert.equal(removed.statusCode, 200);
    assert.doesNotMatch((await t.app.inject({ method: 'GET', url: `/en/service-points/${code}` })).body, /Access PEI/);
    const audit = await listAudit(t.database.db, { entityId: id, limit: 10 });
    assert.deepEqual(audit.filter((a) => a.action.startsWith('network.partner_')).map((a) => a.action).sort(), ['network.partner_add', 'network.partner_remove']);
  });
});
