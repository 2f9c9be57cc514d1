import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { insertPassportSite } from '../../../test/helpers/fixtures.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, signIn } from '../../../test/helpers/http.js';
import { createApiToken } from '../../platform/auth/auth.service.js';
import { listAudit, systemActor } from '../../platform/audit.repo.js';
import { fixedClock } from '../../platform/clock.js';
import type { MemoryMailer } from '../../platform/mailer.js';
import { createGuard } from '../../platform/throttle/throttle.service.js';
import { lookUpStatus } from './index.js';
import { askInquiry, createOffice, listDelegatedFiles } from './delegation.service.js';

// Monday 23 November 2026, 10:00 in Toronto.
const NOW = '2026-11-23T15:00:00Z';

describe('applications through the API', () => {
  let t: TestApp;
  let agent: string;
  let supervisor: string;
  let siteId: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const applicant = { surname: 'Tremblay', givenNames: 'Marie', dateOfBirth: '1985-04-23' };
  const intake = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: auth(agent), payload });
  const move = (number: string, to: string, reason?: string) => t.app.inject({ method: 'POST', url: `/api/v1/applications/${number}/transitions`, headers: auth(agent), payload: { to, ...(reason ? { reason } : {}) } });
  const status = (number: string, dateOfBirth: string, language = 'en') =>
    t.app.inject({ method: 'POST', url: '/api/v1/status', payload: { applicationNumber: number, dateOfBirth }, headers: { 'accept-language': language }, remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

  before(async () => {
    t = await buildTestApp({ now: NOW, env: { PUBLIC_RATE_LIMIT: '100000' } });
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
    supervisor = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'sup', role: 'supervisor' })).token;
    siteId = await insertPassportSite(t.database.db, 'PPT-TEST', 'ON', { en: 'Test passport office', fr: 'Bureau des passeports test' });
  });
  after(() => t.close());

  test('the catalogue lists types with stages and standards', async () => {
    const types = (await t.app.inject({ method: 'GET', url: '/api/v1/application-types' })).json().items as { code: string; channels: { channel: string; standardBusinessDays: number }[]; stages: { code: string }[] }[];
    const passport = types.find((type) => type.code === 'passport_regular')!;
    assert.deepEqual(passport.channels.map((c) => [c.channel, c.standardBusinessDays]).sort(), [['in_person', 10], ['mail', 20]]);
    assert.deepEqual(passport.stages.map((s) => s.code), ['received', 'review', 'printing', 'mailed', 'ready_for_pickup', 'picked_up']);
  });

  test('a passport file goes from intake to pick-up, and the tracker follows it', async () => {
    const created = await intake({ type: 'passport_regular', channel: 'in_person', siteId, applicant, email: 'marie@example.com' });
    assert.equal(created.statusCode, 201, created.body);
    const { applicationNumber, expectedBy } = created.json();
    assert.match(applicationNumber, /^P\d{9}$/);
    assert.equal(expectedBy, '2026-12-07'); // 10 business days after Monday 23 November
    let view = (await status(applicationNumber, applicant.dateOfBirth)).json();
    assert.deepEqual(view.journey.map((s: { status: string }) => s.status), ['current', 'next', 'next', 'next', 'next']);
    assert.equal(view.late, false);
    for (const stage of ['review', 'printing', 'ready_for_pickup', 'picked_up']) {
      t.clock.advance(86_400_000);
      const moved = await move(applicationNumber, stage, 'done');
      assert.equal(moved.statusCode, 200, moved.body);
      view = (await status(applicationNumber, applicant.dateOfBirth, 'fr')).json();
      assert.equal(view.stage.code, stage);
    }
    assert.deepEqual(view.journey.map((s: { status: string }) => s.status), ['done', 'done', 'done', 'done', 'current']);
    assert.equal(view.history.length, 5);
    assert.equal((t.mailer as MemoryMailer).sent.filter((m) => m.to === 'marie@example.com').length, 4);
    const history = await t.database.db.selectFrom('application_events').selectAll().execute();
    await assert.rejects(sql`update application_events set reason = 'x' where id = ${history[0]!.id}`.execute(t.database.db));
    await assert.rejects(sql`delete from application_events`.execute(t.database.db));
  });

  test('moves off the path, to the other channel’s end, or backwards are refused and change nothing', async () => {
    const { applicationNumber } = (await intake({ type: 'passport_regular', channel: 'mail', applicant })).json();
    assert.equal((await move(applicationNumber, 'printing')).statusCode, 400);
    await move(applicationNumber, 'review');
    await move(applicationNumber, 'printing');
    const wrongEnd = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/transitions`, headers: { ...auth(agent), 'accept-language': 'fr' }, payload: { to: 'ready_for_pickup' } });
    assert.equal(wrongEnd.statusCode, 400);
    assert.match(wrongEnd.json().fields.to, /ne peut pas/);
    assert.equal((await move(applicationNumber, 'received')).statusCode, 400);
    assert.equal((await status(applicationNumber, applicant.dateOfBirth)).json().stage.code, 'printing');
    assert.equal((await move('P000000000', 'review')).statusCode, 404);
  });

  test('bad intake is a translated 400 naming each field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { ...auth(agent), 'accept-language': 'fr' }, payload: { type: 'passport_regular', channel: 'in_person', applicant: { surname: '', givenNames: 'A', dateOfBirth: '2099-01-01' } } });
    assert.equal(response.statusCode, 400);
    const fields = response.json().fields;
    assert.deepEqual(Object.keys(fields).sort(), ['applicant.dateOfBirth', 'applicant.surname', 'siteId']);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/applications', payload: { type: 'x' } })).statusCode, 401);
  });

  test('document requests, a decision with its note, and assignment show where they should', async () => {
    const { applicationNumber } = (await intake({ type: 'work_permit', channel: 'online', applicant })).json();
    const requested = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/document-requests`, headers: auth(agent), payload: { kind: 'biometrics', note: 'Book an appointment at a collection point.' } });
    assert.equal(requested.statusCode, 201, requested.body);
    let view = (await status(applicationNumber, applicant.dateOfBirth)).json();
    assert.equal(view.needed[0].kind, 'biometrics');
    await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/document-requests/${requested.json().id}/received`, headers: auth(agent) });
    await move(applicationNumber, 'eligibility');
    await move(applicationNumber, 'background_check');
    assert.equal((await move(applicationNumber, 'decision')).statusCode, 400);
    const note = 'Your work permit is approved. It will arrive by mail within two weeks.';
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/decision`, headers: auth(agent), payload: { outcome: 'approved', note } })).statusCode, 200);
    assert.equal((await move(applicationNumber, 'decision')).statusCode, 200);
    view = (await status(applicationNumber, applicant.dateOfBirth)).json();
    assert.deepEqual(view.needed, []);
    assert.equal(view.decision.note, note);
    assert.equal(view.state, 'completed');
    const agentUser = await createUser(t.database, 'agent', 'case-agent@test.example');
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/assignment`, headers: auth(agent), payload: { agentId: agentUser.id } })).statusCode, 403);
    const assigned = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${applicationNumber}/assignment`, headers: auth(supervisor), payload: { agentId: agentUser.id, siteId } });
    assert.equal(assigned.json().application.assignedAgentId, agentUser.id);
    assert.equal((await status(applicationNumber, applicant.dateOfBirth)).json().history.some((h: { type: string }) => h.type === 'assigned'), false);
  });

  test('staff reads are audited, and the inventory sorts open files into bands', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/applications?programme=passport', headers: auth(agent) });
    assert.equal(list.statusCode, 200);
    const body = list.json();
    assert.ok(body.items.every((item: { programme: string; band: string }) => item.programme === 'passport' && ['within', 'at_risk', 'overdue'].includes(item.band)));
    const number = body.items[0].applicationNumber;
    await t.app.inject({ method: 'GET', url: `/api/v1/applications/${number}`, headers: auth(agent) });
    const audit = await listAudit(t.database.db, { action: 'cases.read', limit: 5 });
    assert.equal(audit.length, 1);
    assert.equal((await listAudit(t.database.db, { action: 'cases.inventory_read', limit: 5 })).length, 1);
  });

  test('the self-service look-up follows the tracker’s rules', async () => {
    const { applicationNumber } = (await intake({ type: 'sin_first', channel: 'online', applicant })).json();
    const base = { db: t.database.db, clock: t.clock, guard: await createGuard({ db: t.database.db }), actor: systemActor('ivr'), caller: 'tel:+16135550100' };
    const found = await lookUpStatus({ ...base, applicationNumber, dateOfBirth: applicant.dateOfBirth });
    assert.equal(found?.stage.en, 'Application received');
    assert.equal(await lookUpStatus({ ...base, applicationNumber, dateOfBirth: '1985-04-24' }), null);
  });

  test('an MP office sees only files with a running consent, and its inquiries carry their standard', async () => {
    const partner = await createUser(t.database, 'partner', 'mp@test.example');
    const office = await createOffice({ db: t.database.db, actor: systemActor('test'), kind: 'mp', nameEn: 'Office of the MP for Ottawa Centre', nameFr: 'Bureau du député d’Ottawa-Centre', memberIds: [partner.id] });
    const partnerToken = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'mp', role: 'partner' })).token;
    const consented = (await intake({ type: 'passport_regular', channel: 'mail', applicant })).json().applicationNumber;
    const other = (await intake({ type: 'passport_regular', channel: 'mail', applicant })).json().applicationNumber;
    const consent = await t.app.inject({ method: 'POST', url: `/api/v1/applications/${consented}/consents`, headers: auth(agent), payload: { officeId: office.id, expiresOn: '2027-05-31' } });
    assert.equal(consent.statusCode, 201, consent.body);
    // A token has no office: partners work through their own accounts; without one, nothing is shown.
    const asToken = await t.app.inject({ method: 'GET', url: '/api/v1/delegated/applications', headers: auth(partnerToken) });
    assert.deepEqual([asToken.statusCode, asToken.json().items], [200, []]);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: auth(partnerToken) })).statusCode, 403);
    const { jar } = await signIn(t.app, 'mp@test.example');
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/delegated/applications', headers: { cookie: jar.header() } })).json();
    assert.deepEqual(seen.items.map((i: { applicationNumber: string }) => i.applicationNumber), [consented]);
    assert.equal(((await listAudit(t.database.db, { action: 'cases.delegated_read', limit: 5 }))[0]?.details as { files: string[] }).files.toString(), consented);
    const actor = { type: 'user' as const, id: partner.id, ip: null, requestId: null };
    const urgent = await askInquiry({ db: t.database.db, clock: t.clock, actor, applicationNumber: consented, urgent: true, question: 'The client travels on Friday.' });
    assert.equal(urgent.due_at.getTime() - t.clock.now().getTime(), 48 * 3_600_000);
    const normal = await askInquiry({ db: t.database.db, clock: t.clock, actor, applicationNumber: consented, urgent: false, question: 'Any news on this file?' });
    assert.ok(normal.due_at.getTime() - t.clock.now().getTime() > 13 * 86_400_000);
    await assert.rejects(askInquiry({ db: t.database.db, clock: t.clock, actor, applicationNumber: other, urgent: false, question: 'And this one?' }), /common.invalid_input/);
    // Once the consent expires, the file disappears from the office's view.
    const later = fixedClock('2027-06-01T15:00:00Z');
    assert.deepEqual((await listDelegatedFiles({ db: t.database.db, clock: later, actor })).files, []);
  });
});
