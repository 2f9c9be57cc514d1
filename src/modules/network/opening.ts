/**
 * Is a site open now, and if not, when does it next open? Weekly hours are in the site's own
 * time zone, so "now" is converted to that zone's weekday and clock time with Intl (which knows
 * daylight saving), never with the server's zone.
 */
export interface WeeklyHours {
  weekday: number; // ISO: 1 = Monday … 7 = Sunday
  opensAt: string; // HH:MM
  closesAt: string; // HH:MM
}

export type OpeningStatus =
  | { open: true; closesAt: string }
  | { open: false; holiday?: string; next: { weekday: number; opensAt: string; daysAhead: number } | null };

/** Tells whether a local date (YYYY-MM-DD) is a holiday at the site, and its name. */
export type HolidayLookup = (localDate: string) => string | null;

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local date, weekday and HH:MM of an instant in a time zone. */
export function localWeekdayAndTime(at: Date, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAY[get('weekday')] ?? 1, time: `${get('hour')}:${get('minute')}` };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const sorted = (hours: readonly WeeklyHours[], weekday: number) => hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));

/** Open now, or when next; a public holiday at the site closes it for the day. */
export function openingStatus(hours: readonly WeeklyHours[], timeZone: string, at: Date, holidayOn: HolidayLookup = () => null): OpeningStatus {
  const { date, weekday, time } = localWeekdayAndTime(at, timeZone);
  const holiday = holidayOn(date);
  const today = holiday ? [] : sorted(hours, weekday);
  const current = today.find((h) => h.opensAt <= time && time < h.closesAt);
  if (current) return { open: true, closesAt: current.closesAt };
  const closed = holiday ? { holiday } : {};
  const laterToday = today.find((h) => h.opensAt > time);
  if (laterToday) return { open: false, ...closed, next: { weekday, opensAt: laterToday.opensAt, daysAhead: 0 } };
  // Two weeks ahead covers a closure such as Christmas and Boxing Day followed by a weekend.
  for (let ahead = 1; ahead <= 14; ahead++) {
    const day = ((weekday - 1 + ahead) % 7) + 1;
    const first = sorted(hours, day)[0];
    if (first && !holidayOn(addDays(date, ahead))) return { open: false, ...closed, next: { weekday: day, opensAt: first.opensAt, daysAhead: ahead } };
  }
  return { open: false, ...closed, next: null };
}
