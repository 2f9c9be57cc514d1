/**
 * QA within scope: a drawn file is a client's file, reached by whoever may reach the file; the
 * sample list and error rates hold only those files; observations are bound to their site;
 * sampling keys, plans, rates and checklists are national; a team is set for staff within reach.
 * Every refusal is a 403 `auth.out_of_scope`, audited, that changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertPassportSite } from '../../../test/helpers/fixtures.js';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { signIn, TEST_PASSWORD } from '../../../test/helpers/http.js';
import { listAudit, systemActor } from '../../platform/audit.repo.js';
import type { AssignmentsInput } from '../../platform/auth/assignments.js';
import { createApiToken, createStaffUser } from '../../platform/auth/auth.service.js';
import type { Role } from '../../platform/auth/roles.js';
import { considerForQaSample } from './index.js';
import { OBSERVATION_ITEMS } from './quality.service.js';

// Sunday 10 May 2026 (fiscal 2026-Q1); the files reach printing in August (2026-Q2), all drawn.
const NOW = '2026-05-10T15:00:00Z';
const AUGUST = Date.UTC(2026, 7, 3, 15);
const applicant = { surname: 'Gagnon', givenNames: 'Léa', dateOfBirth: '1990-02-03' };

describe('quality assurance within scope', () => {
  let t: TestApp;
  const sites = { on: '', qc: '' };
  const samples = { on: '', qc: '', legacy: '' };
  const numbers = { on: '', qc: '', legacy: 'L000000001' };
  const tokens = new Map<string, string>();
  const as = (name: string, language = 'en') => ({ authorization: `Bearer ${tokens.get(name)}`, 'accept-language': language });
  const addToken = async (name: string, role: Role, assignments: AssignmentsInput) => tokens.set(name, (await createApiToken({ db: t.database.db, actor: systemActor('test'), name, role, assignments })).token);
  const count = async (table: 'qa_reviews' | 'qa_observations' | 'qa_sampling_keys' | 'qa_team_members' | 'qa_checklist_items' | 'qa_rates') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const refusals = (target: string) => listAudit(t.database.db, { action: 'auth.refused', entityId: target, limit: 20 });
  const addSite = (code: string, province: string) => insertPassportSite(t.database.db, code, province);

  before(async () => {
    t = await buildTestApp({ now: NOW });
    sites.on = await addSite('PPT-ON-Q', 'ON');
    sites.qc = await addSite('PPT-QC-Q', 'QC');
    await addToken('national', 'qa_reviewer', { national: true });
    await addToken('admin', 'admin', { national: true });
    await addToken('quebec', 'supervisor', { regions: ['QC'], programmes: ['passport'] });
    await addToken('ontario-reviewer', 'qa_reviewer', { regions: ['ON'], programmes: ['passport'] });
    assert.equal((await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/passport/rates', headers: as('admin'), payload: { fromQuarter: '2026-Q2', rate: 1 } })).statusCode, 204);
    for (const place of ['on', 'qc'] as const) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: as('admin'), payload: { type: 'passport_regular', channel: 'in_person', siteId: sites[place], applicant } });
      assert.equal(created.statusCode, 201, created.body);
      numbers[place] = created.json().applicationNumber;
    }
    const files = await t.database.db.selectFrom('applications').select(['id', 'number', 'site_id']).execute();
    await t.database.db.transaction().execute(async (trx) => {
      for (const file of files) await considerForQaSample(trx, { applicationId: file.id, applicationNumber: file.number, programme: 'passport', typeCode: 'passport_regular', stage: 'printing', siteId: file.site_id, agentId: null, at: new Date(AUGUST) });
      // A frame row whose application is not on record: its programme and site stand for it.
      await considerForQaSample(trx, { applicationId: 'legacy-1', applicationNumber: numbers.legacy, programme: 'passport', typeCode: 'passport_regular', stage: 'printing', siteId: sites.qc, agentId: null, at: new Date(AUGUST) });
    });
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples?quarter=2026-Q2', headers: as('national') })).json().items as { id: string; applicationNumber: string }[];
    assert.equal(listed.length, 3);
    const idOf = (number: string) => listed.find((s) => s.applicationNumber === number)!.id;
    Object.assign(samples, { on: idOf(numbers.on), qc: idOf(numbers.qc), legacy: idOf(numbers.legacy) });
  });
  after(() => t.close());

  test('a regional supervisor lists only their region’s drawn files, with counts over those', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples?quarter=2026-Q2', headers: as('quebec') })).json();
    assert.deepEqual(body.items.map((s: { applicationNumber: string }) => s.applicationNumber).sort(), [numbers.legacy, numbers.qc].sort());
    assert.deepEqual(
      body.counts.map((c: { considered: number; drawn: number }) => [c.considered, c.drawn]),
      [[2, 2]],
    );
  });

  test('reading or reviewing a drawn file outside the scope is refused, audited, and records nothing', async () => {
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples.on}`, headers: as('quebec', 'fr') });
    assert.deepEqual([read.statusCode, read.json().code], [403, 'auth.out_of_scope']);
    assert.equal((await refusals(numbers.on))[0]?.entity_type, 'file');
    assert.equal((await listAudit(t.database.db, { action: 'qa.sample.read', entityId: samples.on, limit: 5 })).length, 0);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples.qc}`, headers: as('quebec') })).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples.legacy}`, headers: as('quebec') })).statusCode, 200);
    const checklist = (await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples.qc}`, headers: as('national') })).json().checklist as { code: string }[];
    const review = (sampleId: string, who: string, fail = false) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/qa/samples/${sampleId}/review`,
        headers: as(who),
        payload: { items: checklist.map((i, n) => ({ code: i.code, result: fail && n === 0 ? 'fail' : 'pass' })), findings: fail ? [{ type: 'identity', severity: 'minor', description: 'Guarantor not called.' }] : [] },
      });
    const before = await count('qa_reviews');
    const refused = await review(samples.qc, 'ontario-reviewer');
    assert.deepEqual([refused.statusCode, refused.json().code], [403, 'auth.out_of_scope']);
    assert.equal(await count('qa_reviews'), before);
    assert.equal((await review(samples.on, 'ontario-reviewer', true)).statusCode, 201);
    assert.equal((await review(samples.qc, 'national')).statusCode, 201);
    assert.equal((await review(samples.legacy, 'national')).statusCode, 201);
    // Error rates count only the files within the reader's scope.
    const overall = async (who: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=site', headers: as(who) })).json().overall as { reviewed: number; inError: number };
    assert.deepEqual([(await overall('quebec')).reviewed, (await overall('quebec')).inError], [2, 0]);
    assert.deepEqual([(await overall('national')).reviewed, (await overall('national')).inError], [3, 1]);
  });

  test('keys, plans, rates, checklists and verification are national functions', async () => {
    const before = await Promise.all((['qa_sampling_keys', 'qa_rates', 'qa_checklist_items'] as const).map(count));
    const plan = await t.database.db.selectFrom('qa_plans').selectAll().where('programme', '=', 'passport').executeTakeFirstOrThrow();
    const who = as('ontario-reviewer');
    const attempts = [
      await t.app.inject({ method: 'GET', url: '/api/v1/qa/keys', headers: who }),
      await t.app.inject({ method: 'POST', url: '/api/v1/qa/keys', headers: who, payload: { reason: 'Rotation' } }),
      await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/passport', headers: who, payload: { stage: 'review', active: false } }),
      await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/passport/rates', headers: who, payload: { fromQuarter: '2026-Q4', rate: 0 } }),
      await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/passport/checklist', headers: who, payload: { code: 'extra_check', labelEn: 'Extra', labelFr: 'Supplémentaire' } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: who, payload: { programme: 'passport', quarter: '2026-Q2' } }),
    ];
    assert.deepEqual(
      attempts.map((r) => [r.statusCode, r.json().code]),
      attempts.map(() => [403, 'auth.out_of_scope']),
    );
    assert.deepEqual(await Promise.all((['qa_sampling_keys', 'qa_rates', 'qa_checklist_items'] as const).map(count)), before);
    assert.deepEqual(await t.database.db.selectFrom('qa_plans').selectAll().where('programme', '=', 'passport').executeTakeFirstOrThrow(), plan);
    assert.equal((await listAudit(t.database.db, { action: 'auth.refused', entityType: 'national', limit: 20 })).length, attempts.length);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('national'), payload: { programme: 'passport', quarter: '2026-Q2' } })).json().matches, true);
  });

  test('observations are recorded and read at sites within the scope only', async () => {
    const observe = (site: string) => t.app.inject({ method: 'POST', url: '/api/v1/qa/observations', headers: as('quebec'), payload: { site, mode: 'on_site', items: OBSERVATION_ITEMS.map((code) => ({ code, result: 'pass' })) } });
    const before = await count('qa_observations');
    const away = await observe('PPT-ON-Q');
    assert.deepEqual([away.statusCode, away.json().code], [403, 'auth.out_of_scope']);
    assert.equal((await refusals(sites.on))[0]?.entity_type, 'site');
    assert.equal(await count('qa_observations'), before);
    assert.equal((await observe('PPT-QC-Q')).statusCode, 201);
    await t.app.inject({ method: 'POST', url: '/api/v1/qa/observations', headers: as('national'), payload: { site: 'PPT-ON-Q', mode: 'virtual', items: OBSERVATION_ITEMS.map((code) => ({ code, result: 'pass' })) } });
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/observations', headers: as('quebec') })).json();
    assert.deepEqual(
      seen.observations.map((o: { site_code: string }) => o.site_code),
      ['PPT-QC-Q'],
    );
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/observations?site=PPT-ON-Q', headers: as('quebec') })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/observations', headers: as('national') })).json().observations.length, 2);
  });

  test('a team is set for staff who work within the scope', async () => {
    const user = async (email: string, assignments: AssignmentsInput) => (await createStaffUser({ db: t.database.db, actor: systemActor('test'), email, displayName: email, role: 'agent', password: TEST_PASSWORD, assignments })).id;
    const inQuebec = await user('agent-qc@test.example', { sites: ['PPT-QC-Q'], programmes: ['passport'] });
    const inOntario = await user('agent-on@test.example', { sites: ['PPT-ON-Q'], programmes: ['passport'] });
    const everywhere = await user('agent-national@test.example', { national: true });
    const team = (agentId: string, who = 'quebec') => t.app.inject({ method: 'PUT', url: `/api/v1/qa/teams/${agentId}`, headers: as(who), payload: { team: 'Rimouski A' } });
    const before = await count('qa_team_members');
    assert.deepEqual([(await team(inOntario)).statusCode, (await team(everywhere)).statusCode, (await team('no-such-agent')).statusCode], [403, 403, 403]);
    assert.equal(await count('qa_team_members'), before);
    assert.equal((await team(inQuebec)).statusCode, 204);
    assert.equal((await team(inOntario, 'national')).statusCode, 204);
    assert.equal(await count('qa_team_members'), before + 2);
  });

  test('through the pages, a drawn file elsewhere is refused and the queue holds the region’s files', async () => {
    await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'sup-qc@test.example', displayName: 'Supervisor QC', role: 'supervisor', password: TEST_PASSWORD, assignments: { regions: ['QC'], programmes: ['passport'] } });
    const { jar } = await signIn(t.app, 'sup-qc@test.example');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    const before = (await refusals(numbers.on)).length;
    assert.equal((await get(`/fr/aq/echantillons/${samples.on}`)).statusCode, 403);
    assert.equal((await refusals(numbers.on)).length, before + 1);
    assert.equal((await get(`/en/qa/samples/${samples.qc}`)).statusCode, 200);
    const queue = await get('/en/qa?quarter=2026-Q2&status=all');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(numbers.qc) && !queue.body.includes(numbers.on));
    assert.equal((await get('/en/qa/observations?site=PPT-ON-Q')).statusCode, 403);
  });
});
