/**
 * The tables of quality assurance (`src/modules/qa`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface QaTables {}

export const QA_COLUMNS: { [T in keyof QaTables]: (keyof QaTables[T])[] } = {};

