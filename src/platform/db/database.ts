/**
 * One SQL dialect, two engines: PostgreSQL when DATABASE_URL is set, otherwise PGlite (PostgreSQL
 * compiled to WebAssembly) kept on disk. Both are reached through the same Kysely query builder,
 * and both carry the event bus with LISTEN/NOTIFY.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { Tables } from './tables.js';
import { createPgliteBus, createPostgresBus, type EventBus } from './event-bus.js';

export type DatabaseKind = 'embedded' | 'postgres';
export type Db = Kysely<Tables>;

/** Runs plain SQL, several statements at a time when it has no parameters (migrations). */
export type RawQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

export interface Database {
  kind: DatabaseKind;
  db: Db;
  bus: EventBus;
  /** One transaction on one connection, for scripts that Kysely does not express (migrations). */
  rawTransaction<T>(work: (query: RawQuery) => Promise<T>): Promise<T>;
  /** The embedded database only: a copy of its whole folder, which `template` opens again. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

// int8 (counts, identities) fits in a double for every figure this platform keeps; DATE stays a
// plain 'YYYY-MM-DD' string so that no time zone is ever applied to a calendar day.
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);

export interface OpenDatabaseOptions {
  url?: string | undefined;
  /** Folder of the embedded database, or 'memory://' for a throwaway one. */
  dataDir?: string;
  /** An in-memory embedded database starts as a copy of this dump (see `Database.dump`). */
  template?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openEmbedded(options.dataDir ?? 'memory://', options.template);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // A database that does not answer (a host gone, packets dropped) fails a request in seconds
  // rather than holding it: the error handler turns that into 503.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (restart, failover, admin) is not fatal: the pool
  // discards it and opens another on the next query. Without a listener Node would crash.
  pool.on('error', () => undefined);
  // Fail fast with the server's own message when it cannot be reached.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const bus = await createPostgresBus(url);
  return {
    kind: 'postgres',
    db,
    bus,
    async rawTransaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await bus.close();
      await db.destroy();
    },
  };
}

const EMBEDDED_PARSERS = { [INT8]: (value: string) => Number(value), [DATE]: (value: string) => value };

/**
 * PGlite 0.5 ignores the `parsers` given to its constructor (only per-query parsers apply), so the
 * client handed to Kysely adds ours to every query: both engines then return the same JS types.
 */
function withParsers(pglite: PGlite): PGlite {
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, params?: unknown[], options?: Parameters<PGlite['query']>[2]) =>
          target.query(sql, params, { ...options, parsers: { ...EMBEDDED_PARSERS, ...options?.parsers } });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function openEmbedded(dataDir: string, template: Blob | undefined): Promise<Database> {
  if (template && dataDir !== 'memory://') throw new Error('A template opens an in-memory embedded database only');
  let releaseLock: (() => Promise<void>) | undefined;
  if (dataDir !== 'memory://') {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // PGlite is one process's database: a second process on the same folder would corrupt it.
      // After a crash the lock goes stale within 10 s; a restart waits that long rather than fail.
      releaseLock = await lockfile.lock(dataDir, {
        lockfilePath: `${dataDir}.lock`,
        stale: 10_000,
        update: 3_000,
        retries: { retries: 12, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
      });
    } catch {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another Guichet process. ` +
          'Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.',
      );
    }
  }
  const pglite = dataDir === 'memory://' ? new PGlite(template ? { loadDataDir: template } : {}) : new PGlite(dataDir);
  await pglite.waitReady;
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(withParsers(pglite)) });
  const bus = createPgliteBus(pglite);
  return {
    kind: 'embedded',
    db,
    bus,
    async rawTransaction(work) {
      return pglite.transaction(async (tx) =>
        work(async (sql, params) => {
          if (params && params.length > 0) return (await tx.query<Record<string, unknown>>(sql, params)).rows;
          const results = await tx.exec(sql);
          return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
        }),
      );
    },
    dump: () => pglite.dumpDataDir('none'),
    async close() {
      await bus.close();
      await db.destroy(); // closes PGlite too
      await releaseLock?.();
    },
  };
}
