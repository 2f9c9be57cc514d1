/** The only SQL of sign-in: staff accounts, their sessions and the integration tokens. */
import type { Kysely } from 'kysely';
import type { Role, StaffUser, Tables } from '../db/tables.js';

type Db = Kysely<Tables>;

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('staff_users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(
  db: Db,
  user: { email: string; displayName: string; role: Role; passwordHash: string; language: 'en' | 'fr' },
): Promise<StaffUser> {
  return db
    .insertInto('staff_users')
    .values({
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      preferred_language: user.language,
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
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();

export const touchSession = (db: Db, tokenHash: string, seenAt: Date, expiresAt: Date) =>
  db.updateTable('staff_sessions').set({ last_seen_at: seenAt, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();

export const deleteSession = (db: Db, tokenHash: string) =>
  db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();

export const deleteExpiredSessions = (db: Db, now: Date) => db.deleteFrom('staff_sessions').where('expires_at', '<', now).execute();

export const insertApiToken = (db: Db, token: { name: string; role: Role; tokenHash: string }) =>
  db
    .insertInto('api_tokens')
    .values({ name: token.name, role: token.role, token_hash: token.tokenHash })
    .returning(['id', 'name', 'role', 'created_at'])
    .executeTakeFirstOrThrow();

export const findApiToken = (db: Db, tokenHash: string) =>
  db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();

export const touchApiToken = (db: Db, id: string, usedAt: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: usedAt }).where('id', '=', id).execute();

export const listApiTokens = (db: Db) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at']).orderBy('created_at').execute();

export const revokeApiToken = (db: Db, id: string, at: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst();
