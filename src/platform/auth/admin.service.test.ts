import assert from 'node:assert/strict';
import { createGuard } from '../throttle/throttle.service.js';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { TEST_PASSWORD } from '../../../test/helpers/http.js';
import { listAudit, systemActor, type Actor } from '../audit.repo.js';
import { AppError } from '../errors.js';
import {
  changeManagedAccount,
  createManagedAccount,
  createToken,
  getManagedAccount,
  listManagedAccounts,
  listTokens,
  resetAccountPassword,
  revokeToken,
  setAccountActive,
} from './admin.service.js';
import { searchAuditLog } from './audit-view.service.js';
import { createStaffUser, resolveSession, signIn } from './auth.service.js';
import type { Scope } from './scope.js';

const SUPERVISOR_SCOPE: Scope = { national: false, sites: [], regions: ['QC'], programmes: ['passport'], lines: [] };

describe('administration of staff accounts', () => {
  let t: TestApp;
  let admin: Actor;
  let supervisor: Actor;
  let quebec: string;
  let ontario: string;
  let quebecSite: string;
  let ontarioSite: string;

  const refused = (status: number, code: string) => (error: unknown) => error instanceof AppError && error.status === status && error.code === code;
  const auditCount = async () => (await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const account = (id: string) => t.database.db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const make = (email: string, role: string, assignments: object) =>
    createStaffUser({ db: t.database.db, actor: systemActor('test'), email, displayName: email.split('@')[0]!, role, password: TEST_PASSWORD, assignments });

  before(async () => {
    t = await buildTestApp({ demo: 'network' });
    const codes = async (province: string) => (await t.database.db.selectFrom('service_points').select('code').where('province_code', '=', province).orderBy('code').limit(2).execute()).map((r) => r.code);
    quebecSite = (await codes('QC'))[0]!;
    ontarioSite = (await codes('ON'))[0]!;
    const boss = await make('boss@test.example', 'admin', { national: true });
    const sup = await make('sup@test.example', 'supervisor', { regions: ['QC'], programmes: ['passport'] });
    admin = { type: 'user', id: boss.id, ip: null, requestId: null, role: 'admin', scope: { national: true, sites: [], regions: [], programmes: [], lines: [] } };
    supervisor = { type: 'user', id: sup.id, ip: null, requestId: null, role: 'supervisor', scope: SUPERVISOR_SCOPE };
    quebec = (await make('qc-agent@test.example', 'agent', { sites: [quebecSite], programmes: ['passport'] })).id;
    ontario = (await make('on-agent@test.example', 'agent', { sites: [ontarioSite], programmes: ['passport'] })).id;
  });
  after(() => t.close());

  test('an administrator sees every account; a supervisor only those within their region', async () => {
    const all = (await listManagedAccounts({ db: t.database.db, actor: admin })).map((a) => a.email);
    assert.ok(all.includes('on-agent@test.example') && all.includes('qc-agent@test.example') && all.includes('boss@test.example'));
    const theirs = (await listManagedAccounts({ db: t.database.db, actor: supervisor })).map((a) => a.email);
    assert.ok(theirs.includes('qc-agent@test.example'));
    assert.ok(!theirs.includes('on-agent@test.example'), 'not an Ontario account');
    assert.ok(!theirs.includes('boss@test.example'), 'not an administrator');
    assert.ok(!theirs.some((email) => email.endsWith('@demo.guichet.ca') && email.startsWith('admin')), 'not the national demo administrator');
  });

  test('a supervisor can neither read nor change an account outside their region (403, nothing changed)', async () => {
    const count = await auditCount();
    const before = await account(ontario);
    const db = t.database.db;
    await assert.rejects(getManagedAccount({ db, actor: supervisor, id: ontario }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(changeManagedAccount({ db, clock: t.clock, actor: supervisor, id: ontario, role: 'agent', assignments: { sites: [quebecSite] } }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(resetAccountPassword({ db, clock: t.clock, actor: supervisor, id: ontario }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(setAccountActive({ db, clock: t.clock, actor: supervisor, id: ontario, active: false }), refused(403, 'auth.out_of_scope'));
    assert.deepEqual(await account(ontario), before);
    assert.equal(await auditCount(), count);
  });

  test('a supervisor may not grant national scope, an administrator role, or a place or programme beyond their own', async () => {
    const db = t.database.db;
    const count = await auditCount();
    const before = await account(quebec);
    const change = (role: string, assignments: object) => changeManagedAccount({ db, clock: t.clock, actor: supervisor, id: quebec, role, assignments });
    await assert.rejects(change('agent', { national: true }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(change('admin', { sites: [quebecSite] }), refused(403, 'admin.role_not_grantable'));
    await assert.rejects(change('agent', { sites: [quebecSite, ontarioSite] }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(change('agent', { regions: ['QC', 'ON'] }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(change('agent', { sites: [quebecSite], programmes: ['passport', 'sin'] }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(change('agent', { programmes: ['passport'] }), refused(403, 'admin.assignment_outside_reach'));
    const create = (role: string, assignments: object) => createManagedAccount({ db, actor: supervisor, email: 'new@test.example', displayName: 'New', role, language: 'fr', assignments });
    await assert.rejects(create('admin', { regions: ['QC'] }), refused(403, 'admin.role_not_grantable'));
    await assert.rejects(create('analyst', { national: true }), refused(403, 'auth.out_of_scope'));
    await assert.rejects(create('agent', { regions: ['ON'] }), refused(403, 'auth.out_of_scope'));
    assert.deepEqual(await account(quebec), before);
    assert.equal(await auditCount(), count);
    assert.equal(await db.selectFrom('staff_users').select('id').where('email', '=', 'new@test.example').executeTakeFirst(), undefined);
  });

  test('bad input is a 400 naming the fields, and nothing is stored', async () => {
    const db = t.database.db;
    const count = await auditCount();
    await assert.rejects(
      createManagedAccount({ db, actor: admin, email: 'not an email', displayName: ' ', role: 'agent', language: 'en', password: 'short', assignments: {} }),
      (error: unknown) => error instanceof AppError && error.status === 400 && error.fields.password === 'auth.password_too_short',
    );
    await assert.rejects(
      createManagedAccount({ db, actor: admin, email: 'ok@test.example', displayName: 'Ok', role: 'agent', language: 'en', assignments: { sites: ['SCC-ZZ-999'] } }),
      (error: unknown) => error instanceof AppError && error.status === 400 && error.fields.sites === 'auth.assignment_site_unknown',
    );
    await assert.rejects(changeManagedAccount({ db, clock: t.clock, actor: admin, id: quebec, role: 'wizard', assignments: {} }), (error: unknown) => error instanceof AppError && error.status === 400 && error.fields.role === 'auth.role_invalid');
    await assert.rejects(changeManagedAccount({ db, clock: t.clock, actor: admin, id: quebec, role: 'agent', assignments: { regions: ['XX'] } }), (error: unknown) => error instanceof AppError && error.status === 400);
    assert.equal(await auditCount(), count);
    assert.equal(await db.selectFrom('staff_users').select('id').where('email', '=', 'ok@test.example').executeTakeFirst(), undefined);
  });

  test('a supervisor creates and assigns within their region; each change is audited in its transaction', async () => {
    const db = t.database.db;
    const { user, password } = await createManagedAccount({ db, actor: supervisor, email: 'rimouski@test.example', displayName: 'Rimouski Agent', role: 'reception', language: 'fr', assignments: { sites: [quebecSite] } });
    assert.match(password!, /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const signedIn = await signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'rimouski@test.example', password: password! });
    assert.equal(signedIn.principal.role, 'reception');
    await changeManagedAccount({ db, clock: t.clock, actor: supervisor, id: user.id, role: 'agent', assignments: { sites: [quebecSite], regions: ['QC'], programmes: ['passport'] } });
    const changed = await account(user.id);
    assert.equal(changed.role, 'agent');
    assert.deepEqual(changed.regions, ['QC']);
    const trail = await listAudit(db, { entityType: 'staff_user', entityId: user.id, limit: 10 });
    assert.deepEqual(trail.map((e) => e.action).reverse(), ['staff_user.create', 'auth.sign_in', 'staff_user.assign']);
    assert.equal(trail[0]!.actor_id, supervisor.id);
  });

  test('deactivation ends sessions and refuses sign-in; reactivation, and a reset that ends sessions are audited', async () => {
    const db = t.database.db;
    const target = (await make('cycle@test.example', 'agent', { sites: [quebecSite] })).id;
    const session = await signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: TEST_PASSWORD });
    await setAccountActive({ db, clock: t.clock, actor: supervisor, id: target, active: false });
    assert.equal(await resolveSession({ db, clock: t.clock, sessionToken: session.sessionToken }), null);
    await assert.rejects(signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: TEST_PASSWORD }), refused(401, 'auth.invalid_credentials'));
    await setAccountActive({ db, clock: t.clock, actor: supervisor, id: target, active: true });
    const again = await signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: TEST_PASSWORD });
    const { password } = await resetAccountPassword({ db, clock: t.clock, actor: admin, id: target });
    assert.equal(await resolveSession({ db, clock: t.clock, sessionToken: again.sessionToken }), null);
    await assert.rejects(signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: TEST_PASSWORD }), refused(401, 'auth.invalid_credentials'));
    await signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: password! });
    const chosen = await resetAccountPassword({ db, clock: t.clock, actor: admin, id: target, password: 'a chosen passphrase' });
    assert.equal(chosen.password, null);
    await signIn({ db, guard: await createGuard({ db }), clock: t.clock, actor: systemActor('test'), email: 'cycle@test.example', password: 'a chosen passphrase' });
    const actions = (await listAudit(db, { entityType: 'staff_user', entityId: target, limit: 20 })).map((e) => e.action).filter((a) => a.startsWith('staff_user.'));
    assert.deepEqual(actions.reverse(), ['staff_user.create', 'staff_user.deactivate', 'staff_user.reactivate', 'staff_user.password_reset', 'staff_user.password_reset']);
    await assert.rejects(setAccountActive({ db, clock: t.clock, actor: supervisor, id: supervisor.id!, active: false }), refused(409, 'admin.not_yourself'));
  });

  test('only administrators manage tokens: the secret is returned once, never listed; revoking is audited', async () => {
    const db = t.database.db;
    await assert.rejects(listTokens({ db, actor: supervisor }), refused(403, 'auth.forbidden'));
    await assert.rejects(createToken({ db, actor: supervisor, name: 'kiosk', role: 'reception', assignments: { sites: [quebecSite] } }), refused(403, 'auth.forbidden'));
    const created = await createToken({ db, actor: admin, name: 'kiosk', role: 'reception', assignments: { sites: [quebecSite] } });
    assert.match(created.token, /^gt_/);
    const listed = (await listTokens({ db, actor: admin })).find((k) => k.id === created.id)!;
    assert.ok(!JSON.stringify(listed).includes(created.token));
    assert.equal(listed.site_ids.length, 1);
    await revokeToken({ db, clock: t.clock, actor: admin, id: created.id });
    await assert.rejects(revokeToken({ db, clock: t.clock, actor: admin, id: created.id }), refused(404, 'auth.token_not_found'));
    const actions = (await listAudit(db, { entityType: 'api_token', entityId: created.id, limit: 5 })).map((e) => e.action);
    assert.deepEqual(actions, ['api_token.revoke', 'api_token.create']);
  });

  test('the audit search filters by person, action, record and period, pages by keyset, and names people', async () => {
    const db = t.database.db;
    await assert.rejects(searchAuditLog({ db, actor: supervisor, search: {}, limit: 10 }), refused(403, 'auth.forbidden'));
    const bySupervisor = await searchAuditLog({ db, actor: admin, search: { person: supervisor.id! }, limit: 100 });
    assert.ok(bySupervisor.rows.length > 0 && bySupervisor.rows.every((r) => r.actor_id === supervisor.id && r.actor_name === 'sup'));
    const assigns = await searchAuditLog({ db, actor: admin, search: { action: 'staff_user.assign' }, limit: 100 });
    assert.ok(assigns.rows.every((r) => r.action === 'staff_user.assign' && r.record_name === 'Rimouski Agent'));
    const first = await searchAuditLog({ db, actor: admin, search: {}, limit: 3 });
    const second = await searchAuditLog({ db, actor: admin, search: { before: first.next! }, limit: 3 });
    assert.equal(first.rows.length, 3);
    assert.ok(Number(second.rows[0]!.id) < Number(first.rows[2]!.id));
    const today = first.rows[0]!.occurred_at.toISOString().slice(0, 10);
    assert.ok((await searchAuditLog({ db, actor: admin, search: { from: today, to: today }, limit: 5 })).rows.length > 0);
    assert.equal((await searchAuditLog({ db, actor: admin, search: { from: '2020-01-01', to: '2020-01-02' }, limit: 5 })).rows.length, 0);
    await assert.rejects(searchAuditLog({ db, actor: admin, search: { from: '2026-02-30' }, limit: 5 }), (e: unknown) => e instanceof AppError && e.status === 400 && e.fields.from === 'admin.audit.date_invalid');
    await assert.rejects(searchAuditLog({ db, actor: admin, search: { from: '2026-02-03', to: '2026-02-01' }, limit: 5 }), (e: unknown) => e instanceof AppError && e.fields.to === 'admin.audit.period_invalid');
  });
});
