/**
 * The tables of operations insights (`src/modules/insights`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InsightsTables {}

export const INSIGHTS_COLUMNS: { [T in keyof InsightsTables]: (keyof InsightsTables[T])[] } = {};

