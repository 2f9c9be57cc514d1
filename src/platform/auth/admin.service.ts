/**
 * Administration of staff accounts: list, create, change role and assignments, deactivate and
 * reactivate, reset a password. Administrators manage everyone. A supervisor manages only
 * the accounts that lie within where they work (every place the account has is one of theirs; no
 * administrator, no national account), may add only places, programmes and lines of their own
 * scope, and may neither make an administrator nor grant national scope. The checks live here,
 * not in the pages, so every caller is held to them; each change is audited in its transaction.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit.repo.js';
import { recordAudit } from '../audit.repo.js';
import type { Clock } from '../clock.js';
import type { Role, Tables } from '../db/tables.js';
import { AppError } from '../errors.js';
import * as admin from './admin.repo.js';
import { resolveAssignments, type AssignmentsInput, type StoredAssignments } from './assignments.js';
import * as repo from './auth.repo.js';
import { createApiToken, createStaffUser, MIN_PASSWORD_LENGTH, revokeApiToken } from './auth.service.js';
import { isRole } from './roles.js';
import { OutOfScopeError, type Scope } from './scope.js';
import { hashPassword } from './secrets.js';

type Db = Kysely<Tables>;
type Account = NonNullable<Awaited<ReturnType<typeof admin.findAccount>>>;
export type AccountStatus = 'active' | 'disabled' | 'locked';

/** Who an actor may manage: everyone, or the accounts within a supervisor's scope. */
type Reach = { kind: 'all' } | { kind: 'scoped'; scope: Scope };

export function reachOf(actor: Actor): Reach {
  if (actor.type === 'system' || actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'supervisor') return { kind: 'scoped', scope: actor.scope ?? { national: false, sites: [], regions: [], programmes: [], lines: [] } };
  throw new AppError('auth.forbidden', 403);
}

/** True when an administrator may act; tokens and the public never administer tokens or the audit log. */
export function assertAdministrator(actor: Actor): void {
  if (reachOf(actor).kind !== 'all') throw new AppError('auth.forbidden', 403);
}

const covered = (scope: Scope, site: { id: string; province_code: string }) =>
  scope.national || scope.sites.includes(site.id) || scope.regions.includes(site.province_code);

/** Whether an account lies within a supervisor's scope: a place of theirs, every place of it theirs. */
async function withinReach(db: Db, reach: Reach, account: { role: Role; national: boolean; site_ids: string[]; regions: string[] }): Promise<boolean> {
  if (reach.kind === 'all') return true;
  if (account.role === 'admin' || account.national) return false;
  if (account.site_ids.length === 0 && account.regions.length === 0) return false;
  const scope = reach.scope;
  if (!account.regions.every((region) => scope.national || scope.regions.includes(region))) return false;
  const sites = await admin.findSitesByIds(db, account.site_ids);
  return sites.every((site) => covered(scope, site));
}

/**
 * What a supervisor may give: no administrator, no national scope, and nothing added beyond their
 * own scope (what the account already had may stay). A refusal is a translated 403.
 */
async function assertMayGrant(db: Db, reach: Reach, grant: { role: string; assigned: StoredAssignments; before?: StoredAssignments & { role: Role } }) {
  if (reach.kind === 'all') return;
  const { scope } = reach;
  if (grant.role === 'admin' && grant.before?.role !== 'admin') throw new AppError('admin.role_not_grantable', 403);
  if (grant.assigned.national) throw new OutOfScopeError('national', '');
  const added = <T>(now: T[], then: T[] | undefined) => now.filter((value) => !(then ?? []).includes(value));
  for (const region of added(grant.assigned.regions, grant.before?.regions)) if (!scope.national && !scope.regions.includes(region)) throw new OutOfScopeError('region', region);
  for (const programme of added(grant.assigned.programmes, grant.before?.programmes)) if (!scope.national && !scope.programmes.includes(programme)) throw new OutOfScopeError('programme', programme);
  for (const line of added(grant.assigned.lines, grant.before?.lines)) if (!scope.national && !scope.lines.includes(line)) throw new OutOfScopeError('line', line);
  const sites = await admin.findSitesByIds(db, added(grant.assigned.site_ids, grant.before?.site_ids));
  for (const site of sites) if (!covered(scope, site)) throw new OutOfScopeError('site', site.code);
  if (!(await withinReach(db, reach, { role: grant.role as Role, ...grant.assigned }))) throw new AppError('admin.assignment_outside_reach', 403);
}

/** No account is ever locked: wrong passwords slow the address that sent them (see platform/throttle). */
export const statusOf = (account: { disabled_at: Date | null }, _now: Date): AccountStatus => (account.disabled_at ? 'disabled' : 'active');

/** The accounts an actor may manage, by name. */
export async function listManagedAccounts(options: { db: Db; actor: Actor }) {
  const reach = reachOf(options.actor);
  const accounts = (await admin.listAccounts(options.db)).sort((a, b) => a.display_name.localeCompare(b.display_name, 'fr-CA'));
  if (reach.kind === 'all') return accounts;
  const kept: Account[] = [];
  for (const account of accounts) if (await withinReach(options.db, reach, account)) kept.push(account);
  return kept;
}

/** One account the actor may manage; another's is an out-of-scope 403, a missing one a 404. */
export async function getManagedAccount(options: { db: Db; actor: Actor; id: string }): Promise<Account> {
  const account = /^[0-9a-f-]{36}$/i.test(options.id) ? await admin.findAccount(options.db, options.id) : undefined;
  if (!account) throw new AppError('auth.user_not_found', 404);
  if (!(await withinReach(options.db, reachOf(options.actor), account))) throw new OutOfScopeError('staff_user', account.id);
  return account;
}

/** A password people can read aloud and type: 4 groups of 4 from 31 unambiguous characters (≈ 79 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

function checkPassword(password: string | undefined): { password: string; generated: boolean } {
  if (password === undefined || password === '') return { password: generatePassword(), generated: true };
  if (password.length < MIN_PASSWORD_LENGTH || password.length > 500) throw new AppError('common.invalid_input', 400, {}, { password: 'auth.password_too_short' });
  return { password, generated: false };
}

/** Creates an account; the password is generated when none is given and returned to be shown once. */
export async function createManagedAccount(options: {
  db: Db;
  actor: Actor;
  email: string;
  displayName: string;
  role: string;
  language: string;
  password?: string | undefined;
  assignments: AssignmentsInput;
}) {
  const reach = reachOf(options.actor);
  const { password, generated } = checkPassword(options.password);
  if (options.language !== 'en' && options.language !== 'fr') throw new AppError('common.invalid_input', 400, {}, { language: 'admin.language_invalid' });
  if (isRole(options.role)) await assertMayGrant(options.db, reach, { role: options.role, assigned: await resolveAssignments(options.db, options.assignments) });
  const user = await createStaffUser({ ...options, language: options.language, password });
  return { user, password: generated ? password : null };
}

/** Changes an account's role and assignments, within what the actor may give. */
export async function changeManagedAccount(options: { db: Db; clock: Clock; actor: Actor; id: string; role: string; assignments: AssignmentsInput }) {
  if (!isRole(options.role)) throw new AppError('common.invalid_input', 400, {}, { role: 'auth.role_invalid' });
  const reach = reachOf(options.actor);
  return options.db.transaction().execute(async (trx) => {
    const before = await getManagedAccount({ db: trx, actor: options.actor, id: options.id });
    const assigned = await resolveAssignments(trx, options.assignments);
    await assertMayGrant(trx, reach, { role: options.role, assigned, before });
    if (before.id === options.actor.id && before.role !== options.role) throw new AppError('admin.not_yourself', 409);
    const after = await repo.updateUserAssignments(trx, before.id, assigned, options.role as Role, options.clock.now());
    await recordAudit(trx, options.actor, {
      action: 'staff_user.assign',
      entityType: 'staff_user',
      entityId: before.id,
      details: { before: { role: before.role, national: before.national, site_ids: before.site_ids, regions: before.regions, programmes: before.programmes, lines: before.lines }, after: { role: options.role, ...assigned } },
    });
    return after!;
  });
}

/** Deactivating ends every session at once and refuses sign-in; reactivating opens the account again. */
export async function setAccountActive(options: { db: Db; clock: Clock; actor: Actor; id: string; active: boolean }) {
  await options.db.transaction().execute(async (trx) => {
    const account = await getManagedAccount({ db: trx, actor: options.actor, id: options.id });
    if (account.id === options.actor.id) throw new AppError('admin.not_yourself', 409);
    const now = options.clock.now();
    await admin.setDisabled(trx, account.id, options.active ? null : now, now);
    const ended = options.active ? 0 : Number((await admin.deleteSessionsOf(trx, account.id)).numDeletedRows);
    await recordAudit(trx, options.actor, {
      action: options.active ? 'staff_user.reactivate' : 'staff_user.deactivate',
      entityType: 'staff_user',
      entityId: account.id,
      details: options.active ? {} : { sessionsEnded: ended },
    });
  });
}

/** Sets a new password (generated when none is given, and then returned once) and ends every session. */
export async function resetAccountPassword(options: { db: Db; clock: Clock; actor: Actor; id: string; password?: string | undefined }) {
  const { password, generated } = checkPassword(options.password);
  const hash = await hashPassword(password);
  await options.db.transaction().execute(async (trx) => {
    const account = await getManagedAccount({ db: trx, actor: options.actor, id: options.id });
    await admin.setPassword(trx, account.id, hash, options.clock.now());
    const ended = Number((await admin.deleteSessionsOf(trx, account.id)).numDeletedRows);
    await recordAudit(trx, options.actor, { action: 'staff_user.password_reset', entityType: 'staff_user', entityId: account.id, details: { generated, sessionsEnded: ended } });
  });
  return { password: generated ? password : null };
}

/** Assignments in the words people use: site codes and names, provinces, programmes and lines by name. */
export async function describeAssignments(options: { db: Db; language: 'en' | 'fr'; accounts: StoredAssignments[] }) {
  const [sites, assignable] = await Promise.all([admin.findSitesByIds(options.db, [...new Set(options.accounts.flatMap((a) => a.site_ids))]), admin.listAssignable(options.db)]);
  const name = (row: { name_en: string; name_fr: string }) => (options.language === 'fr' ? row.name_fr : row.name_en);
  const named = <T extends { name_en: string; name_fr: string }>(rows: T[], key: (row: T) => string) => new Map(rows.map((row) => [key(row), name(row)]));
  const siteNames = new Map(sites.map((s) => [s.id, { code: s.code, name: name(s) }]));
  const provinces = named(assignable.provinces, (p) => p.code);
  const programmes = named(assignable.programmes, (p) => p.code);
  const lines = named(assignable.lines, (l) => l.code);
  return {
    assignable,
    describe: (a: StoredAssignments) => ({
      national: a.national,
      sites: a.site_ids.map((id) => siteNames.get(id) ?? { code: id, name: '' }).sort((x, y) => x.code.localeCompare(y.code)),
      regions: a.regions.map((code) => provinces.get(code) ?? code),
      programmes: a.programmes.map((code) => programmes.get(code) ?? code),
      lines: a.lines.map((code) => lines.get(code) ?? code),
    }),
    siteCodes: (a: StoredAssignments) => a.site_ids.map((id) => siteNames.get(id)?.code ?? id),
  };
}

/** API tokens, for administrators only: never the secret, which exists only in the answer to its creation. */
export async function listTokens(options: { db: Db; actor: Actor }) {
  assertAdministrator(options.actor);
  return repo.listApiTokens(options.db);
}

export async function createToken(options: { db: Db; actor: Actor; name: string; role: string; assignments: AssignmentsInput }) {
  assertAdministrator(options.actor);
  return createApiToken(options);
}

export async function revokeToken(options: { db: Db; clock: Clock; actor: Actor; id: string }) {
  assertAdministrator(options.actor);
  if (!/^[0-9a-f-]{36}$/i.test(options.id)) throw new AppError('auth.token_not_found', 404);
  await revokeApiToken(options);
}
