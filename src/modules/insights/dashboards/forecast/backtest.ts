/**
 * Rolling-origin backtest: refit the model at each origin on everything before it, forecast the
 * next `horizon` days, and compare with what happened — and with the seasonal-naive forecast
 * (the same weekday last week), the benchmark a forecast has to beat to be worth having. Errors
 * are scaled as in Hyndman & Koehler's MASE: by the mean absolute one-week difference of the
 * training history, so below 1 means better than last week's figure was in-sample.
 */
import { addDays, type ForecastDay } from './model.js';

export const SEASON = 7;

export interface BacktestOrigin {
  /** The last day the model saw. */
  origin: string;
  modelMase: number;
  naiveMase: number;
  /** Share of actual days inside the 80 % interval. */
  coverage80: number;
}

export interface BacktestReport {
  horizon: number;
  origins: BacktestOrigin[];
  /** Over every origin: mean absolute error of each method divided by the mean in-sample scale. */
  modelMase: number;
  naiveMase: number;
  coverage80: number;
}

/** The mean absolute seasonal difference of a history (MASE's denominator); null when flat. */
export function seasonalScale(values: readonly number[], season = SEASON): number | null {
  let sum = 0;
  for (let i = season; i < values.length; i += 1) sum += Math.abs(values[i]! - values[i - season]!);
  const scale = values.length > season ? sum / (values.length - season) : 0;
  return scale > 0 ? scale : null;
}

/** The seasonal-naive forecast of the `h`-th day (1-based) after the end of `history`. */
export const seasonalNaive = (history: readonly number[], h: number, season = SEASON) => history[history.length - season + ((h - 1) % season)]!;

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * Origins every `horizon` days, the last one leaving exactly `horizon` days to check, and no
 * earlier than `minTrainingDays` of history. Returns null when the history is too short or flat.
 */
export function backtest(options: {
  from: string;
  values: readonly number[];
  /** The forecast of the `horizon` days after the first `cut` values, from those values only. */
  predict: (cut: number, horizon: number) => ForecastDay[];
  horizon?: number;
  origins?: number;
  minTrainingDays?: number;
}): BacktestReport | null {
  const horizon = options.horizon ?? 28;
  const wanted = options.origins ?? 4;
  const minTraining = options.minTrainingDays ?? 180;
  const results: (BacktestOrigin & { modelAbs: number; naiveAbs: number; scale: number })[] = [];
  for (let k = wanted; k >= 1; k -= 1) {
    const cut = options.values.length - k * horizon;
    if (cut < minTraining) continue;
    const training = options.values.slice(0, cut);
    const actual = options.values.slice(cut, cut + horizon);
    const scale = seasonalScale(training);
    if (scale === null) continue;
    const lastDay = addDays(options.from, cut - 1);
    const predicted = options.predict(cut, horizon);
    const modelAbs = mean(actual.map((a, i) => Math.abs(a - predicted[i]!.mean)));
    const naiveAbs = mean(actual.map((a, i) => Math.abs(a - seasonalNaive(training, i + 1))));
    const inside = actual.filter((a, i) => a >= predicted[i]!.lower80 - 0.5 && a <= predicted[i]!.upper80 + 0.5).length;
    results.push({ origin: lastDay, modelMase: modelAbs / scale, naiveMase: naiveAbs / scale, coverage80: inside / actual.length, modelAbs, naiveAbs, scale });
  }
  if (results.length === 0) return null;
  const scale = mean(results.map((r) => r.scale));
  return {
    horizon,
    origins: results.map(({ origin, modelMase, naiveMase, coverage80 }) => ({ origin, modelMase, naiveMase, coverage80 })),
    modelMase: mean(results.map((r) => r.modelAbs)) / scale,
    naiveMase: mean(results.map((r) => r.naiveAbs)) / scale,
    coverage80: mean(results.map((r) => r.coverage80)),
  };
}
