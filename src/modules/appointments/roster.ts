/**
 * The appointment roster: per weekday, windows of local time and how many agents serve
 * appointments in each. Written by supervisors as one line per weekday, "09:00-12:00 3;
 * 13:00-16:30 2", the same in both languages; a workforce system can PUT the same windows as JSON.
 */

export interface RosterWindow {
  weekday: number; // ISO: 1 = Monday … 7 = Sunday
  startsAt: string; // HH:MM local
  endsAt: string; // HH:MM local, 24:00 for midnight
  staff: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const WINDOW = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*[x×*]?\s*(\d{1,3})\s*$/i;
const pad = (time: string) => time.padStart(5, '0');

/** Problems in a set of windows, by the field they belong to (`day-N` for weekday N); empty when valid. */
export function rosterProblems(windows: readonly RosterWindow[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const w of windows) {
    const field = `day-${w.weekday}`;
    if (!(Number.isInteger(w.weekday) && w.weekday >= 1 && w.weekday <= 7)) problems.weekday = 'appointments.roster.weekday_invalid';
    else if (!TIME.test(w.startsAt) || !TIME.test(w.endsAt) || w.startsAt === '24:00' || w.startsAt >= w.endsAt) problems[field] = 'appointments.roster.window_invalid';
    else if (!(Number.isInteger(w.staff) && w.staff >= 1 && w.staff <= 500)) problems[field] = 'appointments.roster.staff_invalid';
  }
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = windows.filter((w) => w.weekday === weekday).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    if (day.some((w, i) => i > 0 && w.startsAt < day[i - 1]!.endsAt)) problems[`day-${weekday}`] ??= 'appointments.roster.overlap';
  }
  return problems;
}

/** "09:00-12:00 3; 13:00-16:30 2" → windows of that weekday; null for a part that does not read. */
export function parseRosterDay(weekday: number, text: string): RosterWindow[] | null {
  const parts = text.split(/[;,\n]/).map((p) => p.trim()).filter(Boolean);
  const windows: RosterWindow[] = [];
  for (const part of parts) {
    const match = WINDOW.exec(part);
    if (!match) return null;
    windows.push({ weekday, startsAt: pad(match[1]!), endsAt: pad(match[2]!), staff: Number(match[3]) });
  }
  return windows;
}

export const formatRosterDay = (windows: readonly RosterWindow[], weekday: number) =>
  windows
    .filter((w) => w.weekday === weekday)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((w) => `${w.startsAt}-${w.endsAt} ${w.staff}`)
    .join('; ');

/**
 * How many appointments may overlap a slot (local weekday and times): the counters set aside,
 * limited by the staff rostered for the whole slot. With no roster at all the counters decide;
 * with a roster, a slot outside every window has no capacity.
 */
export function slotCapacity(options: { counters: number; roster: readonly RosterWindow[]; weekday: number; startsAt: string; endsAt: string }): number {
  if (options.roster.length === 0) return options.counters;
  const window = options.roster.find((w) => w.weekday === options.weekday && w.startsAt <= options.startsAt && options.endsAt <= w.endsAt);
  return window ? Math.min(options.counters, window.staff) : 0;
}
