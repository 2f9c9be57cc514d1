/**
 * Reactivation tracking: from the appended status history, how many sites were active, suspended
 * and newly reactivated in each week, beside the plan. Pure: the history and the plan come in.
 */
import type { ServicePointStatus } from '../../platform/db/tables.js';

export interface StatusEvent {
  servicePointId: string;
  status: ServicePointStatus;
  effectiveOn: string; // YYYY-MM-DD
}

export interface WeekOfReactivation {
  weekStart: string;
  active: number;
  suspended: number;
  reactivatedThisWeek: number;
  plannedActive: number | null;
}

const DAY = 86_400_000;
const isActive = (status: ServicePointStatus) => status === 'open' || status === 'reactivated';
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Mondays from the week of `from` to the week of `to`, as YYYY-MM-DD. */
export function mondaysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY;
  const end = Date.parse(`${to}T00:00:00Z`);
  const weeks: string[] = [];
  for (let t = monday; t <= end && weeks.length < 1000; t += 7 * DAY) weeks.push(iso(t));
  return weeks;
}

export function weeklyReactivation(options: { events: readonly StatusEvent[]; plan: ReadonlyMap<string, number>; from: string; to: string }): WeekOfReactivation[] {
  const bySite = new Map<string, StatusEvent[]>();
  for (const event of [...options.events].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))) {
    bySite.set(event.servicePointId, [...(bySite.get(event.servicePointId) ?? []), event]);
  }
  return mondaysBetween(options.from, options.to).map((weekStart) => {
    const weekEnd = iso(Date.parse(`${weekStart}T00:00:00Z`) + 6 * DAY);
    let active = 0;
    let suspended = 0;
    let reactivatedThisWeek = 0;
    for (const events of bySite.values()) {
      const known = events.filter((e) => e.effectiveOn <= weekEnd);
      const current = known.at(-1);
      if (!current) continue;
      if (isActive(current.status)) active++;
      if (current.status === 'suspended' || current.status === 'temporarily_closed') suspended++;
      if (known.some((e) => e.status === 'reactivated' && e.effectiveOn >= weekStart)) reactivatedThisWeek++;
    }
    return { weekStart, active, suspended, reactivatedThisWeek, plannedActive: options.plan.get(weekStart) ?? null };
  });
}
