/**
 * A fresh database for one test file: an in-memory PGlite, or, when the suite runs on
 * PostgreSQL (TEST_DATABASE_URL), a new database on that server, dropped at the end.
 *
 * A migrated test database is used as a deployment uses it: on PostgreSQL a role that owns the
 * database (guichet_test_owner) migrates and grants, and the handle returned connects as the
 * server's restricted role (guichet_test_app); the embedded engine switches to its restricted
 * role. With `migrate: false` the caller migrates, so the handle (and `url`) is the owner's.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrate.js';
import { ensureEmbeddedAppRole, openMigratedDatabase, restrictEmbeddedSession } from '../../src/platform/db/setup.js';
import { ROOT } from './process.js';

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

/** What a test database holds at the start: the schema, plus the demo network, plus its histories. */
export type Contents = 'migrated' | 'network' | 'demo';

export async function createTestDatabase(options: { migrate?: boolean; contents?: Contents } = {}): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const contents = options.contents ?? 'migrated';
  if (!adminUrl) {
    if (options.migrate === false) return { ...(await openDatabase({ dataDir: 'memory://' })), url: undefined, ownerUrl: undefined, appUrl: undefined };
    // A copy of a database migrated (and seeded) once, rather than made afresh: the same schema,
    // grants and rows, in a fraction of the time.
    const database = await openDatabase({ dataDir: 'memory://', template: await embeddedTemplate(contents) });
    await restrictEmbeddedSession(database);
    return { ...database, url: undefined, ownerUrl: undefined, appUrl: undefined };
  }
  const { name, ownerUrl, appUrl } = await createEmptyDatabase(adminUrl, options.migrate === false ? undefined : await postgresTemplate(adminUrl, contents));
  const database = options.migrate === false ? await openDatabase({ url: ownerUrl, poolSize: 5 }) : await openDatabase({ url: appUrl, poolSize: 5 });
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
export async function createEmptyDatabase(adminUrl: string, template?: string): Promise<{ name: string; ownerUrl: string; appUrl: string }> {
  const name = `guichet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensureTestRoles(admin, new URL(adminUrl).password);
    await whileInUse(() => admin.query(`create database ${name} owner ${TEST_OWNER_ROLE}${template ? ` template ${template}` : ''}`));
  } finally {
    await admin.end();
  }
  return { name, ownerUrl: urlFor(adminUrl, name, TEST_OWNER_ROLE), appUrl: urlFor(adminUrl, name, TEST_APP_ROLE) };
}

const TEMPLATE_LOCK = 4_748_203;

/** Retries what PostgreSQL refuses while a just-closed connection's backend is still exiting (55006). */
async function whileInUse<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const postgresTemplates = new Map<string, Promise<string>>();

/**
 * The name of a database on the server of `adminUrl` with `contents`, migrated by the test owner
 * for the test application role, made by the first test process that needs it (the others wait
 * on a lock) and named after what it was made from, so that a change makes a new one.
 */
function postgresTemplate(adminUrl: string, contents: Contents): Promise<string> {
  const id = `${adminUrl} ${contents}`;
  let found = postgresTemplates.get(id);
  if (!found) {
    found = (async () => {
      const name = `guichet_template_${contents}_${templateKey(contents)}`;
      // The seeded ones start from the migrated one.
      const from = contents === 'migrated' ? undefined : await postgresTemplate(adminUrl, 'migrated');
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
        const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) {
          await ensureTestRoles(admin, new URL(adminUrl).password);
          const building = `${name}_building`;
          await admin.query(`drop database if exists ${building} with (force)`);
          await whileInUse(() => admin.query(`create database ${building} owner ${TEST_OWNER_ROLE}${from ? ` template ${from}` : ''}`));
          const appUrl = urlFor(adminUrl, building, TEST_APP_ROLE);
          const database = from ? await openDatabase({ url: appUrl, poolSize: 2 }) : (await openMigratedDatabase({ url: appUrl, ownerUrl: urlFor(adminUrl, building, TEST_OWNER_ROLE), poolSize: 1 })).database;
          try {
            await seed(database, contents);
          } finally {
            await database.close();
          }
          // Renamed once complete: a process that died half-way never leaves a template behind.
          await whileInUse(() => admin.query(`alter database ${building} rename to ${name}`));
        }
      } finally {
        await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK]).catch(() => undefined);
        await admin.end();
      }
      return name;
    })();
    postgresTemplates.set(id, found);
  }
  return found;
}

async function seed(database: Database, contents: Contents): Promise<void> {
  if (contents === 'migrated') return;
  const { seedDemo } = await import('../../src/seed.js');
  await seedDemo(database, { histories: contents === 'demo' });
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

/**
 * What a template is made from, hashed into its name: the migrations and the code that applies
 * them; for the seeded ones, every source and data file and the day (the demo's history ends
 * yesterday).
 */
function templateKey(contents: Contents): string {
  const inputs =
    contents === 'migrated'
      ? ['migrations', 'src/platform/db/migrate.ts', 'src/platform/db/app-role.ts', 'src/platform/db/setup.ts', 'node_modules/@electric-sql/pglite/package.json']
      : ['migrations', 'src', 'data', 'node_modules/@electric-sql/pglite/package.json'];
  const hash = createHash('sha256');
  if (contents !== 'migrated') hash.update(new Date().toISOString().slice(0, 10));
  const add = (full: string) => {
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) if (!/\.test\.tsx?$/.test(name)) add(path.join(full, name));
    } else hash.update(path.relative(ROOT, full)).update(fs.readFileSync(full));
  };
  for (const input of inputs) add(path.join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

const embeddedTemplates = new Map<Contents, Promise<Blob>>();

/**
 * The embedded database with `contents` (the restricted role created and granted), kept in the
 * system's temporary folder and shared by every test process of a run and by later runs.
 */
function embeddedTemplate(contents: Contents): Promise<Blob> {
  let found = embeddedTemplates.get(contents);
  if (!found) {
    found = (async () => {
      const file = path.join(os.tmpdir(), 'guichet-test-templates', `${contents}-${templateKey(contents)}.tar`);
      if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
      const database = contents === 'migrated' ? await openDatabase({ dataDir: 'memory://' }) : await openDatabase({ dataDir: 'memory://', template: await embeddedTemplate('migrated') });
      try {
        if (contents === 'migrated') await migrate(database, { appRole: await ensureEmbeddedAppRole(database) });
        else {
          // Seeded as the server seeds: as its restricted role.
          await restrictEmbeddedSession(database);
          await seed(database, contents);
        }
        const dump = await database.dump!();
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // Written aside and renamed, so that a process starting at the same time never reads half.
        const partial = `${file}.${process.pid}.partial`;
        fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
        fs.renameSync(partial, file);
        return dump;
      } finally {
        await database.close();
      }
    })();
    embeddedTemplates.set(contents, found);
  }
  return found;
}
