/**
 * Sign-in use cases. Local accounts with argon2id; guessing throttled per address; sessions
 * kept in the database (any server process can serve any request); tokens for integrations.
 * An OpenID Connect provider can later produce the same `Principal` through `resolve*`.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../audit.repo.js';
import { recordAudit } from '../audit.repo.js';
import type { Clock } from '../clock.js';
import type { Role, StaffUser, Tables } from '../db/tables.js';
import { AppError } from '../errors.js';
import { networkAddress } from '../throttle/address.js';
import { SIGN_IN_POLICY } from '../throttle/policy.js';
import { countAttempt, forgiveAttempt, raiseAlerts, type Attempt, type Guard } from '../throttle/throttle.service.js';
import * as repo from './auth.repo.js';
import { isRole } from './roles.js';
import type { Scope } from './scope.js';
import { resolveAssignments, scopeOfRow, type AssignmentsInput } from './assignments.js';
import { decoyHash, hashPassword, newOpaqueToken, sha256, verifyPassword } from './secrets.js';

type Db = Kysely<Tables>;

export const SESSION = { idleMinutes: 120, absoluteHours: 12, touchEverySeconds: 60 } as const;
export const MIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Principal =
  | { kind: 'user'; id: string; role: Role; name: string; email: string; language: 'en' | 'fr'; scope: Scope }
  | { kind: 'token'; id: string; role: Role; name: string; scope: Scope };

export async function createStaffUser(options: {
  db: Db;
  actor: Actor;
  email: string;
  displayName: string;
  role: string;
  password: string;
  language?: 'en' | 'fr';
  assignments?: AssignmentsInput;
}) {
  const email = options.email.trim();
  const fields: Record<string, string> = {};
  if (!EMAIL.test(email) || email.length > 254) fields.email = 'auth.email_invalid';
  if (!options.displayName.trim()) fields.displayName = 'auth.name_required';
  if (!isRole(options.role)) fields.role = 'auth.role_invalid';
  if (options.password.length < MIN_PASSWORD_LENGTH) fields.password = 'auth.password_too_short';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const passwordHash = await hashPassword(options.password);
  return options.db.transaction().execute(async (trx) => {
    const assigned = await resolveAssignments(trx, options.assignments ?? {});
    if (await repo.findUserByEmail(trx, email)) throw new AppError('auth.email_taken', 409);
    const user = await repo.insertUser(trx, {
      email,
      displayName: options.displayName.trim(),
      role: options.role as Role,
      passwordHash,
      language: options.language ?? 'en',
      assignments: assigned,
    });
    await recordAudit(trx, options.actor, { action: 'staff_user.create', entityType: 'staff_user', entityId: user.id, details: { role: user.role, assignments: assigned } });
    return user;
  });
}

export async function signIn(options: {
  db: Db;
  clock: Clock;
  guard: Guard;
  actor: Actor;
  email: string;
  password: string;
  userAgent?: string | null;
}): Promise<{ sessionToken: string; principal: Principal; expiresAt: Date }> {
  const now = options.clock.now();
  const email = options.email.trim();
  // Counted before the password is checked, per (account, address) and per address: a refusal
  // holds back this address only, never the account (see SIGN_IN_POLICY).
  const attempt = await countAttempt({ db: options.db, guard: options.guard, policy: SIGN_IN_POLICY, subject: email.toLowerCase(), address: networkAddress(options.actor.ip), now });
  const found = await repo.findUserByEmail(options.db, email);
  const user = found && !found.disabled_at ? found : undefined;
  if (!attempt.verdict.allowed) return rejectSignIn(options, attempt, user, { reason: 'throttled', by: attempt.verdict.reason });
  if (!user) {
    await verifyPassword(await decoyHash(), options.password); // same cost as a real check
    return rejectSignIn(options, attempt, undefined, { reason: 'unknown_account' });
  }
  if (!(await verifyPassword(user.password_hash, options.password))) return rejectSignIn(options, attempt, user, {});
  await forgiveAttempt({ db: options.db, attempt });
  const sessionToken = newOpaqueToken('gs');
  const expiresAt = new Date(now.getTime() + SESSION.idleMinutes * 60_000);
  await options.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, { tokenHash: sha256(sessionToken), userId: user.id, now, expiresAt, ip: options.actor.ip, userAgent: options.userAgent?.slice(0, 300) ?? null });
    await recordAudit(trx, { ...options.actor, type: 'user', id: user.id }, { action: 'auth.sign_in', entityType: 'staff_user', entityId: user.id });
  });
  const principal: Principal = { kind: 'user', id: user.id, role: user.role, name: user.display_name, email: user.email, language: user.preferred_language, scope: scopeOfRow(user) };
  return { sessionToken, principal, expiresAt };
}

/** A failed or refused sign-in: audited, with the guessing alerts it brings; the error says which. */
async function rejectSignIn(options: { db: Db; guard: Guard; actor: Actor }, attempt: Attempt, user: StaffUser | undefined, details: Record<string, unknown>): Promise<never> {
  const entity = user ? { type: 'staff_user', id: user.id } : undefined;
  const { verdict } = attempt;
  await recordAudit(options.db, options.actor, { action: verdict.allowed ? 'auth.sign_in_failed' : 'auth.sign_in_refused', ...(entity ? { entityType: entity.type, entityId: entity.id } : {}), details });
  await raiseAlerts({ db: options.db, guard: options.guard, attempt, actor: options.actor, entity });
  if (verdict.allowed) throw new AppError('auth.invalid_credentials', 401);
  throw new AppError('auth.too_many_attempts', 429, { minutes: Math.ceil(verdict.retryAfterSeconds / 60) });
}

export async function signOut(options: { db: Db; actor: Actor; sessionToken: string }): Promise<void> {
  await options.db.transaction().execute(async (trx) => {
    const removed = await repo.deleteSession(trx, sha256(options.sessionToken));
    if (removed) await recordAudit(trx, options.actor, { action: 'auth.sign_out', entityType: 'staff_user', entityId: removed.user_id });
  });
}

/** The principal behind a session cookie, sliding its idle expiry; null when absent or expired. */
export async function resolveSession(options: { db: Db; clock: Clock; sessionToken: string }): Promise<Principal | null> {
  const now = options.clock.now();
  const hash = sha256(options.sessionToken);
  const session = await repo.findSessionWithUser(options.db, hash);
  if (!session || session.disabled_at || session.expires_at <= now) return null;
  const absoluteEnd = session.created_at.getTime() + SESSION.absoluteHours * 3_600_000;
  if (now.getTime() >= absoluteEnd) return null;
  if (now.getTime() - session.last_seen_at.getTime() >= SESSION.touchEverySeconds * 1000) {
    const expiresAt = new Date(Math.min(absoluteEnd, now.getTime() + SESSION.idleMinutes * 60_000));
    await repo.touchSession(options.db, hash, now, expiresAt);
  }
  return { kind: 'user', id: session.user_id, role: session.role, name: session.display_name, email: session.email, language: session.preferred_language, scope: scopeOfRow(session) };
}

export async function resolveApiToken(options: { db: Db; clock: Clock; token: string }): Promise<Principal | null> {
  const row = await repo.findApiToken(options.db, sha256(options.token));
  if (!row) return null;
  const now = options.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= SESSION.touchEverySeconds * 1000) {
    await repo.touchApiToken(options.db, row.id, now);
  }
  return { kind: 'token', id: row.id, role: row.role, name: row.name, scope: scopeOfRow(row) };
}

export async function createApiToken(options: { db: Db; actor: Actor; name: string; role: string; assignments?: AssignmentsInput }) {
  const name = options.name.trim();
  const fields: Record<string, string> = {};
  if (!name || name.length > 100) fields.name = 'auth.token_name_invalid';
  if (!isRole(options.role)) fields.role = 'auth.role_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const token = newOpaqueToken('gt');
  const row = await options.db.transaction().execute(async (trx) => {
    const assigned = await resolveAssignments(trx, options.assignments ?? {});
    const created = await repo.insertApiToken(trx, { name, role: options.role as Role, tokenHash: sha256(token), assignments: assigned });
    await recordAudit(trx, options.actor, { action: 'api_token.create', entityType: 'api_token', entityId: created.id, details: { role: created.role, name, assignments: assigned } });
    return created;
  });
  return { ...row, token };
}

export async function revokeApiToken(options: { db: Db; clock: Clock; actor: Actor; id: string }) {
  await options.db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeApiToken(trx, options.id, options.clock.now());
    if (!revoked) throw new AppError('auth.token_not_found', 404);
    await recordAudit(trx, options.actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: options.id });
  });
}

export const listApiTokens = (options: { db: Db }) => repo.listApiTokens(options.db);
export const purgeExpiredSessions = (options: { db: Db; clock: Clock }) => repo.deleteExpiredSessions(options.db, options.clock.now());
export const findStaffUserByEmail = (options: { db: Db; email: string }) => repo.findUserByEmail(options.db, options.email.trim());
export const listStaffUsers = (options: { db: Db }) => repo.listUsers(options.db);
