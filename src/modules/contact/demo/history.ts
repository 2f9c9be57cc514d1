/**
 * Deterministic demo history for contact_daily_stats: a year of calls and written inquiries per
 * line and day at seed 002's scale (4.66 M calls offered a year, about 31 % answered). Lines
 * open on business days only get no calls on weekends and holidays; Mondays and the EI and
 * passport seasons are busier; the answer rate falls on busy days because agents are a fixed
 * capacity. Pure code: no database, no clock, no Math.random.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface DemoLine {
  code: string;
  nameEn: string;
  nameFr: string;
  /** Share of the yearly calls. */
  share: number;
  /** Open every day around the clock (crisis), or business days 8:30–16:30. */
  alwaysOpen: boolean;
  priority: number;
  /** Share of offered calls the line's agents can answer on an average day. */
  capacity: number;
  handleSeconds: number;
  season: (month: number) => number;
}

export const DEMO_LINES: DemoLine[] = [
  { code: 'ei', nameEn: 'Employment Insurance', nameFr: 'Assurance-emploi', share: 0.4, alwaysOpen: false, priority: 0, capacity: 0.27, handleSeconds: 540, season: (m) => (m === 1 || m === 12 ? 1.35 : m >= 6 && m <= 8 ? 0.85 : 1) },
  { code: 'cpp_oas', nameEn: 'Canada Pension Plan and Old Age Security', nameFr: 'Régime de pensions du Canada et Sécurité de la vieillesse', share: 0.2, alwaysOpen: false, priority: 0, capacity: 0.3, handleSeconds: 480, season: () => 1 },
  { code: 'passport', nameEn: 'Passport', nameFr: 'Passeport', share: 0.17, alwaysOpen: false, priority: 0, capacity: 0.3, handleSeconds: 420, season: (m) => (m >= 3 && m <= 6 ? 1.35 : m === 12 ? 0.75 : 0.95) },
  { code: 'immigration', nameEn: 'Immigration and citizenship', nameFr: 'Immigration et citoyenneté', share: 0.15, alwaysOpen: false, priority: 0, capacity: 0.25, handleSeconds: 600, season: () => 1 },
  { code: 'sin', nameEn: 'Social Insurance Number', nameFr: 'Numéro d’assurance sociale', share: 0.05, alwaysOpen: false, priority: 0, capacity: 0.45, handleSeconds: 360, season: (m) => (m >= 5 && m <= 7 ? 1.3 : 1) },
  { code: 'crisis', nameEn: 'Crisis line', nameFr: 'Ligne d’aide en situation de crise', share: 0.03, alwaysOpen: true, priority: 9, capacity: 0.95, handleSeconds: 1200, season: () => 1 },
];

export const YEARLY_CALLS = 4_660_000;
/** Written inquiries, as a share of calls offered (email and the web form). */
const WRITTEN_SHARE = 0.05;
const WEEKDAY_FACTOR = [0, 1.25, 1.05, 1, 0.95, 0.85, 0.4, 0.35];

export interface ContactStatsRow {
  code: string;
  day: string;
  offered: number;
  answered: number;
  abandoned: number;
  answered_within_target: number;
  callbacks_requested: number;
  self_service: number;
  inquiries: number;
  inquiries_within_standard: number;
  mean_wait_seconds: number;
  mean_handle_seconds: number;
}

type Rng = ReturnType<typeof xoroshiro128plus>;
const between = (rng: Rng, low: number, high: number) => low + (high - low) * uniformFloat64(rng);

function calendar(endDay: string, days: number) {
  const end = Date.parse(`${endDay}T12:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(end - (days - 1 - i) * 86_400_000);
    return { day: date.toISOString().slice(0, 10), weekday: ((date.getUTCDay() + 6) % 7) + 1, month: date.getUTCMonth() + 1 };
  });
}

/** One line's day, from its expected calls and the capacity of its agents. */
function lineDay(rng: Rng, line: DemoLine, code: string, day: string, expected: number): ContactStatsRow {
  const offered = Math.round(expected * between(rng, 0.9, 1.1));
  const averageDay = (YEARLY_CALLS * line.share) / 250;
  const capacity = averageDay * line.capacity * between(rng, 0.92, 1.08);
  const answered = Math.min(Math.round(offered * 0.97), Math.round(capacity));
  const load = offered / Math.max(1, capacity);
  const abandoned = Math.round((offered - answered) * 0.6);
  const meanWait = line.alwaysOpen ? between(rng, 30, 120) : Math.min(3600, 240 * load * between(rng, 0.9, 1.1));
  const inquiries = Math.round(offered * WRITTEN_SHARE * between(rng, 0.8, 1.2));
  return {
    code,
    day,
    offered,
    answered,
    abandoned,
    answered_within_target: Math.round(answered * Math.min(0.95, Math.max(0.1, 1.3 - load * 0.25))),
    callbacks_requested: Math.round(offered * 0.08 * between(rng, 0.8, 1.2)),
    self_service: Math.round(offered * 0.1 * between(rng, 0.8, 1.2)),
    inquiries,
    inquiries_within_standard: Math.round(inquiries * between(rng, 0.55, 0.7)),
    mean_wait_seconds: Math.round(meanWait),
    mean_handle_seconds: Math.round(line.handleSeconds * between(rng, 0.9, 1.1)),
  };
}

/** A year (365 days ending on `endDay`) of daily rows per line; holidays close business lines. */
export function generateContactHistory(options: { endDay: string; isHoliday: (day: string) => boolean; seed?: number; days?: number }): ContactStatsRow[] {
  const days = calendar(options.endDay, options.days ?? 365);
  const rows: ContactStatsRow[] = [];
  for (const [index, line] of DEMO_LINES.entries()) {
    const rng = xoroshiro128plus((options.seed ?? 2) * 1000 + index);
    const open = (d: (typeof days)[number]) => line.alwaysOpen || (d.weekday <= 5 && !options.isHoliday(d.day));
    const weight = (d: (typeof days)[number]) => (open(d) ? (line.alwaysOpen ? 1 : WEEKDAY_FACTOR[d.weekday]!) * line.season(d.month) : 0);
    // Scaled so that the line's year adds up to its share of the yearly calls.
    const total = days.reduce((sum, d) => sum + weight(d), 0) * (365 / days.length);
    for (const d of days) {
      if (!open(d)) continue;
      rows.push(lineDay(rng, line, line.code, d.day, (YEARLY_CALLS * line.share * weight(d)) / total));
    }
  }
  return rows;
}
