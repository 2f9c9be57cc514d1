/**
 * Forecasts of a total built bottom-up from its parts (one part per province): each part has one
 * holiday calendar, so a holiday is a clean 0/1 in its model, which a national series mixing
 * provinces cannot offer. Means add up; the intervals assume the parts' errors independent and
 * add their variances (each part's spread read back from its 80 % interval).
 */
import { fitModel, forecast, Z80, Z95, type DayContext, type ForecastDay } from './model.js';

export interface SeriesPart {
  values: readonly number[];
  context: (day: string) => DayContext;
}

/** The sum of the parts' forecasts for the `horizon` days after their first `cut` values (which start at `from`). */
export function forecastParts(options: { from: string; parts: readonly SeriesPart[]; cut: number; horizon: number; lastDay: string; effects?: ReadonlyMap<string, number> }): ForecastDay[] {
  const each = options.parts.map((part) => {
    const model = fitModel({ from: options.from, values: part.values.slice(0, options.cut), context: part.context });
    return forecast({ model, lastDay: options.lastDay, horizon: options.horizon, context: part.context, ...(options.effects ? { effects: options.effects } : {}) });
  });
  return Array.from({ length: options.horizon }, (_, i) => {
    const days = each.map((f) => f[i]!);
    const mean = days.reduce((s, d) => s + d.mean, 0);
    const variance = days.reduce((s, d) => s + ((d.upper80 - d.lower80) / (2 * Z80)) ** 2, 0);
    const sd = Math.sqrt(variance);
    return {
      day: days[0]?.day ?? options.lastDay,
      mean,
      lower80: Math.max(0, mean - Z80 * sd),
      upper80: mean + Z80 * sd,
      lower95: Math.max(0, mean - Z95 * sd),
      upper95: mean + Z95 * sd,
    };
  });
}
