/**
 * Signing staff in through an OpenID Connect provider. The provider's issuer and subject name the
 * account; the first sign-in creates it (or claims a local account with the same, verified,
 * email); every sign-in sets the role from the person's current groups, so a change of group at
 * the provider takes effect at the next sign-in. Where a person works stays in Guichet.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit.repo.js';
import { recordAudit } from '../audit.repo.js';
import type { Clock } from '../clock.js';
import type { StaffUser, Tables } from '../db/tables.js';
import { AppError } from '../errors.js';
import * as authRepo from './auth.repo.js';
import { SESSION } from './auth.service.js';
import type { OidcIdentity } from './oidc.js';
import { groupsOf, profileOf, roleForGroups } from './oidc.claims.js';
import type { OidcConfig } from './oidc.config.js';
import * as repo from './oidc.repo.js';
import { hashPassword, newOpaqueToken, sha256 } from './secrets.js';

type Db = Kysely<Tables>;

/**
 * The password of an account that signs in only through its provider: the argon2id hash of a
 * random secret that is thrown away. The password form checks it like any other, taking as long
 * (so it does not tell such accounts apart), and it never matches.
 */
const unusablePasswordHash = () => hashPassword(randomBytes(32).toString('base64url'));

type Refusal = 'oidc.no_role' | 'oidc.account_disabled' | 'oidc.email_missing' | 'oidc.account_conflict';
type Decision = { refused: Refusal; user?: StaffUser } | { user: StaffUser; created: boolean };

export async function signInWithProvider(options: {
  db: Db;
  clock: Clock;
  actor: Actor;
  identity: OidcIdentity;
  settings: Pick<OidcConfig, 'roleClaim' | 'roleMap'>;
  language: 'en' | 'fr';
  userAgent?: string | null;
}): Promise<{ sessionToken: string; expiresAt: Date }> {
  const { identity, actor } = options;
  const now = options.clock.now();
  const groups = groupsOf(identity.claims, options.settings.roleClaim);
  const role = roleForGroups(groups, options.settings.roleMap);
  const sessionToken = newOpaqueToken('gs');
  const expiresAt = new Date(now.getTime() + SESSION.idleMinutes * 60_000);

  // One transaction: a refusal commits only its audit row; a success commits the account, the
  // session and their audit rows together.
  const decision = await options.db.transaction().execute(async (trx): Promise<Decision> => {
    const found = await findOrProvision(trx, { ...options, now, role });
    if ('refused' in found) {
      await recordAudit(trx, actor, {
        action: 'auth.sign_in_refused',
        entityType: found.user ? 'staff_user' : undefined,
        entityId: found.user?.id,
        details: { method: 'oidc', reason: found.refused, issuer: identity.issuer, subject: identity.subject, groups: groups.slice(0, 50) },
      });
      return found;
    }
    const user = found.user;
    const asUser: Actor = { ...actor, type: 'user', id: user.id };
    if (!found.created && role && role !== user.role) {
      await recordAudit(trx, asUser, { action: 'staff_user.role_change', entityType: 'staff_user', entityId: user.id, details: { from: user.role, to: role, source: 'oidc' } });
    }
    if (!found.created) {
      await repo.updateUserFromProvider(trx, user.id, { role: role!, displayName: profileOf(identity.claims).displayName ?? user.display_name, now });
    }
    const tokenHash = sha256(sessionToken);
    await authRepo.insertSession(trx, { tokenHash, userId: user.id, now, expiresAt, ip: actor.ip, userAgent: options.userAgent?.slice(0, 300) ?? null });
    await repo.setSessionIdToken(trx, tokenHash, identity.idToken);
    await recordAudit(trx, asUser, { action: 'auth.sign_in', entityType: 'staff_user', entityId: user.id, details: { method: 'oidc' } });
    return found;
  });
  if ('refused' in decision) throw new AppError(decision.refused, 403);
  return { sessionToken, expiresAt };
}

/** The account of this identity: found, linked by verified email, or created; or why not. */
async function findOrProvision(
  trx: Db,
  options: { identity: OidcIdentity; actor: Actor; language: 'en' | 'fr'; now: Date; role: StaffUser['role'] | undefined },
): Promise<Decision> {
  const { identity, role, now } = options;
  const existing = await repo.findUserByOidcIdentity(trx, identity.issuer, identity.subject);
  if (existing) {
    if (existing.disabled_at) return { refused: 'oidc.account_disabled', user: existing };
    if (!role) return { refused: 'oidc.no_role', user: existing };
    return { user: existing, created: false };
  }
  const profile = profileOf(identity.claims);
  if (!profile.email) return { refused: 'oidc.email_missing' };
  const local = await authRepo.findUserByEmail(trx, profile.email);
  if (local) {
    // Claiming a local account needs the provider's word that the address is this person's,
    // and an account that no other identity holds.
    if (!profile.emailVerified || local.oidc_subject !== null) return { refused: 'oidc.account_conflict', user: local };
    if (local.disabled_at) return { refused: 'oidc.account_disabled', user: local };
    if (!role) return { refused: 'oidc.no_role', user: local };
    await repo.linkOidcIdentity(trx, local.id, { issuer: identity.issuer, subject: identity.subject, passwordHash: await unusablePasswordHash(), now });
    await recordAudit(trx, { ...options.actor, type: 'user', id: local.id }, {
      action: 'staff_user.link_oidc',
      entityType: 'staff_user',
      entityId: local.id,
      details: { issuer: identity.issuer, subject: identity.subject },
    });
    return { user: local, created: false };
  }
  if (!role) return { refused: 'oidc.no_role' };
  const user = await authRepo.insertUser(trx, {
    email: profile.email,
    displayName: profile.displayName ?? profile.email,
    role,
    passwordHash: await unusablePasswordHash(),
    language: options.language,
    identity,
  });
  await recordAudit(trx, { ...options.actor, type: 'user', id: user.id }, {
    action: 'staff_user.create',
    entityType: 'staff_user',
    entityId: user.id,
    details: { role, source: 'oidc', issuer: identity.issuer },
  });
  return { user, created: true };
}

/** The ID token a session was opened with, for the provider's end-session request; none for password sessions. */
export const findSessionIdToken = (options: { db: Db; sessionToken: string }) => repo.findSessionIdToken(options.db, sha256(options.sessionToken));

/** A sign-in that failed before the provider named anyone (an expired flow, a protocol error): audited, with its code. */
export const recordProviderFailure = (options: { db: Db; actor: Actor; code: string }) =>
  recordAudit(options.db, options.actor, { action: 'auth.sign_in_failed', details: { method: 'oidc', reason: options.code } });
