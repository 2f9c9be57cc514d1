/**
 * The demo's outreach history, after seed 000: every scheduled outreach site suspended on
 * 16 March 2020 (public-health measures), then reactivated from June 2022, most by 21 April 2023
 * and the last 32 in the following quarter; and the weekly plan they were tracked against.
 * Deterministic: dates follow each site's rank.
 */
import { mondaysBetween } from '../reactivation.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (date: string) => Date.parse(`${date}T00:00:00Z`);

export const SUSPENDED_ON = '2020-03-16';
const FIRST_REACTIVATION = '2022-06-06';
const SEED_MILESTONE = '2023-04-21';
const QUARTER_END = '2023-06-30';
const LATE = 32;

/** The reactivation date of the site at `rank` among `count`, spread evenly over the two phases. */
export function demoReactivationDate(rank: number, count: number): string {
  const early = count - LATE;
  if (rank < early) return iso(at(FIRST_REACTIVATION) + Math.floor(((at(SEED_MILESTONE) - at(FIRST_REACTIVATION)) / DAY) * (rank / Math.max(1, early - 1))) * DAY);
  const late = rank - early;
  return iso(at('2023-04-24') + Math.floor(((at(QUARTER_END) - at('2023-04-24')) / DAY) * (late / Math.max(1, LATE - 1))) * DAY);
}

/** The plan: from none active in June 2022 to every site by the end of June 2023, week by week. */
export function demoReactivationPlan(count: number): { weekStart: string; plannedActive: number; note: string | null }[] {
  const weeks = mondaysBetween(FIRST_REACTIVATION, QUARTER_END);
  return weeks.map((weekStart, i) => ({
    weekStart,
    plannedActive: Math.min(count, Math.round((count * (i + 1)) / weeks.length)),
    note: weekStart === '2023-04-17' ? 'Seed 000: 210 reactivated by 21 April 2023' : null,
  }));
}
