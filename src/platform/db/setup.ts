/**
 * Opens the database the way the server and the CLI use it: migrated, then acting as the
 * application's restricted role. With PostgreSQL and an owner URL, the owner migrates and grants
 * the role of `url`; with `url` alone, that one role does both (it then owns the schema). The
 * embedded database migrates as its superuser and then switches its one session to a restricted
 * role with SET ROLE, so the application's own code meets the same refusals as on PostgreSQL.
 */
import { currentRole, EMBEDDED_APP_ROLE, quoteIdentifier } from './app-role.js';
import { openDatabase, type Database } from './database.js';
import { migrate } from './migrate.js';

export interface OpenMigratedOptions {
  /** The server's connection (DATABASE_URL); absent means the embedded database. */
  url?: string | undefined;
  /** The schema owner's connection (DATABASE_OWNER_URL), used only to migrate and grant. */
  ownerUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
}

export async function openMigratedDatabase(options: OpenMigratedOptions): Promise<{ database: Database; applied: number[] }> {
  const database = await openDatabase({ url: options.url, dataDir: options.dataDir, poolSize: options.poolSize });
  try {
    return { database, applied: await migrateFor(database, options.ownerUrl) };
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function migrateFor(database: Database, ownerUrl: string | undefined): Promise<number[]> {
  if (database.kind === 'embedded') {
    const applied = await migrate(database, { appRole: await ensureEmbeddedAppRole(database) });
    await restrictEmbeddedSession(database);
    return applied;
  }
  if (!ownerUrl) return migrate(database);
  const appRole = await database.rawTransaction(currentRole);
  const owner = await openDatabase({ url: ownerUrl, poolSize: 1 });
  try {
    return await migrate(owner, { appRole });
  } finally {
    await owner.close();
  }
}

/** Creates the embedded restricted role once (the embedded session is a superuser until it switches). */
export async function ensureEmbeddedAppRole(database: Database): Promise<string> {
  await database.rawTransaction((query) =>
    query(`do $$ begin
             if not exists (select from pg_roles where rolname = '${EMBEDDED_APP_ROLE}') then
               create role ${quoteIdentifier(EMBEDDED_APP_ROLE)} nologin;
             end if;
           end $$`),
  );
  return EMBEDDED_APP_ROLE;
}

/** SET outside SET LOCAL outlives its transaction: the whole session acts as the restricted role. */
export async function restrictEmbeddedSession(database: Database): Promise<void> {
  await database.rawTransaction((query) => query(`set role ${quoteIdentifier(EMBEDDED_APP_ROLE)}`));
}
