/** The SQL of single sign-on: accounts found, linked and created by their provider identity. */
import type { Kysely } from 'kysely';
import type { Role, Tables } from '../db/tables.js';

type Db = Kysely<Tables>;

export const findUserByOidcIdentity = (db: Db, issuer: string, subject: string) =>
  db.selectFrom('staff_users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();

/** Ties a local account to a provider identity; its password is replaced by `passwordHash` (an unusable one). */
export const linkOidcIdentity = (db: Db, userId: string, link: { issuer: string; subject: string; passwordHash: string; now: Date }) =>
  db
    .updateTable('staff_users')
    .set({ oidc_issuer: link.issuer, oidc_subject: link.subject, password_hash: link.passwordHash, updated_at: link.now })
    .where('id', '=', userId)
    .execute();

export const updateUserFromProvider = (db: Db, userId: string, values: { role: Role; displayName: string; now: Date }) =>
  db.updateTable('staff_users').set({ role: values.role, display_name: values.displayName, updated_at: values.now }).where('id', '=', userId).execute();

export const setSessionIdToken = (db: Db, tokenHash: string, idToken: string) =>
  db.updateTable('staff_sessions').set({ oidc_id_token: idToken }).where('token_hash', '=', tokenHash).execute();

export const findSessionIdToken = async (db: Db, tokenHash: string) =>
  (await db.selectFrom('staff_sessions').select('oidc_id_token').where('token_hash', '=', tokenHash).executeTakeFirst())?.oidc_id_token ?? undefined;
