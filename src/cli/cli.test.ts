/** The `guichet` command, run as a process against the engine of this suite. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { signIn } from '../platform/auth/auth.service.js';
import { systemActor } from '../platform/audit.repo.js';

const root = path.resolve(import.meta.dirname, '../..');
let env: Record<string, string>;
let pgDatabase: TestDatabase | undefined;
let dataDir: string | undefined;

before(async () => {
  if (process.env.TEST_DATABASE_URL) {
    pgDatabase = await createTestDatabase({ migrate: false });
    env = { DATABASE_URL: pgDatabase.url! };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-cli-'));
    env = { GUICHET_DATA_DIR: dataDir };
  }
});
after(async () => {
  await pgDatabase?.close();
});

function guichet(args: string[], input?: string) {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/guichet.js', ...args], { cwd: root, env: { ...clean, ...env }, input, encoding: 'utf8' });
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

test('every command explains itself with --help', () => {
  for (const args of [[], ['migrate'], ['seed'], ['token', 'create'], ['token', 'list'], ['token', 'revoke'], ['user', 'create']]) {
    const result = guichet([...args, '--help']);
    assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stdout, /Usage: guichet/);
  }
});

test('migrate applies the migrations once', () => {
  assert.match(guichet(['migrate']).stdout, /Applied migrations 1, 2|up to date/);
  assert.match(guichet(['migrate']).stdout, /The database is up to date/);
});

test('user create makes an account that can sign in; bad input is refused clearly', async () => {
  const created = guichet(['user', 'create', '--email', 'Chantal@Example.ca', '--name', 'Chantal Roy', '--role', 'supervisor', '--language', 'fr', '--password-stdin'], 'a long enough passphrase\n');
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /Created supervisor account Chantal@Example.ca/);
  const session = await withDatabase((database) =>
    signIn({ db: database.db, clock: systemClock, actor: systemActor('test'), email: 'chantal@example.ca', password: 'a long enough passphrase' }),
  );
  assert.equal(session.principal.role, 'supervisor');

  const short = guichet(['user', 'create', '--email', 'x@example.ca', '--name', 'X', '--role', 'agent', '--password-stdin'], 'short\n');
  assert.equal(short.status, 1);
  assert.match(short.stderr, /--password: Use a password of at least 12 characters/);
  const role = guichet(['user', 'create', '--email', 'x@example.ca', '--name', 'X', '--role', 'emperor']);
  assert.notEqual(role.status, 0);
  assert.match(role.stderr, /Allowed choices are reception, agent, supervisor/);
  const twice = guichet(['user', 'create', '--email', 'chantal@example.ca', '--name', 'Again', '--role', 'agent']);
  assert.match(twice.stderr, /already exists/);
});

test('token create prints the token once; list never shows it; revoke ends it', () => {
  const created = guichet(['token', 'create', '--role', 'analyst', '--name', 'dashboards']);
  assert.equal(created.status, 0, created.stderr);
  const token = created.stdout.trim();
  assert.match(token, /^gt_[A-Za-z0-9_-]{40,}$/);
  const id = /Token ([0-9a-f-]{36})/.exec(created.stderr)?.[1];
  assert.ok(id);
  const listed = guichet(['token', 'list']).stdout;
  assert.match(listed, new RegExp(`${id}\\tanalyst\\tdashboards\\tactive`));
  assert.ok(!listed.includes(token));
  assert.equal(guichet(['token', 'revoke', id!]).status, 0);
  assert.match(guichet(['token', 'list']).stdout, new RegExp(`${id}\\tanalyst\\tdashboards\\trevoked`));
  assert.match(guichet(['token', 'revoke', id!]).stderr, /No active token/);
});
