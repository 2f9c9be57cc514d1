/** The only SQL of sign-in: staff accounts, their sessions and the integration tokens. */
import type { Kysely } from 'kysely';
import type { Role, StaffUser, Tables } from '../db/tables.js';
import type { StoredAssignments } from './assignments.js';

type Db = Kysely<Tables>;

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('staff_users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(
  db: Db,
  user: {
    email: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    language: 'en' | 'fr';
    /** Absent: no assignment yet (the account reaches nothing until an administrator assigns it). */
    assignments?: StoredAssignments;
    /** An account created at its first single sign-on, tied to its provider identity. */
    identity?: { issuer: string; subject: string };
  },
): Promise<StaffUser> {
  return db
    .insertInto('staff_users')
    .values({
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      preferred_language: user.language,
      ...user.assignments,
      ...(user.identity ? { oidc_issuer: user.identity.issuer, oidc_subject: user.identity.subject } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const insertSession = (
  db: Db,
  session: { tokenHash: string; userId: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
) =>
  db
    .insertInto('staff_sessions')
    .values({
      token_hash: session.tokenHash,
      created_at: session.now,
      last_seen_at: session.now,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();

export const findSessionWithUser = (db: Db, tokenHash: string) =>
  db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select([
      's.token_hash',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      'u.id as user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.preferred_language',
      'u.disabled_at',
      'u.national',
      'u.site_ids',
      'u.regions',
      'u.programmes',
      'u.lines',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const touchSession = (db: Db, tokenHash: string, seenAt: Date, expiresAt: Date) =>
  db.updateTable('staff_sessions').set({ last_seen_at: seenAt, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();

export const deleteSession = (db: Db, tokenHash: string) =>
  db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();

export const deleteExpiredSessions = (db: Db, now: Date) => db.deleteFrom('staff_sessions').where('expires_at', '<', now).execute();

export const insertApiToken = (db: Db, token: { name: string; role: Role; tokenHash: string; assignments: StoredAssignments }) =>
  db
    .insertInto('api_tokens')
    .values({ name: token.name, role: token.role, token_hash: token.tokenHash, ...token.assignments })
    .returning(['id', 'name', 'role', 'created_at'])
    .executeTakeFirstOrThrow();

export const findApiToken = (db: Db, tokenHash: string) =>
  db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();

export const touchApiToken = (db: Db, id: string, usedAt: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: usedAt }).where('id', '=', id).execute();

export const listApiTokens = (db: Db) =>
  db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at', 'national', 'site_ids', 'regions', 'programmes', 'lines'])
    .orderBy('created_at')
    .execute();

export const updateUserAssignments = (db: Db, userId: string, assignments: StoredAssignments, role: Role | undefined, now: Date) =>
  db
    .updateTable('staff_users')
    .set({ ...assignments, ...(role ? { role } : {}), updated_at: now })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirst();

export const updateTokenAssignments = (db: Db, tokenId: string, assignments: StoredAssignments) =>
  db.updateTable('api_tokens').set(assignments).where('id', '=', tokenId).where('revoked_at', 'is', null).returning(['id', 'name', 'role']).executeTakeFirst();

/** Which of these references exist, for checking assignments before they are stored. */
export async function findReferences(db: Db, wanted: { sites: string[]; regions: string[]; programmes: string[]; lines: string[] }) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = wanted.sites.filter((s) => uuid.test(s));
  const codes = wanted.sites.map((s) => s.toUpperCase());
  const [sites, regions, programmes, lines] = await Promise.all([
    wanted.sites.length === 0
      ? []
      : db
          .selectFrom('service_points')
          .select(['id', 'code'])
          .where((eb) => eb.or([eb('code', 'in', codes), ...(ids.length > 0 ? [eb('id', 'in', ids)] : [])]))
          .execute(),
    wanted.regions.length === 0 ? [] : db.selectFrom('provinces').select('code').where('code', 'in', wanted.regions).execute(),
    wanted.programmes.length === 0 ? [] : db.selectFrom('programmes').select('code').where('code', 'in', wanted.programmes).execute(),
    wanted.lines.length === 0 ? [] : db.selectFrom('contact_lines').select('code').where('code', 'in', wanted.lines).execute(),
  ]);
  return { sites, regions: regions.map((r) => r.code), programmes: programmes.map((p) => p.code), lines: lines.map((l) => l.code) };
}

/** Site codes for ids, to show assignments as people read them. */
export const findSiteCodes = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('service_points').select(['id', 'code', 'name_en', 'name_fr']).where('id', 'in', [...ids]).execute();

export const revokeApiToken = (db: Db, id: string, at: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();

export const listUsers = (db: Db) =>
  db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role', 'preferred_language', 'disabled_at', 'created_at', 'national', 'site_ids', 'regions', 'programmes', 'lines'])
    .orderBy('display_name')
    .execute();
