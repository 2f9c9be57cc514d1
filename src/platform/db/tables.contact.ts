/**
 * The tables of the contact centre (`src/modules/contact`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ContactTables {}

export const CONTACT_COLUMNS: { [T in keyof ContactTables]: (keyof ContactTables[T])[] } = {};

