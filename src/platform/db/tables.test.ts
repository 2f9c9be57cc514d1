/** The typed table definitions match the schema the migrations build, on this engine. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { recordAudit, systemActor } from '../audit.repo.js';
import { listMigrations, migrate } from './migrate.js';
import { TABLE_COLUMNS } from './tables.js';

let database: TestDatabase;
before(async () => (database = await createTestDatabase()));
after(() => database.close());

test('every typed table and column exists, and no live column is untyped', async () => {
  const rows = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(database.db);
  const live = new Map<string, Set<string>>();
  for (const row of rows.rows) {
    if (!live.has(row.table_name)) live.set(row.table_name, new Set());
    live.get(row.table_name)!.add(row.column_name);
  }
  assert.deepEqual([...live.keys()].sort(), Object.keys(TABLE_COLUMNS).sort(), 'tables');
  for (const [table, columns] of Object.entries(TABLE_COLUMNS)) {
    assert.deepEqual([...live.get(table)!].sort(), [...(columns as string[])].sort(), `columns of ${table}`);
  }
});

test('migrations are recorded once and running them again changes nothing', async () => {
  const again = await migrate(database);
  assert.deepEqual(again, []);
  const recorded = await database.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
  assert.deepEqual(recorded.map((r) => r.version), listMigrations().map((m) => m.version));
});

test('migrations started by several processes at once apply once', async () => {
  const fresh = await createTestDatabase({ migrate: false });
  try {
    const results = await Promise.all([migrate(fresh), migrate(fresh), migrate(fresh)]);
    assert.equal(results.flat().length, listMigrations().length);
  } finally {
    await fresh.close();
  }
});

test('the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
  await recordAudit(database.db, systemActor('test'), { action: 'test.append', entityType: 'thing', entityId: '1' });
  await assert.rejects(database.db.updateTable('audit_log').set({ action: 'rewritten' }).execute(), /append-only|permission denied/);
  await assert.rejects(database.db.deleteFrom('audit_log').execute(), /append-only|permission denied/);
  await assert.rejects(sql`truncate audit_log`.execute(database.db), /append-only|permission denied/);
  const rows = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'test.append').execute();
  assert.equal(rows.length, 1);
});

test('a failed transaction leaves no trace, audit row included', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await recordAudit(trx, systemActor('test'), { action: 'test.rolled_back' });
      throw new Error('boom');
    }),
  );
  const rows = await database.db.selectFrom('audit_log').select('id').where('action', '=', 'test.rolled_back').execute();
  assert.equal(rows.length, 0);
});

test('both engines return the same JavaScript types: dates as strings, counts as numbers', async () => {
  const row = await sql<{ d: unknown; c: unknown; t: unknown }>`select date '2023-03-31' as d, count(*) as c, timestamptz '2023-03-31 12:00Z' as t`.execute(database.db);
  assert.equal(row.rows[0]!.d, '2023-03-31');
  assert.equal(row.rows[0]!.c, 1);
  assert.ok(row.rows[0]!.t instanceof Date);
});
