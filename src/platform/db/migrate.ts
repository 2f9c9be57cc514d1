/**
 * Forward-only migrations: every `migrations/NNNN-name.sql` file runs once, in order, in one
 * transaction that also records it. An advisory lock lets several processes start at once.
 * Run by the schema's owner with an `appRole`, the same transaction grants that role what the
 * server needs (app-role.ts); a role that owns nothing may still call migrate to check that the
 * schema is up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentRole, grantAppRole } from './app-role.js';
import type { Database, RawQuery } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');
const FILE = /^(\d{4})-([a-z0-9-]+)\.sql$/;
const LOCK_KEY = 4_748_201; // any constant shared by every Guichet process

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => FILE.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE.exec(file)!;
      return { version: Number(version), name: name!, sql: fs.readFileSync(path.join(dir, file), 'utf8') };
    });
}

export interface MigrateOptions {
  dir?: string;
  /** The role the server connects as; the migrating role grants it its privileges. */
  appRole?: string | undefined;
}

/** Applies what is missing; returns the versions applied now. */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = listMigrations(options.dir);
  return database.rawTransaction(async (query) => {
    await query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const applied = await appliedVersions(query);
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    const role = await currentRole(query);
    if (pending.length > 0) {
      try {
        await applyMigrations(query, pending, applied.size === 0);
      } catch (error) {
        throw explainPrivileges(error, role, pending);
      }
    }
    if (options.appRole && options.appRole !== role) await grantAppRole(query, options.appRole);
    return pending.map((migration) => migration.version);
  });
}

// Reading first lets a role without CREATE (the server's) find nothing to do without any DDL.
async function appliedVersions(query: RawQuery): Promise<Set<number>> {
  const [table] = await query(`select to_regclass('schema_migrations') is not null as present`, []);
  if (!table?.present) return new Set();
  const rows = await query('select version from schema_migrations', []);
  return new Set(rows.map((row) => Number(row.version)));
}

async function applyMigrations(query: RawQuery, pending: Migration[], fresh: boolean): Promise<void> {
  if (fresh) {
    await query(
      `create table if not exists schema_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
      [],
    );
  }
  for (const migration of pending) {
    await query(migration.sql);
    await query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
  }
}

function explainPrivileges(error: unknown, role: string, pending: Migration[]): unknown {
  if ((error as { code?: string }).code !== '42501') return error;
  return new Error(
    `Migrations ${pending.map((m) => m.version).join(', ')} are pending and the role "${role}" may not apply them ` +
      `(${(error as Error).message}). Run \`guichet migrate\` with DATABASE_OWNER_URL set to the owner's connection.`,
    { cause: error },
  );
}
