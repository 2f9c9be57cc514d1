/** The cases pages without JavaScript: forms post, the server answers, in both languages. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { CookieJar, createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { systemActor } from '../../platform/audit.repo.js';
import { createOffice } from './delegation.service.js';

describe('cases pages', () => {
  let t: TestApp;
  let agent: CookieJar;
  const form = async (jar: CookieJar, url: string, fields: Record<string, string>, from = url) => {
    const page = await t.app.inject({ method: 'GET', url: from, headers: { cookie: jar.header() } });
    jar.store(page);
    const response = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: csrfTokenOf(page.body) }).toString(),
    });
    jar.store(response);
    return response;
  };

  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'agent', 'agent@cases.example');
    agent = (await signIn(t.app, 'agent@cases.example')).jar;
  });
  after(() => t.close());

  test('intake, stage moves and the tracker, end to end through forms', async () => {
    const created = await form(agent, '/en/cases/new', { type: 'passport_regular', channel: 'mail', surname: 'Gagnon', givenNames: 'Éloïse', dateOfBirth: '1990-07-14', language: 'fr', email: '' });
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const casePath = created.headers.location as string;
    const number = /\/en\/cases\/([A-Z0-9]+)/.exec(casePath)![1]!;
    const moved = await form(agent, `/en/cases/${number}`, { action: 'move', to: 'review', reason: 'Complete application' });
    assert.equal(moved.statusCode, 303);
    const wrong = await form(agent, `/en/cases/${number}`, { action: 'decide', outcome: 'refused', decisionNote: 'short' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#decisionNote"/);
    const casePage = await t.app.inject({ method: 'GET', url: `/fr/dossiers/${number}`, headers: { cookie: agent.header() } });
    assert.equal(casePage.statusCode, 200);
    assert.match(casePage.body, /Complete application/);

    const visitor = new CookieJar();
    for (const [path, expected] of [['/en/application-status', /Review of the application/], ['/fr/etat-de-la-demande', /Examen de la demande/]] as const) {
      const found = await form(visitor, path, { applicationNumber: number, dateOfBirth: '1990-07-14' });
      assert.equal(found.statusCode, 200);
      assert.match(found.body, expected);
      assert.match(found.body, /aria-current="step"/);
    }
    const missed = await form(visitor, '/en/application-status', { applicationNumber: number, dateOfBirth: '1990-07-15' });
    assert.equal(missed.statusCode, 404);
    assert.match(missed.body, /We could not find an application/);
    const optIn = await form(visitor, '/en/application-status/notices', { applicationNumber: number, dateOfBirth: '1990-07-14', email: 'eloise@example.com' }, '/en/application-status');
    assert.equal(optIn.statusCode, 200);
    const row = await t.database.db.selectFrom('applications').select('notice_email').where('number', '=', number).executeTakeFirstOrThrow();
    assert.equal(row.notice_email, 'eloise@example.com');
  });

  test('the inventory, the letter and the delegated view render in both languages', async () => {
    const { number } = await t.database.db.selectFrom('applications').select('number').executeTakeFirstOrThrow();
    for (const url of ['/en/cases', '/fr/dossiers?band=overdue&programme=passport', `/en/cases/${number}/letter`, `/fr/dossiers/${number}/lettre?kind=documents`, '/en/cases/new']) {
      assert.equal((await t.app.inject({ method: 'GET', url, headers: { cookie: agent.header() } })).statusCode, 200, url);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/delegated-files', headers: { cookie: agent.header() } })).statusCode, 403);
    const partner = await createUser(t.database, 'partner', 'mp@cases.example');
    const office = await createOffice({ db: t.database.db, actor: systemActor('test'), kind: 'senator', nameEn: 'Office of Senator A', nameFr: 'Bureau de la sénatrice A', memberIds: [partner.id] });
    await form(agent, `/en/cases/${number}`, { action: 'consent', officeId: office.id, expiresOn: '2027-01-31' });
    const jar = (await signIn(t.app, 'mp@cases.example')).jar;
    const page = await t.app.inject({ method: 'GET', url: '/fr/dossiers-delegues', headers: { cookie: jar.header() } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(number));
    const asked = await form(jar, '/en/delegated-files', { applicationNumber: number, urgent: 'yes', question: 'The client travels on Friday.' });
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Inquiry sent/);
    const count = await sql<{ n: number }>`select count(*)::int as n from partner_inquiries`.execute(t.database.db);
    assert.equal(count.rows[0]!.n, 1);
  });
});
