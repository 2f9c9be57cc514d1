/**
 * Half-hourly staffing from a daily forecast: the day's demand spread over its open half-hours by
 * an intraday profile, each half-hour's arrival rate turned into the agents Erlang C asks for.
 * Pure code (no database): the service passes in the forecast, the hours and the targets.
 */
import { agentsNeeded } from '../../staffing/erlang.js';

export interface Opening {
  /** Local `HH:MM`. */
  opens: string;
  closes: string;
}

export interface StaffingTargets {
  ahtSeconds: number;
  /** Share answered or called within `targetSeconds`, 0–1. */
  targetServiceLevel: number;
  targetSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
}

export interface HalfHour {
  /** Local start time, `HH:MM`. */
  start: string;
  arrivals: number;
  agents: number;
  serviceLevel: number;
  occupancy: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The relative demand at a local time of day (minutes after midnight). Offices and call centres
 * both see a late-morning peak and a smaller one after lunch; without intraday history in the
 * daily figures this documented shape stands in for a measured one.
 */
export function intradayWeight(minute: number): number {
  const hour = minute / 60;
  return 1 + 0.6 * Math.exp(-(((hour - 10.5) / 1.2) ** 2)) + 0.35 * Math.exp(-(((hour - 14) / 1) ** 2));
}

/** The open half-hours of a day (every half-hour that starts inside an opening), earliest first. */
export function openHalfHours(openings: readonly Opening[]): number[] {
  const starts = new Set<number>();
  for (const o of openings) for (let m = minutesOf(o.opens); m + 30 <= minutesOf(o.closes); m += 30) starts.add(m);
  return [...starts].sort((a, b) => a - b);
}

/** Each open half-hour's share of the day's demand (they add up to 1). */
export function intradayProfile(openings: readonly Opening[]): { start: number; share: number }[] {
  const starts = openHalfHours(openings);
  const weights = starts.map((m) => intradayWeight(m + 15));
  const total = weights.reduce((s, w) => s + w, 0);
  return starts.map((start, i) => ({ start, share: total > 0 ? weights[i]! / total : 0 }));
}

/** The plan of one day: arrivals per half-hour and the agents (or counter staff) each needs. */
export function planDay(options: { dailyDemand: number; openings: readonly Opening[]; targets: StaffingTargets }): HalfHour[] {
  const { targets } = options;
  return intradayProfile(options.openings).map(({ start, share }) => {
    const arrivals = options.dailyDemand * share;
    const need = agentsNeeded({
      arrivalsPerHour: arrivals * 2,
      ahtSeconds: targets.ahtSeconds,
      targetServiceLevel: targets.targetServiceLevel,
      targetSeconds: targets.targetSeconds,
      shrinkage: targets.shrinkage,
      maxOccupancy: targets.maxOccupancy,
    });
    return { start: hhmm(start), arrivals, agents: need.agents, serviceLevel: need.serviceLevel, occupancy: need.occupancy };
  });
}
