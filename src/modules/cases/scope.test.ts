/**
 * Case staff reach only the files of their programmes where they work: a refusal is a translated
 * 403 `auth.out_of_scope`, audited, that changes nothing; lists hold only reachable files; every
 * read of a file, through the API or a page, is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { insertPassportSite } from '../../../test/helpers/fixtures.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { csrfTokenOf, signIn, TEST_PASSWORD, type CookieJar } from '../../../test/helpers/http.js';
import { listAudit, systemActor } from '../../platform/audit.repo.js';
import type { AssignmentsInput } from '../../platform/auth/assignments.js';
import { createApiToken, createStaffUser } from '../../platform/auth/auth.service.js';
import { askInquiry, createOffice } from './delegation.service.js';

// Monday 23 November 2026, 10:00 in Toronto.
const NOW = '2026-11-23T15:00:00Z';
const applicant = { surname: 'Tremblay', givenNames: 'Marie', dateOfBirth: '1985-04-23' };

describe('case work within scope', () => {
  let t: TestApp;
  const sites: Record<'a' | 'b' | 'qc' | 'qc2', string> = { a: '', b: '', qc: '', qc2: '' };
  const files: Record<'passportA' | 'passportB' | 'passportQc' | 'sinA', string> = { passportA: '', passportB: '', passportQc: '', sinA: '' };
  let national: string;
  const auth = (token: string, language = 'en') => ({ authorization: `Bearer ${token}`, 'accept-language': language });
  const token = async (name: string, role: 'agent' | 'supervisor', assignments: AssignmentsInput) => (await createApiToken({ db: t.database.db, actor: systemActor('test'), name, role, assignments })).token;
  const intake = async (as: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth(as), payload });
  const eventsOf = async (number: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from application_events e join applications a on a.id = e.application_id where a.number = ${number}`.execute(t.database.db)).rows[0]!.n);
  const fileOf = (number: string) => t.database.db.selectFrom('applications').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  const refusals = (target: string) => listAudit(t.database.db, { action: 'auth.refused', entityId: target, limit: 50 });
  const reads = (id: string) => listAudit(t.database.db, { action: 'cases.read', entityId: id, limit: 50 });

  const addSite = (code: string, province: string) => insertPassportSite(t.database.db, code, province);

  before(async () => {
    t = await buildTestApp({ now: NOW, env: { PUBLIC_RATE_LIMIT: '100000' } });
    sites.a = await addSite('PPT-ON-A', 'ON');
    sites.b = await addSite('PPT-ON-B', 'ON');
    sites.qc = await addSite('PPT-QC-A', 'QC');
    sites.qc2 = await addSite('PPT-QC-B', 'QC');
    national = await token('national', 'supervisor', { national: true });
    const open = async (type: string, siteId: string) => {
      const created = await intake(national, { type, channel: 'in_person', siteId, applicant });
      assert.equal(created.statusCode, 201, created.body);
      return created.json().applicationNumber as string;
    };
    files.passportA = await open('passport_regular', sites.a);
    files.passportB = await open('passport_regular', sites.b);
    files.passportQc = await open('passport_regular', sites.qc);
    files.sinA = await open('sin_first', sites.a);
  });
  after(() => t.close());

  test('an agent of the SIN programme cannot read or change a passport file at their own site', async () => {
    const sinAgent = await token('sin-agent', 'agent', { sites: ['PPT-ON-A'], programmes: ['sin'] });
    const file = await fileOf(files.passportA);
    const readsBefore = (await reads(file.id)).length;
    const eventsBefore = await eventsOf(files.passportA);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/applications/${files.passportA}`, headers: auth(sinAgent, 'fr') });
    assert.equal(read.statusCode, 403);
    assert.equal(read.json().code, 'auth.out_of_scope');
    assert.ok(read.json().message.length > 0);
    const moved = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${files.passportA}/transitions`, headers: auth(sinAgent), payload: { to: 'review' } });
    assert.deepEqual([moved.statusCode, moved.json().code], [403, 'auth.out_of_scope']);
    const refused = await refusals(files.passportA);
    assert.equal(refused.length, 2);
    assert.deepEqual(
      refused.map((r) => [r.entity_type, (r.details as { route: string }).route]),
      [
        ['file', '/api/v1/applications/:number/transitions'],
        ['file', '/api/v1/applications/:number'],
      ],
    );
    assert.equal((await reads(file.id)).length, readsBefore);
    assert.equal(await eventsOf(files.passportA), eventsBefore);
    assert.equal((await fileOf(files.passportA)).stage_code, 'received');
    // Their own programme's file at their site is theirs to work.
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${files.sinA}/transitions`, headers: auth(sinAgent), payload: { to: 'identity_check' } })).statusCode, 200);
  });

  test('an agent at one office cannot act on a file handled at another office of the same programme', async () => {
    const agentA = await token('agent-a', 'agent', { sites: ['PPT-ON-A'], programmes: ['passport'] });
    const office = await createOffice({ db: t.database.db, actor: systemActor('test'), kind: 'mp', nameEn: 'Office of the MP', nameFr: 'Bureau du député', memberIds: [] });
    const before = { events: await eventsOf(files.passportB), file: await fileOf(files.passportB), refusals: (await refusals(files.passportB)).length };
    const post = (path: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/applications/${files.passportB}${path}`, headers: auth(agentA), payload });
    const attempts = [
      await t.app.inject({ method: 'GET', url: `/api/v1/applications/${files.passportB}`, headers: auth(agentA) }),
      await post('/transitions', { to: 'review' }),
      await post('/document-requests', { kind: 'photo' }),
      await post('/decision', { outcome: 'approved', note: 'Approved after review of every document.' }),
      await post('/consents', { officeId: office.id, expiresOn: '2027-05-31' }),
      // Invalid input is refused for scope first: nothing about the file shows through.
      await post('/decision', { outcome: 'maybe', note: '' }),
    ];
    assert.deepEqual(
      attempts.map((r) => [r.statusCode, r.json().code]),
      attempts.map(() => [403, 'auth.out_of_scope']),
    );
    assert.equal((await refusals(files.passportB)).length, before.refusals + attempts.length);
    assert.equal(await eventsOf(files.passportB), before.events);
    assert.deepEqual(await fileOf(files.passportB), before.file);
    assert.equal(Number((await sql<{ n: string }>`select count(*) as n from delegation_consents`.execute(t.database.db)).rows[0]!.n), 0);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${files.passportA}/transitions`, headers: auth(agentA), payload: { to: 'review' } })).statusCode, 200);
  });

  test('an inquiry about a file outside the scope cannot be answered', async () => {
    const agentA = await token('agent-a-inquiries', 'agent', { sites: ['PPT-ON-A'], programmes: ['passport'] });
    const partner = await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'mp-scope@test.example', displayName: 'MP', role: 'partner', password: TEST_PASSWORD });
    const office = await createOffice({ db: t.database.db, actor: systemActor('test'), kind: 'mp', nameEn: 'Office of the MP for B', nameFr: 'Bureau du député de B', memberIds: [partner.id] });
    const consent = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${files.passportB}/consents`, headers: auth(national), payload: { officeId: office.id, expiresOn: '2027-05-31' } });
    assert.equal(consent.statusCode, 201, consent.body);
    // The office reaches the file by the client's consent, not by any assignment.
    const inquiryId = (await askInquiry({ db: t.database.db, clock: t.clock, actor: { type: 'user', id: partner.id, ip: null, requestId: null }, applicationNumber: files.passportB, urgent: false, question: 'Any news on this file?' })).id;
    const answer = (as: string) => t.app.inject({ method: 'POST', url: `/api/v1/inquiries/${inquiryId}/answer`, headers: auth(as), payload: { answer: 'It is at review.' } });
    assert.deepEqual([(await answer(agentA)).statusCode, (await refusals(files.passportB))[0]!.details], [403, { code: 'auth.out_of_scope', method: 'POST', route: '/api/v1/inquiries/:inquiryId/answer', kind: 'file', target: files.passportB }]);
    assert.equal((await t.database.db.selectFrom('partner_inquiries').select('answered_at').where('id', '=', inquiryId).executeTakeFirstOrThrow()).answered_at, null);
    assert.equal((await answer(national)).statusCode, 200);
  });

  test('intake is refused for a programme or an office outside the scope, and creates nothing', async () => {
    const agentA = await token('agent-a-intake', 'agent', { sites: ['PPT-ON-A'], programmes: ['passport'] });
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from applications`.execute(t.database.db)).rows[0]!.n);
    const before = await count();
    const refused = [
      await intake(agentA, { type: 'passport_regular', channel: 'in_person', siteId: sites.b, applicant }),
      await intake(agentA, { type: 'sin_first', channel: 'in_person', siteId: sites.a, applicant }),
      // Mail is processed centrally, where this agent does not work.
      await intake(agentA, { type: 'passport_regular', channel: 'mail', applicant }),
    ];
    assert.deepEqual(
      refused.map((r) => [r.statusCode, r.json().code]),
      refused.map(() => [403, 'auth.out_of_scope']),
    );
    assert.equal(await count(), before);
    assert.equal((await listAudit(t.database.db, { action: 'auth.refused', entityId: 'sin', limit: 5 })).length, 1);
    assert.equal((await intake(agentA, { type: 'passport_regular', channel: 'in_person', siteId: 'PPT-ON-A', applicant })).statusCode, 201);
    assert.equal(await count(), before + 1);
  });

  test('lists hold only the files within the scope: a regional supervisor sees their region, an agent their office', async () => {
    const quebec = await token('quebec', 'supervisor', { regions: ['QC'], programmes: ['passport', 'sin'] });
    const agentA = await token('agent-a-lists', 'agent', { sites: ['PPT-ON-A'], programmes: ['passport'] });
    const numbers = async (as: string, query = '') => ((await t.app.inject({ method: 'GET', url: `/api/v1/applications${query}`, headers: auth(as) })).json().items as { applicationNumber: string }[]).map((i) => i.applicationNumber);
    assert.deepEqual(await numbers(quebec), [files.passportQc]);
    assert.deepEqual(await numbers(quebec, `?siteId=${sites.a}`), []);
    const mine = await numbers(agentA);
    assert.ok(mine.includes(files.passportA));
    assert.ok(!mine.includes(files.passportB) && !mine.includes(files.passportQc) && !mine.includes(files.sinA));
    const all = await numbers(national);
    assert.ok([files.passportA, files.passportB, files.passportQc].every((n) => all.includes(n)));
    // A token with no assignment reaches nothing.
    assert.deepEqual(await numbers(await token('nowhere', 'agent', {})), []);
  });

  test('a regional supervisor assigns files within their region only', async () => {
    const quebec = await token('quebec-assign', 'supervisor', { regions: ['QC'], programmes: ['passport'] });
    const assign = (number: string, siteId: string) => t.app.inject({ method: 'POST', url: `/api/v1/applications/${number}/assignment`, headers: auth(quebec), payload: { siteId } });
    const before = await fileOf(files.passportQc);
    const away = await assign(files.passportQc, sites.a);
    assert.deepEqual([away.statusCode, away.json().code], [403, 'auth.out_of_scope']);
    assert.equal((await listAudit(t.database.db, { action: 'auth.refused', entityId: sites.a, limit: 5 }))[0]?.entity_type, 'site');
    assert.deepEqual(await fileOf(files.passportQc), before);
    assert.equal((await assign(files.passportB, sites.qc2)).statusCode, 403);
    const within = await assign(files.passportQc, sites.qc2);
    assert.equal(within.statusCode, 200, within.body);
    assert.equal(within.json().application.assignedSiteId, sites.qc2);
  });

  describe('through the pages', () => {
    let jar: CookieJar;
    before(async () => {
      await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'agent-a@test.example', displayName: 'Agent A', role: 'agent', password: TEST_PASSWORD, assignments: { sites: ['PPT-ON-A'], programmes: ['passport'] } });
      jar = (await signIn(t.app, 'agent-a@test.example')).jar;
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });

    test('the case page and the letter of a file elsewhere are refused and audited; those within are read and audited', async () => {
      const elsewhere = await fileOf(files.passportB);
      const readsBefore = (await reads(elsewhere.id)).length;
      const refusalsBefore = (await refusals(files.passportB)).length;
      for (const url of [`/en/cases/${files.passportB}`, `/fr/dossiers/${files.passportB}/lettre`]) {
        const page = await get(url);
        assert.equal(page.statusCode, 403, url);
        assert.match(page.headers['content-type'] as string, /text\/html/);
      }
      assert.equal((await refusals(files.passportB)).length, refusalsBefore + 2);
      assert.equal((await reads(elsewhere.id)).length, readsBefore);
      const own = await fileOf(files.passportA);
      const ownReads = (await reads(own.id)).length;
      assert.equal((await get(`/en/cases/${files.passportA}`)).statusCode, 200);
      assert.equal((await get(`/en/cases/${files.passportA}/letter?kind=acknowledgement`)).statusCode, 200);
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/applications/${files.passportA}`, headers: auth(national) })).statusCode, 200);
      const audited = await reads(own.id);
      assert.equal(audited.length, ownReads + 3);
      assert.deepEqual(audited.slice(0, 3).map((r) => (r.details as { purpose: string }).purpose), ['case', 'letter', 'case']);
    });

    test('a form posted to a file elsewhere is refused and changes nothing; the inventory lists only reachable files', async () => {
      const own = await get(`/en/cases/${files.passportA}`);
      const before = { events: await eventsOf(files.passportB), file: await fileOf(files.passportB) };
      const posted = await t.app.inject({
        method: 'POST',
        url: `/en/cases/${files.passportB}`,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenOf(own.body), action: 'request', kind: 'photo' }).toString(),
      });
      assert.equal(posted.statusCode, 403);
      assert.equal(await eventsOf(files.passportB), before.events);
      assert.deepEqual(await fileOf(files.passportB), before.file);
      const intakePage = await get('/en/cases/new');
      const elsewhere = await t.app.inject({
        method: 'POST',
        url: '/en/cases/new',
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenOf(intakePage.body), type: 'passport_regular', channel: 'in_person', siteId: 'PPT-ON-B', surname: 'Roy', givenNames: 'Jean', dateOfBirth: '1970-01-02', language: 'en' }).toString(),
      });
      assert.equal(elsewhere.statusCode, 403);
      const inventory = await get('/en/cases');
      assert.equal(inventory.statusCode, 200);
      assert.ok(inventory.body.includes(files.passportA));
      assert.ok(!inventory.body.includes(files.passportB) && !inventory.body.includes(files.passportQc));
    });
  });
});
