/**
 * Wait estimates, as a range. A client with `ahead` clients before them, at a site where
 * `counters` counters serve their service in parallel, waits for about ahead / counters services
 * to finish, plus whatever is left of the ones in progress. The service time comes from a rolling
 * sample of recent services (by service and hour of day); its quartiles give the range, so the
 * range widens honestly when service times vary.
 */

export interface ServiceTimeQuartiles {
  q1Minutes: number;
  q3Minutes: number;
  /** How many services the quartiles come from (0 when they are the defaults). */
  samples: number;
}

export interface WaitRange {
  minMinutes: number;
  maxMinutes: number;
}

/** When a site has no history yet: a typical Service Canada counter service. */
export const DEFAULT_SERVICE_TIME: ServiceTimeQuartiles = { q1Minutes: 7, q3Minutes: 15, samples: 0 };

export function estimateWait(options: { ahead: number; counters: number; serviceTime: ServiceTimeQuartiles }): WaitRange {
  const ahead = Math.max(0, options.ahead);
  // With no counter open for the service the wait is at least one service (someone must open).
  const counters = Math.max(1, options.counters);
  const { q1Minutes, q3Minutes } = options.serviceTime;
  // Best case: the clients ahead are quick and a counter frees up now.
  const min = (ahead * q1Minutes) / counters;
  // Worst case: slow services, and every counter just started one.
  const max = ((ahead + 1) * q3Minutes) / counters + (options.counters === 0 ? q3Minutes : 0);
  const minMinutes = Math.floor(min);
  return { minMinutes, maxMinutes: Math.max(minMinutes + 1, Math.ceil(max)) };
}

/** Quartiles of a sample of service durations in minutes (linear interpolation, like SQL's percentile_cont). */
export function quartiles(durations: number[]): ServiceTimeQuartiles {
  if (durations.length === 0) return DEFAULT_SERVICE_TIME;
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => {
    const index = p * (sorted.length - 1);
    const low = Math.floor(index);
    const high = Math.ceil(index);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (index - low);
  };
  return { q1Minutes: at(0.25), q3Minutes: at(0.75), samples: sorted.length };
}

/** How good the estimates were: given ranges against the waits that happened. */
export function estimateError(pairs: { range: WaitRange; actualMinutes: number }[]) {
  if (pairs.length === 0) return { count: 0, withinRangeShare: null, meanAbsoluteErrorMinutes: null, meanSignedErrorMinutes: null };
  let within = 0;
  let absolute = 0;
  let signed = 0;
  for (const { range, actualMinutes } of pairs) {
    if (actualMinutes >= range.minMinutes && actualMinutes <= range.maxMinutes) within += 1;
    // The error of a range is the distance from the actual wait to its midpoint.
    const error = (range.minMinutes + range.maxMinutes) / 2 - actualMinutes;
    absolute += Math.abs(error);
    signed += error;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  return { count: pairs.length, withinRangeShare: round((within / pairs.length) * 1000) / 1000, meanAbsoluteErrorMinutes: round(absolute / pairs.length), meanSignedErrorMinutes: round(signed / pairs.length) };
}
