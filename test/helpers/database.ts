/**
 * A fresh database for one test file: an in-memory PGlite, or, when the suite runs on
 * PostgreSQL (TEST_DATABASE_URL), a new database on that server, dropped at the end.
 *
 * A migrated test database is used as a deployment uses it: on PostgreSQL a role that owns the
 * database (guichet_test_owner) migrates and grants, and the handle returned connects as the
 * server's restricted role (guichet_test_app); the embedded engine switches to its restricted
 * role. With `migrate: false` the caller migrates, so the handle (and `url`) is the owner's.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { openMigratedDatabase } from '../../src/platform/db/setup.js';

export interface TestDatabase extends Database {
  /** The connection URL of this handle's role when on PostgreSQL (for a second process or app). */
  url: string | undefined;
  /** On PostgreSQL: the owner's URL (DATABASE_OWNER_URL) and the server's role's URL (DATABASE_URL). */
  ownerUrl?: string | undefined;
  appUrl?: string | undefined;
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export const TEST_OWNER_ROLE = 'guichet_test_owner';
export const TEST_APP_ROLE = 'guichet_test_app';
const ROLES_LOCK = 4_748_202;

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = options.migrate === false ? await openDatabase({ dataDir: 'memory://' }) : (await openMigratedDatabase({ dataDir: 'memory://' })).database;
    return { ...database, url: undefined, ownerUrl: undefined, appUrl: undefined };
  }
  const { name, ownerUrl, appUrl } = await createEmptyDatabase(adminUrl);
  const database =
    options.migrate === false
      ? await openDatabase({ url: ownerUrl, poolSize: 5 })
      : (await openMigratedDatabase({ url: appUrl, ownerUrl, poolSize: 5 })).database;
  return {
    ...database,
    url: options.migrate === false ? ownerUrl : appUrl,
    ownerUrl,
    appUrl,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * An empty database on the server of `adminUrl` (a superuser's), owned by the test owner role,
 * with the URLs of its owner and of the server's restricted role.
 */
export async function createEmptyDatabase(adminUrl: string): Promise<{ name: string; ownerUrl: string; appUrl: string }> {
  const name = `guichet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureTestRoles(admin, new URL(adminUrl).password);
    await admin.query(`create database ${name} owner ${TEST_OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  return { name, ownerUrl: urlFor(adminUrl, name, TEST_OWNER_ROLE), appUrl: urlFor(adminUrl, name, TEST_APP_ROLE) };
}

function urlFor(adminUrl: string, database: string, role: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  url.username = role;
  return url.toString();
}

/** Roles belong to the cluster: the first test file creates them, the others find them. */
async function ensureTestRoles(admin: pg.Client, password: string): Promise<void> {
  await admin.query('select pg_advisory_lock($1)', [ROLES_LOCK]);
  try {
    for (const role of [TEST_OWNER_ROLE, TEST_APP_ROLE]) {
      const found = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
      if (found.rowCount === 0) await admin.query(`create role ${role} login`);
      // The cluster's own password, when it has one, lets both roles in wherever the admin gets in.
      if (password) await admin.query(`alter role ${role} password ${admin.escapeLiteral(decodeURIComponent(password))}`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [ROLES_LOCK]);
  }
}
