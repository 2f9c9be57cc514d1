/**
 * The guessing throttles' tables (`src/platform/throttle`), for Kysely; joined into `Tables` by
 * `tables.ts` and checked against the live schema by `tables.test.ts` like every other.
 */
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ThrottleScope = 'status' | 'sign_in';

export interface ThrottleEntriesTable {
  scope: ThrottleScope;
  /** Keyed hash of the application number or account; '' on an address's own row. */
  subject: string;
  /** Keyed hash of the network address (or caller) the attempts came from. */
  address: string;
  failures: number;
  last_failure_at: Timestamp;
  previous_failure_at: NullableTimestamp;
  expires_at: Timestamp;
}

export interface ThrottleTotalsTable {
  scope: ThrottleScope;
  window_start: Timestamp;
  failures: number;
}

export interface ThrottleAlertsTable {
  scope: ThrottleScope;
  subject: string;
  window_start: Timestamp;
  raised_at: Timestamp;
}

export interface ThrottleTables {
  throttle_entries: ThrottleEntriesTable;
  throttle_totals: ThrottleTotalsTable;
  throttle_alerts: ThrottleAlertsTable;
}

export const THROTTLE_COLUMNS: { [T in keyof ThrottleTables]: (keyof ThrottleTables[T])[] } = {
  throttle_entries: ['scope', 'subject', 'address', 'failures', 'last_failure_at', 'previous_failure_at', 'expires_at'],
  throttle_totals: ['scope', 'window_start', 'failures'],
  throttle_alerts: ['scope', 'subject', 'window_start', 'raised_at'],
};
