/** Settings every server process must share (e.g. the cookie secret when none is configured). */
import type { Kysely } from 'kysely';
import type { Tables } from './db/tables.js';

/** Returns the stored value, or stores `initial` first; safe when several processes race. */
export async function getOrCreateSetting(db: Kysely<Tables>, key: string, initial: () => string): Promise<string> {
  await db.insertInto('platform_settings').values({ key, value: initial() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('platform_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
