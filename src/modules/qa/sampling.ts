/**
 * The sampling rule, pure: a file is drawn when HMAC-SHA-256(key, application id), read as a
 * number in [0, 1), is below the quarter's rate. Nobody without the key can predict the draw, and
 * nobody can steer it (the id is fixed at intake and the key is not theirs); anyone holding the key
 * gets the same sample again, which is what an auditor needs. Plain node:crypto, no state.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';

/** The Government of Canada's fiscal year runs 1 April – 31 March; quarters are read in Ottawa time. */
const FISCAL_ZONE = 'America/Toronto';
export const QUARTER = /^(\d{4})-Q([1-4])$/;

/** 53 random bits make a double in [0, 1) with every value equally likely. */
const TWO_POW_53 = 2 ** 53;

export function sampleScore(secretHex: string, applicationId: string): number {
  const digest = createHmac('sha256', Buffer.from(secretHex, 'hex')).update(applicationId, 'utf8').digest();
  return Number(digest.readBigUInt64BE(0) >> 11n) / TWO_POW_53;
}

export const isDrawn = (secretHex: string, applicationId: string, rate: number) => rate > 0 && sampleScore(secretHex, applicationId) < rate;

export const newSecret = () => randomBytes(32).toString('hex');

/**
 * The fiscal quarter of a moment, labelled by the calendar year in which its fiscal year begins:
 * `2026-Q1` is April–June 2026, `2026-Q4` is January–March 2027 (fiscal year 2026–27).
 */
export function fiscalQuarter(at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: FISCAL_ZONE });
  const monthsIntoYear = (local.month + 8) % 12; // April → 0 … March → 11
  const startYear = local.month >= 4 ? local.year : local.year - 1;
  return `${startYear}-Q${Math.floor(monthsIntoYear / 3) + 1}`;
}

/** The instants a fiscal quarter spans: [from, to). */
export function quarterBounds(label: string): { from: Date; to: Date } {
  const match = QUARTER.exec(label);
  if (!match) throw new Error(`Not a fiscal quarter: ${label}`);
  const start = DateTime.fromObject({ year: Number(match[1]), month: 4, day: 1 }, { zone: FISCAL_ZONE }).plus({ months: 3 * (Number(match[2]) - 1) });
  return { from: start.toJSDate(), to: start.plus({ months: 3 }).toJSDate() };
}

export const nextQuarter = (label: string) => fiscalQuarter(quarterBounds(label).to);

/** The rate of a quarter: the latest schedule row starting at or before it (0 before the first). */
export function rateFor(schedule: readonly { from_quarter: string; rate: number }[], quarter: string): number {
  let found = 0;
  let from = '';
  for (const row of schedule) {
    if (row.from_quarter <= quarter && row.from_quarter >= from) {
      from = row.from_quarter;
      found = row.rate;
    }
  }
  return found;
}

/** The key in force at a moment: the latest activated at or before it. */
export function keyAt<K extends { version: number; activated_at: Date }>(keys: readonly K[], at: Date): K | undefined {
  let found: K | undefined;
  for (const key of keys) if (key.activated_at.getTime() <= at.getTime() && (!found || key.version > found.version)) found = key;
  return found;
}
