/**
 * QA sampling through the real app and database: files reaching the passport sampling stage are
 * drawn by the keyed rule (realised rate within its binomial interval each quarter), once per file
 * and stage, inside the caller's transaction; the sample is listed by fiscal quarter; the draw is
 * derived again from the keys (stored, or given by someone who holds them); keys rotate, audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAudit, systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { considerForQaSample, isDrawn, wilsonInterval, type StageReached } from '../../src/modules/qa/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const QUARTERS = [
  { label: '2025-Q1', rate: 0.01, mid: Date.UTC(2025, 4, 15) },
  { label: '2025-Q2', rate: 0.02, mid: Date.UTC(2025, 7, 15) },
  { label: '2025-Q3', rate: 0.03, mid: Date.UTC(2025, 10, 15) },
  { label: '2025-Q4', rate: 0.04, mid: Date.UTC(2026, 1, 15) },
];
const PER_QUARTER = 1000;
const STAGES = ['received', 'review', 'printing', 'mailed'];

/** A simulated passport file: what the cases module would report at each stage. */
const file = (n: number, stage: string, at: number): StageReached => ({
  applicationId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
  applicationNumber: `P${String(n).padStart(9, '0')}`,
  programme: 'passport',
  typeCode: n % 5 === 0 ? 'express' : 'regular',
  stage,
  siteId: null,
  agentId: null,
  at: new Date(at + (n % 1000) * 60_000),
});

describe('QA sampling', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  const as = (role: Role) => ({ authorization: `Bearer ${tokens.get(role)}` });
  const files: { n: number; quarter: (typeof QUARTERS)[number] }[] = [];

  before(async () => {
    t = await buildTestApp({ now: '2026-05-10T15:00:00Z' });
    for (const role of ['qa_reviewer', 'supervisor', 'agent', 'admin'] as const) tokens.set(role, (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: role, role })).token);
    QUARTERS.forEach((quarter, q) => {
      for (let i = 0; i < PER_QUARTER; i++) files.push({ n: q * PER_QUARTER + i, quarter });
    });
    // Each file moves through every stage, in batches of stage moves like the cases module's.
    for (let start = 0; start < files.length; start += 500) {
      await t.database.db.transaction().execute(async (trx) => {
        for (const f of files.slice(start, start + 500)) for (const stage of STAGES) await considerForQaSample(trx, file(f.n, stage, f.quarter.mid));
      });
    }
  });
  after(() => t.close());

  const keys = async () => (await t.app.inject({ method: 'GET', url: '/api/v1/qa/keys', headers: as('qa_reviewer') })).json().items as { version: number; secret: string; activatedAt: string }[];

  test('only the sampling stage is considered, and the draw is the keyed rule’s', async () => {
    const [key] = await keys();
    const frame = await t.database.db.selectFrom('qa_frame').select(['application_id', 'stage', 'drawn', 'fiscal_quarter', 'key_version']).execute();
    assert.equal(frame.length, files.length);
    assert.ok(frame.every((row) => row.stage === 'printing' && row.key_version === 1));
    for (const quarter of QUARTERS) {
      const rows = frame.filter((row) => row.fiscal_quarter === quarter.label);
      assert.equal(rows.length, PER_QUARTER);
      for (const row of rows) assert.equal(row.drawn, isDrawn(key!.secret, row.application_id, quarter.rate));
      const drawn = rows.filter((row) => row.drawn).length;
      const interval = wilsonInterval(drawn, rows.length, 3.890592)!;
      assert.ok(interval.low <= quarter.rate && quarter.rate <= interval.high, `${quarter.label}: ${drawn} of ${rows.length}`);
    }
  });

  test('a file is considered once per stage, and every draw is audited', async () => {
    const before = await t.database.db.selectFrom('qa_frame').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await t.database.db.transaction().execute(async (trx) => {
      for (const f of files.slice(0, 300)) await considerForQaSample(trx, file(f.n, 'printing', f.quarter.mid + 86_400_000));
    });
    const after = await t.database.db.selectFrom('qa_frame').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
    const drawn = await t.database.db.selectFrom('qa_frame').select((eb) => eb.fn.countAll<string>().as('n')).where('drawn', '=', true).executeTakeFirstOrThrow();
    const audited = await listAudit(t.database.db, { action: 'qa.sample.drawn', limit: 10_000 });
    assert.equal(audited.length, Number(drawn.n));
  });

  test('a stage move rolled back leaves no draw behind', async () => {
    await assert.rejects(
      t.database.db.transaction().execute(async (trx) => {
        await considerForQaSample(trx, file(900_000, 'printing', QUARTERS[3]!.mid));
        throw new Error('the stage move failed');
      }),
    );
    const row = await t.database.db.selectFrom('qa_frame').select('id').where('application_number', '=', 'P000900000').executeTakeFirst();
    assert.equal(row, undefined);
  });

  test('the sample is listed by fiscal quarter, with what was considered and drawn', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples?programme=passport&quarter=2025-Q3', headers: as('supervisor') });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    const [counts] = body.counts;
    assert.equal(counts.quarter, '2025-Q3');
    assert.equal(counts.considered, PER_QUARTER);
    assert.equal(counts.drawn, body.items.length);
    assert.ok(body.items.every((s: { quarter: string; stage: string; status: string; applicationNumber: string }) => s.quarter === '2025-Q3' && s.stage === 'printing' && s.status === 'pending' && /^P\d{9}$/.test(s.applicationNumber)));
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples?quarter=2025-Q5', headers: { ...as('supervisor'), 'accept-language': 'fr' } });
    assert.equal(bad.statusCode, 400);
  });

  test('the draw is derived again from the key, by QA or by anyone given the key', async () => {
    const [key] = await keys();
    const stored = await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('qa_reviewer'), payload: { programme: 'passport', quarter: '2025-Q4' } });
    assert.equal(stored.statusCode, 200);
    assert.equal(stored.json().matches, true);
    assert.equal(stored.json().rederived, stored.json().drawn);
    const given = await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('supervisor'), payload: { programme: 'passport', quarter: '2025-Q4', keys: [{ version: 1, secret: key!.secret }] } });
    assert.equal(given.json().matches, true);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('supervisor'), payload: { programme: 'passport', quarter: '2025-Q4', keys: [{ version: 1, secret: 'ab'.repeat(32) }] } });
    assert.equal(wrong.json().matches, false);
    assert.ok(wrong.json().missing.length > 0);
    const keyless = await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: { ...as('supervisor'), 'accept-language': 'fr' }, payload: { programme: 'passport', quarter: '2025-Q4' } });
    assert.equal(keyless.statusCode, 400);
    assert.equal(keyless.json().code, 'qa.key_required');
  });

  test('a rotated key draws from its activation on, is audited, and the past still checks out', async () => {
    const rotated = await t.app.inject({ method: 'POST', url: '/api/v1/qa/keys', headers: as('qa_reviewer'), payload: { reason: 'yearly rotation' } });
    assert.equal(rotated.statusCode, 201);
    assert.equal(rotated.json().version, 2);
    const all = await keys();
    assert.deepEqual(all.map((k) => k.version), [1, 2]);
    assert.notEqual(all[0]!.secret, all[1]!.secret);
    const audit = await listAudit(t.database.db, { action: 'qa.key.rotated', limit: 5 });
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.details).includes(all[1]!.secret), 'the audit log does not hold the secret');
    const now = t.clock.now().getTime();
    await t.database.db.transaction().execute(async (trx) => {
      for (let n = 950_000; n < 950_400; n++) await considerForQaSample(trx, { ...file(n, 'printing', now), at: new Date(now + 1000) });
    });
    const fresh = await t.database.db.selectFrom('qa_frame').select(['key_version', 'application_id', 'drawn']).where('application_number', '>=', 'P000950000').execute();
    assert.ok(fresh.length === 400 && fresh.every((row) => row.key_version === 2 && row.drawn === isDrawn(all[1]!.secret, row.application_id, 0.04)));
    const check = (await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('admin'), payload: { programme: 'passport', quarter: '2026-Q1' } })).json();
    assert.equal(check.matches, true);
    assert.deepEqual(check.keyVersions, [2]);
    const pastKeyOnly = (await t.app.inject({ method: 'POST', url: '/api/v1/qa/samples/verify', headers: as('supervisor'), payload: { programme: 'passport', quarter: '2026-Q1', keys: [{ version: 1, secret: all[0]!.secret }] } })).json();
    assert.deepEqual(pastKeyOnly.missingKeys, [2]);
    assert.equal(pastKeyOnly.matches, false);
    const backdated = await t.app.inject({ method: 'POST', url: '/api/v1/qa/keys', headers: as('qa_reviewer'), payload: { reason: 'steer the past', activateAt: '2025-01-01T00:00:00Z' } });
    assert.equal(backdated.statusCode, 400);
  });

  test('the sampling plan is configurable for future quarters only, per programme', async () => {
    const past = await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/passport/rates', headers: as('qa_reviewer'), payload: { fromQuarter: '2026-Q1', rate: 0.5 } });
    assert.equal(past.statusCode, 400);
    assert.equal(past.json().code, 'qa.rate_in_past');
    const plan = await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/immigration', headers: as('admin'), payload: { stage: 'decision', active: true } });
    assert.equal(plan.statusCode, 204);
    const future = await t.app.inject({ method: 'PUT', url: '/api/v1/qa/plans/immigration/rates', headers: as('admin'), payload: { fromQuarter: '2026-Q2', rate: 1 } });
    assert.equal(future.statusCode, 204);
    await t.database.db.transaction().execute((trx) => considerForQaSample(trx, { ...file(990_000, 'decision', Date.UTC(2026, 7, 1)), programme: 'immigration' }));
    const drawn = await t.database.db.selectFrom('qa_frame').select(['drawn', 'rate']).where('programme', '=', 'immigration').execute();
    assert.deepEqual(drawn, [{ drawn: true, rate: 1 }]);
    const plans = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/plans', headers: as('supervisor') })).json();
    assert.equal(plans.find((p: { programme: string }) => p.programme === 'passport').currentRate, 0.04);
  });

  test('roles: the key is QA’s, the sample is not the agents’', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/keys', headers: as('supervisor') })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/keys', headers: as('agent') })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples', headers: as('agent') })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/qa/keys', headers: as('supervisor'), payload: { reason: 'x' } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples' })).statusCode, 401);
    const reads = await listAudit(t.database.db, { action: 'qa.keys.read', limit: 50 });
    assert.ok(reads.length >= 3);
  });
});
