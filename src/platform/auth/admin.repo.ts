/** The SQL of administration: accounts as listed and changed by administrators. */
import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';

type Db = Kysely<Tables>;

const ACCOUNT_COLUMNS = [
  'id',
  'email',
  'display_name',
  'role',
  'preferred_language',
  'disabled_at',
  'created_at',
  'national',
  'site_ids',
  'regions',
  'programmes',
  'lines',
] as const;

export const listAccounts = (db: Db) => db.selectFrom('staff_users').select(ACCOUNT_COLUMNS).orderBy('display_name').orderBy('id').execute();

export const findAccount = (db: Db, id: string) => db.selectFrom('staff_users').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Service points by id with their province, to tell whether an assignment lies in a region. */
export const findSitesByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('service_points').select(['id', 'code', 'name_en', 'name_fr', 'province_code']).where('id', 'in', [...ids]).execute();

/** What assignments can name, for the forms' choices and for reading them back in plain words. */
export async function listAssignable(db: Db) {
  const [provinces, programmes, lines] = await Promise.all([
    db.selectFrom('provinces').select(['code', 'name_en', 'name_fr']).orderBy('sort_order').execute(),
    db.selectFrom('programmes').select(['code', 'name_en', 'name_fr']).orderBy('code').execute(),
    db.selectFrom('contact_lines').select(['code', 'name_en', 'name_fr']).orderBy('code').execute(),
  ]);
  return { provinces, programmes, lines };
}

export const setDisabled = (db: Db, id: string, disabledAt: Date | null, now: Date) =>
  db.updateTable('staff_users').set({ disabled_at: disabledAt, updated_at: now }).where('id', '=', id).execute();

export const setPassword = (db: Db, id: string, passwordHash: string, now: Date) =>
  db.updateTable('staff_users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();

export const deleteSessionsOf = (db: Db, userId: string) => db.deleteFrom('staff_sessions').where('user_id', '=', userId).executeTakeFirst();

export const findToken = (db: Db, id: string) =>
  db.selectFrom('api_tokens').select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at', 'national', 'site_ids', 'regions', 'programmes', 'lines']).where('id', '=', id).executeTakeFirst();

/** Names of the staff accounts and tokens a set of audit rows points at as their record. */
export async function findRecordNames(db: Db, ids: { users: string[]; tokens: string[] }) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const users = ids.users.filter((id) => uuid.test(id));
  const tokens = ids.tokens.filter((id) => uuid.test(id));
  const [userRows, tokenRows] = await Promise.all([
    users.length === 0 ? [] : db.selectFrom('staff_users').select(['id', 'display_name as name']).where('id', 'in', users).execute(),
    tokens.length === 0 ? [] : db.selectFrom('api_tokens').select(['id', 'name']).where('id', 'in', tokens).execute(),
  ]);
  return new Map([...userRows, ...tokenRows].map((row) => [row.id, row.name]));
}

/** The people and tokens who appear in the log, for the "person" filter. */
export async function listActors(db: Db) {
  const [users, tokens] = await Promise.all([
    db.selectFrom('staff_users').select(['id', 'display_name as name', 'email']).orderBy('display_name').execute(),
    db.selectFrom('api_tokens').select(['id', 'name']).orderBy('name').execute(),
  ]);
  return { users, tokens };
}
