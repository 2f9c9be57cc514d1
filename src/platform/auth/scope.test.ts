import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemActor, type Actor } from '../audit.repo.js';
import { AppError } from '../errors.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { seedDemo } from '../../seed.js';
import { resolveApiToken, createApiToken } from './auth.service.js';
import { assignApiToken, resolveAssignments } from './assignments.js';
import { systemClock } from '../clock.js';
import { assertFileInScope, assertNational, assertSiteInScope, coversFile, coversSite, EMPTY_SCOPE, NATIONAL_SCOPE, OutOfScopeError, type Scope } from './scope.js';

const scope = (partial: Partial<Scope>): Scope => ({ ...EMPTY_SCOPE, ...partial });
const staff = (s: Scope): Actor => ({ type: 'user', id: 'u', ip: null, requestId: null, role: 'agent', scope: s });
const rimouski = { id: 'site-rimouski', province_code: 'QC' };
const halifax = { id: 'site-halifax', province_code: 'NS' };

test('a site is covered by its own assignment, its region, or national scope, and by nothing else', () => {
  assert.equal(coversSite(scope({ sites: [rimouski.id] }), rimouski), true);
  assert.equal(coversSite(scope({ sites: [rimouski.id] }), halifax), false);
  assert.equal(coversSite(scope({ regions: ['NS'] }), halifax), true);
  assert.equal(coversSite(scope({ regions: ['NS'] }), rimouski), false);
  assert.equal(coversSite(NATIONAL_SCOPE, halifax), true);
  assert.equal(coversSite(EMPTY_SCOPE, halifax), false);
});

test('a file needs its programme and its place', () => {
  const file = { programme_code: 'passport', province_code: 'QC', site_id: rimouski.id, assigned_site_id: null };
  assert.equal(coversFile(scope({ sites: [rimouski.id], programmes: ['passport'] }), file), true);
  assert.equal(coversFile(scope({ sites: [rimouski.id], programmes: ['sin'] }), file), false);
  assert.equal(coversFile(scope({ regions: ['QC'], programmes: ['passport'] }), file), true);
  assert.equal(coversFile(scope({ regions: ['NS'], programmes: ['passport'] }), file), false);
  assert.equal(coversFile(scope({ sites: ['elsewhere'], programmes: ['passport'] }), { ...file, assigned_site_id: 'elsewhere' }), true);
});

test('staff are held to their scope; the public and the system are not bound to a place', () => {
  assert.throws(() => assertSiteInScope(staff(scope({ sites: [rimouski.id] })), halifax), OutOfScopeError);
  assert.throws(() => assertSiteInScope({ type: 'token', id: 't', ip: null, requestId: null }, halifax), OutOfScopeError);
  assertSiteInScope(systemActor(), halifax);
  assertSiteInScope({ type: 'public', id: null, ip: null, requestId: null }, halifax);
  assert.throws(() => assertNational(staff(scope({ regions: ['QC'] }))), (error: unknown) => error instanceof AppError && error.status === 403 && error.code === 'auth.out_of_scope');
  assert.throws(() => assertFileInScope(staff(scope({ regions: ['QC'], programmes: ['sin'] })), { programme_code: 'passport', province_code: 'QC', site_id: null, assigned_site_id: null }), OutOfScopeError);
});

let database: TestDatabase;
before(async () => {
  database = await createTestDatabase();
  await seedDemo(database, { histories: false });
});
after(() => database.close());

test('assignments are checked against what exists, stored, and read back into the principal', async () => {
  await assert.rejects(resolveAssignments(database.db, { sites: ['SCC-XX-999'], regions: ['ZZ'], programmes: ['nope'], lines: ['nope'] }), (error: unknown) => {
    assert.ok(error instanceof AppError && error.status === 400);
    assert.deepEqual(Object.keys(error.fields).sort(), ['lines', 'programmes', 'regions', 'sites']);
    return true;
  });
  const created = await createApiToken({ db: database.db, actor: systemActor('test'), name: 'kiosk', role: 'reception', assignments: { sites: ['scc-qc-034'], regions: ['qc'] } });
  const principal = await resolveApiToken({ db: database.db, clock: systemClock, token: created.token });
  assert.equal(principal?.scope.national, false);
  assert.equal(principal?.scope.sites.length, 1);
  assert.deepEqual(principal?.scope.regions, ['QC']);
  await assignApiToken({ db: database.db, actor: systemActor('test'), tokenId: created.id, assignments: { national: true } });
  const again = await resolveApiToken({ db: database.db, clock: systemClock, token: created.token });
  assert.equal(again?.scope.national, true);
  const trail = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.id).execute();
  assert.deepEqual(trail.map((r) => r.action).sort(), ['api_token.assign', 'api_token.create']);
});
