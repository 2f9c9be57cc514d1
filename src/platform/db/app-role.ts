/**
 * The application's database role holds only what it needs. The owner of the schema (the role
 * that runs the migrations) grants it, after every migration run, normal reads and writes on
 * every table, sequence and function of the schema — tables added later included — and then takes
 * back UPDATE, DELETE and TRUNCATE on the append-only tables. Owning nothing, it cannot ALTER a
 * table, drop it, or disable the triggers that keep history from being rewritten.
 *
 * A table is append-only when it carries a trigger whose function is named `…_append_only`
 * (`audit_log_is_append_only`, `visit_events_are_append_only`, …): the catalogue is the one list.
 */
import type { RawQuery } from './database.js';

/** The restricted role the embedded database switches to once migrated (PGlite is one session). */
export const EMBEDDED_APP_ROLE = 'guichet_app';

/** Identifiers are quoted, never interpolated raw: role names come from configuration. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const APPEND_ONLY_TABLES = `
  select distinct c.relname as name
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_proc p on p.oid = t.tgfoid
   where c.relnamespace = current_schema()::regnamespace
     and not t.tgisinternal
     and p.proname like '%append\\_only'
   order by 1`;

/** The append-only tables of the current schema, read from the catalogue. */
export async function listAppendOnlyTables(query: RawQuery): Promise<string[]> {
  return (await query(APPEND_ONLY_TABLES, [])).map((row) => String(row.name));
}

/**
 * Grants `role` what the server needs and nothing more. Idempotent; run by the schema's owner in
 * the migration transaction, so a new table is covered the moment it exists.
 */
export async function grantAppRole(query: RawQuery, role: string): Promise<string[]> {
  const grantee = quoteIdentifier(role);
  const schema = quoteIdentifier(String((await query('select current_schema() as name', []))[0]!.name));
  const appendOnly = await listAppendOnlyTables(query);
  const statements = [
    `grant usage on schema ${schema} to ${grantee}`,
    `grant select, insert, update, delete on all tables in schema ${schema} to ${grantee}`,
    `revoke truncate, references, trigger on all tables in schema ${schema} from ${grantee}`,
    // Identity columns draw from sequences: USAGE for nextval, SELECT for currval.
    `grant usage, select on all sequences in schema ${schema} to ${grantee}`,
    // The claim functions (visit_call_next, contact_claim_next…) run with the caller's rights.
    `grant execute on all functions in schema ${schema} to ${grantee}`,
    // Which migrations ran is the owner's record; the server only reads it.
    `revoke insert, update, delete on schema_migrations from ${grantee}`,
    ...appendOnly.map((table) => `revoke update, delete on ${quoteIdentifier(table)} from ${grantee}`),
  ];
  for (const statement of statements) await query(statement, []);
  return appendOnly;
}

/** The role a connection acts as. */
export async function currentRole(query: RawQuery): Promise<string> {
  return String((await query('select current_user as name', []))[0]!.name);
}
