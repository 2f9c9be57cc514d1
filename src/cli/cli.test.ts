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
import { createGuard } from '../platform/throttle/throttle.service.js';
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
    createGuard({ db: database.db }).then((guard) => signIn({ db: database.db, clock: systemClock, guard, actor: systemActor('test'), email: 'chantal@example.ca', password: 'a long enough passphrase' })),
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
  const created = guichet(['token', 'create', '--role', 'analyst', '--name', 'dashboards', '--national']);
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

test('import service-points: a bad file is refused whole with every problem listed, in French too', () => {
  const file = path.join(os.tmpdir(), `bad-${process.pid}.csv`);
  fs.writeFileSync(
    file,
    ['external_id,name_en,name_fr,type,province,latitude,longitude,services', 'OK-1,Good,Bon,scc,ON,45.42,-75.69,sin', 'BAD-1,Bad,Mauvais,castle,ZZ,45.42,-75.69,sin', 'BAD-2,Bad,Mauvais,scc,ON,north,-75.69,'].join('\n'),
  );
  const result = guichet(['import', 'service-points', file]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /The file was not imported: [3-9] problems to fix\. Nothing was changed\./);
  assert.match(result.stderr, /Line 3/);
  assert.match(result.stderr, /Line 4/);
  const french = spawnSync(process.execPath, ['bin/guichet.js', 'import', 'service-points', file], { cwd: root, env: { ...process.env, ...env, GUICHET_LANGUAGE: 'fr' }, encoding: 'utf8' });
  assert.match(french.stderr, /Le fichier n'a pas été importé/);
  assert.match(french.stderr, /Ligne 3/);
  assert.doesNotMatch(guichet(['export', 'service-points']).stdout, /OK-1/, 'nothing was half-imported');
});

test('import service-points: dry run changes nothing; import upserts by external id and adds new services; export round-trips', () => {
  const file = path.join(os.tmpdir(), `good-${process.pid}.csv`);
  const rows = (name: string) =>
    [
      'external_id,name_en,name_fr,type,province,latitude,longitude,services,jurisdiction,partner',
      `ONT-001,${name},Centre ServiceOntario,partnership_site,ON,43.65,-79.38,driver_licence;health_card,provincial,ServiceOntario`,
      'ONT-002,ServiceOntario Ottawa,ServiceOntario Ottawa,partnership_site,ON,45.42,-75.69,health_card,provincial,ServiceOntario',
    ].join('\n');
  fs.writeFileSync(file, rows('ServiceOntario Toronto'));
  const dry = guichet(['import', 'service-points', file, '--dry-run']);
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /2 new and 0 updated .* Nothing was changed \(dry run\)/);
  assert.doesNotMatch(guichet(['export', 'service-points']).stdout, /ONT-001/);

  const imported = guichet(['import', 'service-points', file]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /Imported 2 rows: 2 new and 0 updated/);
  assert.match(imported.stdout, /driver_licence, health_card/);

  fs.writeFileSync(file, rows('ServiceOntario Toronto Downtown'));
  assert.match(guichet(['import', 'service-points', file]).stdout, /0 new and 2 updated/);

  const csv = guichet(['export', 'service-points', '--format', 'csv']).stdout;
  assert.match(csv, /^external_id,name_en,name_fr,type,province,latitude,longitude,services/);
  assert.match(csv, /ONT-001,ServiceOntario Toronto Downtown,/);
  const geojsonFile = path.join(os.tmpdir(), `export-${process.pid}.geojson`);
  assert.equal(guichet(['export', 'service-points', '--format', 'geojson', '--output', geojsonFile]).status, 0);
  const collection = JSON.parse(fs.readFileSync(geojsonFile, 'utf8'));
  assert.equal(collection.type, 'FeatureCollection');
  assert.equal(collection.features.length, 2);
  assert.match(guichet(['import', 'service-points', geojsonFile]).stdout, /0 new and 2 updated/);
});
