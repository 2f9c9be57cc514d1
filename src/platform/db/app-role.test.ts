/**
 * The server's database role cannot rewrite history: on every append-only table it may read and
 * add rows, and nothing else. The test connects exactly as the server does (the restricted role of
 * the test database) and still runs the app through a state change.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createApiToken } from '../auth/auth.service.js';
import { systemActor } from '../audit.repo.js';
import { listAppendOnlyTables, quoteIdentifier } from './app-role.js';

let t: TestApp;
before(async () => (t = await buildTestApp({ demo: 'network', now: '2026-11-23T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '100000' } })));
after(() => t.close());

const appendOnly = () => t.database.rawTransaction((query) => listAppendOnlyTables(query));

test('every table whose trigger refuses changes is on the append-only list, read from the catalogue', async () => {
  const tables = await appendOnly();
  for (const known of ['audit_log', 'visit_events', 'appointment_events', 'contact_call_events', 'application_events', 'qa_frame', 'qa_sampling_keys']) {
    assert.ok(tables.includes(known), `${known} is append-only`);
  }
  // Any trigger that raises on DELETE or TRUNCATE, whatever its function is called.
  const refusing = await sql<{ name: string }>`
    select distinct c.relname as name
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
     where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal
       and (t.tgtype & (8 | 32)) <> 0 and p.prosrc ~* 'raise\\s+exception'`.execute(t.database.db);
  for (const { name } of refusing.rows) assert.ok(tables.includes(name), `${name} refuses changes by trigger but is not on the append-only list (name its trigger function …_append_only)`);
});

test('the server’s role gets "permission denied" for DELETE, UPDATE, TRUNCATE and DISABLE TRIGGER on each append-only table', async (context) => {
  const role = (await sql<{ role: string; superuser: boolean }>`select current_user as role, rolsuper as superuser from pg_roles where rolname = current_user`.execute(t.database.db)).rows[0]!;
  assert.equal(role.superuser, false);
  const denied: string[] = [];
  for (const table of await appendOnly()) {
    const name = quoteIdentifier(table);
    const column = (await sql<{ name: string }>`select attname as name from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attidentity = '' and attgenerated = '' order by attnum limit 1`.execute(t.database.db)).rows[0]!.name;
    const attempts: Record<string, string> = {
      DELETE: `delete from ${name}`,
      UPDATE: `update ${name} set ${quoteIdentifier(column)} = ${quoteIdentifier(column)}`,
      TRUNCATE: `truncate ${name}`,
      'ALTER TABLE … DISABLE TRIGGER': `alter table ${name} disable trigger user`,
    };
    for (const [operation, statement] of Object.entries(attempts)) {
      // Refused by the privilege check itself, not by the append-only trigger (which an owner could disable).
      let message = '';
      await assert.rejects(sql.raw(statement).execute(t.database.db), (error: Error & { code?: string }) => {
        message = error.message;
        assert.equal(error.code, '42501', `${operation} on ${table}: ${error.message}`);
        assert.match(error.message, /permission denied|must be owner/, `${operation} on ${table}`);
        return true;
      });
      denied.push(`${table} × ${operation}: ${message}`);
    }
  }
  context.diagnostic(`role ${role.role} (${process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded'}), ${denied.length} refusals:`);
  for (const line of denied) context.diagnostic(line);
});

test('the server’s role owns nothing and holds no TRUNCATE, REFERENCES or TRIGGER anywhere', async () => {
  const owned = await sql<{ name: string }>`select relname as name from pg_class where relnamespace = current_schema()::regnamespace and pg_has_role(current_user, relowner, 'USAGE')`.execute(t.database.db);
  assert.deepEqual(owned.rows, []);
  const extra = await sql<{ name: string }>`
    select c.relname as name from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
       and (has_table_privilege(c.oid, 'TRUNCATE') or has_table_privilege(c.oid, 'TRIGGER') or has_table_privilege(c.oid, 'REFERENCES'))`.execute(t.database.db);
  assert.deepEqual(extra.rows, []);
});

test('with only those privileges the app still works: a visit is checked in, called by the claim function, and audited', async () => {
  const auth = { authorization: `Bearer ${(await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'admin' })).token}` };
  const site = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json().items[0];
  const visit = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.code}/visits`, headers: auth, payload: { service: 'passport', channel: 'walk_in', needs: [] } });
  assert.equal(visit.statusCode, 201, visit.body);
  const counter = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters`, headers: auth, payload: { name: 'Counter 1', services: ['passport'] } });
  assert.equal(counter.statusCode, 201, counter.body);
  const called = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/${counter.json().id}/call-next`, headers: auth });
  assert.equal(called.statusCode, 200, called.body);
  assert.equal(called.json().visit.id, visit.json().id);
  const events = await t.database.db.selectFrom('visit_events').select('visit_id').where('visit_id', '=', visit.json().id).execute();
  assert.ok(events.length >= 2);
});

