/**
 * The visit calendar of scheduled outreach sites: recurrence rules (RFC 5545 RRULE, read by the
 * rrule library) on local calendar days, minus closures and provincial holidays. Days are
 * computed as floating dates (UTC midnight stands for the local day), times stay local HH:MM.
 */
import rrulePackage from 'rrule';
import { localToInstant } from '../../platform/clock.js';
import type { OpeningStatus } from './opening.js';

const { rrulestr } = rrulePackage;

export interface OutreachSchedule {
  rule: string;
  startsOn: string; // YYYY-MM-DD
  endsOn: string | null;
  opensAt: string; // HH:MM
  closesAt: string; // HH:MM
  hostCommunity: string;
}

export interface OutreachVisit {
  date: string;
  opensAt: string;
  closesAt: string;
  hostCommunity: string;
  startsAt: Date;
  endsAt: Date;
}

const RULE = /^(FREQ=(WEEKLY|MONTHLY))(;(INTERVAL=\d{1,2}|BYDAY=([+-]?\d?(MO|TU|WE|TH|FR|SA|SU),?)+|BYSETPOS=-?\d|COUNT=\d{1,3}))*$/;

/** Whether a rule is one the calendar accepts (weekly or monthly, with interval, days, position). */
export function isValidRule(rule: string): boolean {
  if (!RULE.test(rule)) return false;
  try {
    rrulestr(`DTSTART:20260101T000000Z\nRRULE:${rule}`);
    return true;
  } catch {
    return false;
  }
}

const compact = (date: string) => date.replaceAll('-', '');

/** The next `count` visits on or after a local day, skipping closed days. */
export function nextVisits(options: { schedules: readonly OutreachSchedule[]; timeZone: string; fromDate: string; count: number; isClosed: (date: string) => boolean }): OutreachVisit[] {
  const from = new Date(`${options.fromDate}T00:00:00Z`);
  const horizon = new Date(from.getTime() + 400 * 86_400_000);
  const visits: OutreachVisit[] = [];
  for (const schedule of options.schedules) {
    const until = schedule.endsOn ? `;UNTIL=${compact(schedule.endsOn)}T000000Z` : '';
    const rule = rrulestr(`DTSTART:${compact(schedule.startsOn)}T000000Z\nRRULE:${schedule.rule}${until}`);
    for (const day of rule.between(from, horizon, true)) {
      const date = day.toISOString().slice(0, 10);
      if (options.isClosed(date)) continue;
      visits.push({
        date,
        opensAt: schedule.opensAt,
        closesAt: schedule.closesAt,
        hostCommunity: schedule.hostCommunity,
        startsAt: localToInstant(date, schedule.opensAt, options.timeZone),
        endsAt: localToInstant(date, schedule.closesAt, options.timeZone),
      });
      if (visits.length >= options.count * 4) break;
    }
  }
  return visits.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime()).slice(0, options.count);
}

/** Open now, or the next visit, in the shape the weekly hours give (see opening.ts). */
export function outreachOpening(visits: readonly OutreachVisit[], now: Date, today: string, weekdayOf: (date: string) => number): OpeningStatus {
  const current = visits.find((v) => v.startsAt <= now && now < v.endsAt);
  if (current) return { open: true, closesAt: current.closesAt };
  const next = visits.find((v) => v.startsAt > now);
  if (!next) return { open: false, next: null };
  const daysAhead = Math.round((Date.parse(`${next.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return { open: false, next: { weekday: weekdayOf(next.date), opensAt: next.opensAt, daysAhead } };
}
