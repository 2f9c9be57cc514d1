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

export type OpeningStatus = { open: true; closesAt: string } | { open: false; next: { weekday: number; opensAt: string; daysAhead: number } | null };

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The weekday and HH:MM of an instant in a time zone. */
export function localWeekdayAndTime(at: Date, timeZone: string): { weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: WEEKDAY[get('weekday')] ?? 1, time: `${get('hour')}:${get('minute')}` };
}

export function openingStatus(hours: readonly WeeklyHours[], timeZone: string, at: Date): OpeningStatus {
  const { weekday, time } = localWeekdayAndTime(at, timeZone);
  const today = hours.filter((h) => h.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const current = today.find((h) => h.opensAt <= time && time < h.closesAt);
  if (current) return { open: true, closesAt: current.closesAt };
  const laterToday = today.find((h) => h.opensAt > time);
  if (laterToday) return { open: false, next: { weekday, opensAt: laterToday.opensAt, daysAhead: 0 } };
  for (let ahead = 1; ahead <= 7; ahead++) {
    const day = ((weekday - 1 + ahead) % 7) + 1;
    const first = hours.filter((h) => h.weekday === day).sort((a, b) => a.opensAt.localeCompare(b.opensAt))[0];
    if (first) return { open: false, next: { weekday: day, opensAt: first.opensAt, daysAhead: ahead } };
  }
  return { open: false, next: null };
}
