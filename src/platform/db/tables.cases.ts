/**
 * The tables of applications and their status and service standards
 * (`src/modules/cases`, `standards`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CasesTables {}

export const CASES_COLUMNS: { [T in keyof CasesTables]: (keyof CasesTables[T])[] } = {};

