/**
 * Forward-only migrations: every `migrations/NNNN-name.sql` file runs once, in order, in one
 * transaction that also records it. An advisory lock lets several processes start at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

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

/** Applies what is missing; returns the versions applied now. */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<number[]> {
  const migrations = listMigrations(dir);
  return database.rawTransaction(async (query) => {
    await query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await query(
      `create table if not exists schema_migrations (
         version integer primary key,
         name text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const rows = await query('select version from schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await query(migration.sql);
      await query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}
