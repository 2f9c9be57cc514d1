/**
 * Forecast of one series (a channel, optionally one service or line, one province or one site):
 * its history read through the sources, a model per province summed bottom-up, the rolling-origin
 * backtest against seasonal-naive, known events, and an optional surge layered on top.
 */
import { isIsoDate } from '../../../../platform/clock.js';
import type { Db } from '../../../../platform/db/database.js';
import { AppError } from '../../../../platform/errors.js';
import { createHolidayCalendar } from '../../../../platform/holidays.js';
import { readFilteredRows, validateFilter } from '../dashboard.service.js';
import { listKnownEvents, type KnownEvent } from '../events.service.js';
import { CHANNELS, type Channel } from '../sources.js';
import { backtest, type BacktestReport } from './backtest.js';
import { forecastParts, type SeriesPart } from './combine.js';
import { dayContext } from './context.js';
import { addDays, daysBetween, type ForecastDay } from './model.js';

/** Two years of history at most; at least eight weeks to fit anything. */
const HISTORY_DAYS = 730;
const MIN_HISTORY_DAYS = 56;
export const MAX_HORIZON = 365;
const calendar = createHolidayCalendar();

export interface Surge {
  /** Extra demand over the whole surge (e.g. 100,000 passport applications). */
  extra: number;
  startsOn: string;
  weeks: number;
}

export interface ForecastRequest {
  channel: Channel;
  service?: string | undefined;
  province?: string | undefined;
  site?: string | undefined;
  horizon: number;
  surge?: Surge | undefined;
}

export interface ForecastResult {
  request: ForecastRequest;
  /** The last day of history used (yesterday), and the recent history shown beside the forecast. */
  lastDay: string;
  history: { day: string; value: number }[];
  /** Each day's baseline, its intervals, and the surge's extra (0 without a surge). */
  days: (ForecastDay & { surge: number })[];
  backtest: BacktestReport | null;
  events: KnownEvent[];
  /** Why there is no forecast: 'no_data' (the source has none yet) or 'too_short'. */
  missing: 'no_data' | 'too_short' | null;
}

async function check(db: Db, request: ForecastRequest, lastDay: string): Promise<void> {
  const fields: Record<string, string> = {};
  if (!(CHANNELS as readonly string[]).includes(request.channel)) fields.channel = 'insights.events.channel_invalid';
  if (!Number.isInteger(request.horizon) || request.horizon < 1 || request.horizon > MAX_HORIZON) fields.horizon = 'insights.forecast.horizon_invalid';
  const surge = request.surge;
  if (surge) {
    if (!Number.isFinite(surge.extra) || surge.extra <= 0 || surge.extra > 10_000_000) fields.extra = 'insights.forecast.extra_invalid';
    if (!Number.isInteger(surge.weeks) || surge.weeks < 1 || surge.weeks > 26) fields.weeks = 'insights.forecast.weeks_invalid';
    if (!isIsoDate(surge.startsOn) || surge.startsOn <= lastDay || daysBetween(lastDay, surge.startsOn) > MAX_HORIZON - 7 * (surge.weeks || 1)) fields.startsOn = 'insights.forecast.surge_start_invalid';
  }
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await validateFilter(db, { from: lastDay, to: lastDay, period: 'day', province: request.province, site: request.site });
}

/** The series' daily values per province (or one national part), from `from` to `lastDay`. */
async function readParts(db: Db, request: ForecastRequest, from: string, lastDay: string) {
  const inPersonService = request.channel === 'in_person' ? request.service : undefined;
  const { rows } = await readFilteredRows(db, { from, to: lastDay, period: 'day', province: request.province, site: request.site, service: inPersonService });
  const kept = rows.filter((r) => r.channel === request.channel && (!request.service || request.channel === 'in_person' || r.service === request.service));
  const length = daysBetween(from, lastDay) + 1;
  const parts = new Map<string | null, number[]>();
  for (const row of kept) {
    let values = parts.get(row.province);
    if (!values) parts.set(row.province, (values = new Array<number>(length).fill(0)));
    values[daysBetween(from, row.day)]! += row.volume;
  }
  const first = kept.reduce((min, r) => (r.day < min ? r.day : min), lastDay);
  return { parts, first: kept.length > 0 ? first : null };
}

function layerSurge(days: ForecastDay[], surge: Surge | undefined): (ForecastDay & { surge: number })[] {
  if (!surge) return days.map((d) => ({ ...d, surge: 0 }));
  const ends = addDays(surge.startsOn, surge.weeks * 7 - 1);
  const inside = (d: ForecastDay) => d.day >= surge.startsOn && d.day <= ends;
  // The extra lands as the usual demand does: in proportion to each day's expected volume, so
  // closed days get none and Mondays get the most.
  const weight = days.reduce((s, d) => (inside(d) ? s + d.mean : s), 0);
  return days.map((d) => {
    const extra = inside(d) && weight > 0 ? (surge.extra * d.mean) / weight : 0;
    return { ...d, mean: d.mean + extra, lower80: d.lower80 + extra, upper80: d.upper80 + extra, lower95: d.lower95 + extra, upper95: d.upper95 + extra, surge: extra };
  });
}

/** `backtest: false` skips the backtest (four more fits) when only the forecast is wanted. */
export async function getForecast(options: { db: Db; today: string; request: ForecastRequest; backtest?: boolean }): Promise<ForecastResult> {
  const { db, request } = options;
  const lastDay = addDays(options.today, -1);
  await check(db, request, lastDay);
  const window = addDays(lastDay, -(HISTORY_DAYS - 1));
  const surgeEnd = request.surge ? daysBetween(lastDay, addDays(request.surge.startsOn, request.surge.weeks * 7 - 1)) : 0;
  const horizon = Math.min(MAX_HORIZON, Math.max(request.horizon, surgeEnd));
  const events = await listKnownEvents({ db, from: window, to: addDays(lastDay, horizon) });
  const { parts, first } = await readParts(db, request, window, lastDay);
  const base = { request: { ...request, horizon }, lastDay, events, history: [], days: [], backtest: null };
  if (first === null) return { ...base, missing: 'no_data' };
  const offset = daysBetween(window, first);
  const length = daysBetween(first, lastDay) + 1;
  if (length < MIN_HISTORY_DAYS) return { ...base, missing: 'too_short' };
  const seriesParts: SeriesPart[] = [...parts].map(([province, values]) => ({ values: values.slice(offset), context: dayContext({ calendar, province, channel: request.channel, events }) }));
  const total = Array.from({ length }, (_, i) => seriesParts.reduce((s, p) => s + p.values[i]!, 0));
  const effects = new Map(events.map((e) => [e.id, 1 + e.effectPercent / 100]));
  const predict = (cut: number, h: number) => forecastParts({ from: first, parts: seriesParts, cut, horizon: h, lastDay: addDays(first, cut - 1), effects });
  const days = layerSurge(predict(length, horizon), request.surge);
  const history = total.slice(-56).map((value, i) => ({ day: addDays(lastDay, i - Math.min(56, length) + 1), value }));
  return { ...base, history, days, backtest: options.backtest === false ? null : backtest({ from: first, values: total, predict }), missing: null };
}
