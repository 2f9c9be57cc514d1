/**
 * The tables of operations insights (`src/modules/insights`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column, read and written as `YYYY-MM-DD`. */
type Day = ColumnType<string, string, string>;

export interface InsightsEventsTable {
  id: Generated<string>;
  name: string;
  starts_on: Day;
  ends_on: Day;
  province_code: string | null;
  channel: string | null;
  effect_percent: number;
  created_by: string;
  created_at: CreatedAt;
}

export interface InsightsTables {
  insights_events: InsightsEventsTable;
}

export const INSIGHTS_COLUMNS: { [T in keyof InsightsTables]: (keyof InsightsTables[T])[] } = {
  insights_events: ['id', 'name', 'starts_on', 'ends_on', 'province_code', 'channel', 'effect_percent', 'created_by', 'created_at'],
};
