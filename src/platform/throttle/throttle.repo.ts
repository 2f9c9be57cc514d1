/** The only SQL of the guessing throttles: counting, forgiving, alert claims and pruning. */
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { ThrottleScope } from '../db/tables.throttle.js';
import type { Counted } from './policy.js';

type Db = Kysely<Tables>;

export interface CountInput {
  scope: ThrottleScope;
  /** Keyed hashes: never a raw number, email or address. */
  subject: string;
  address: string;
  now: Date;
  pairExpiresAt: Date;
  addressExpiresAt: Date;
  /** The global window this failure falls in. */
  totalWindow: Date;
  /** Other addresses count against the subject when they failed after this. */
  othersSince: Date;
}

/**
 * Counts one failure against the (subject, address) pair, the address and the scope's window, and
 * reads what other addresses did to the subject, in one statement. A row past its expiry starts
 * again from one. The count commits without waiting for the disk (synchronous_commit off): a crash
 * of the database server can forget the last fraction of a second of counts, nothing else.
 */
export async function countFailure(db: Db, input: CountInput): Promise<Counted> {
  const entry = (subject: string, expiresAt: Date) => sql`
    insert into throttle_entries as t (scope, subject, address, failures, last_failure_at, previous_failure_at, expires_at)
    values (${input.scope}, ${subject}, ${input.address}, 1, ${input.now}::timestamptz, null, ${expiresAt}::timestamptz)
    on conflict (scope, subject, address) do update set
      failures = case when t.expires_at <= excluded.last_failure_at then 1 else t.failures + 1 end,
      previous_failure_at = case when t.expires_at <= excluded.last_failure_at then null else t.last_failure_at end,
      last_failure_at = excluded.last_failure_at,
      expires_at = excluded.expires_at
    returning failures, previous_failure_at`;
  const result = await sql<{ pair_failures: number; pair_previous: Date | null; address_failures: number; address_previous: Date | null; other_addresses: number; other_failures: number; total: number }>`
    with settings as (select set_config('synchronous_commit', 'off', true) as value),
    pair as (${entry(input.subject, input.pairExpiresAt)}),
    addr as (${entry('', input.addressExpiresAt)}),
    total as (
      insert into throttle_totals as t (scope, window_start, failures) values (${input.scope}, ${input.totalWindow}::timestamptz, 1)
      on conflict (scope, window_start) do update set failures = t.failures + 1
      returning failures
    ),
    others as (
      select count(*)::int as addresses, coalesce(sum(failures), 0)::int as failures from throttle_entries
      where scope = ${input.scope} and subject = ${input.subject} and address <> ${input.address} and last_failure_at > ${input.othersSince}::timestamptz
    )
    select p.failures as pair_failures, p.previous_failure_at as pair_previous, a.failures as address_failures, a.previous_failure_at as address_previous,
      o.addresses as other_addresses, o.failures as other_failures, t.failures as total
    from pair p, addr a, total t, others o, settings s`.execute(db);
  const row = result.rows[0]!;
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    pair: { failures: row.pair_failures, previousFailureAt: at(row.pair_previous) },
    address: { failures: row.address_failures, previousFailureAt: at(row.address_previous) },
    others: { addresses: row.other_addresses, failures: row.other_failures },
    total: row.total,
  };
}

/**
 * Takes back the failure counted for an attempt that succeeded: the pair is forgotten (the owner
 * proved themselves from there), the address and the scope's window lose one.
 */
export async function forgiveFailure(db: Db, input: { scope: ThrottleScope; subject: string; address: string; totalWindow: Date }): Promise<void> {
  await sql`
    with pair as (delete from throttle_entries where scope = ${input.scope} and subject = ${input.subject} and address = ${input.address}),
    addr as (
      update throttle_entries set failures = greatest(failures - 1, 0), last_failure_at = coalesce(previous_failure_at, last_failure_at)
      where scope = ${input.scope} and subject = '' and address = ${input.address}
    )
    update throttle_totals set failures = greatest(failures - 1, 0) where scope = ${input.scope} and window_start = ${input.totalWindow}::timestamptz`.execute(db);
}

/** Claims the alert of a subject ('*': the whole scope) for a window; false when already raised. */
export async function claimAlert(db: Db, alert: { scope: ThrottleScope; subject: string; windowStart: Date; now: Date }): Promise<boolean> {
  const row = await db
    .insertInto('throttle_alerts')
    .values({ scope: alert.scope, subject: alert.subject, window_start: alert.windowStart, raised_at: alert.now })
    .onConflict((oc) => oc.columns(['scope', 'subject', 'window_start']).doNothing())
    .returning('raised_at')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes what no decision reads any more: expired keys, and windows and alerts older than `before`. */
export async function pruneThrottles(db: Db, options: { now: Date; before: Date }): Promise<number> {
  const entries = await db.deleteFrom('throttle_entries').where('expires_at', '<=', options.now).executeTakeFirst();
  const totals = await db.deleteFrom('throttle_totals').where('window_start', '<', options.before).executeTakeFirst();
  const alerts = await db.deleteFrom('throttle_alerts').where('window_start', '<', options.before).executeTakeFirst();
  return Number(entries.numDeletedRows + totals.numDeletedRows + alerts.numDeletedRows);
}
