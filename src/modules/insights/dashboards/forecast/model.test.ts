/**
 * The pure parts, without a database: the regression recovers a known weekly pattern and holiday,
 * the backtest's MASE and seasonal-naive follow their definitions, a sum of parts adds up, the
 * intraday profile shares the day out, periods start where an analyst expects, and applications
 * map to seed 000's channels.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { periodStart } from '../periods.js';
import { intradayProfile, openHalfHours } from '../plan/intraday.js';
import { applicationChannel } from '../sources.js';
import { backtest, seasonalNaive, seasonalScale } from './backtest.js';
import { forecastParts } from './combine.js';
import { addDays, explainModel, fitModel, forecast, type DayContext } from './model.js';

const FROM = '2025-01-06'; // a Monday
const WEEKLY = [100, 80, 80, 80, 70, 0, 0];
const HOLIDAYS = new Set(['2025-07-01', '2025-09-01', '2025-12-25']);
const context = (day: string): DayContext => ({ holiday: HOLIDAYS.has(day) ? 1 : 0, afterHoliday: 0, events: day === '2025-10-15' ? ['strike'] : [] });
/** A year of a clean weekly pattern, closed on holidays, with a little deterministic noise. */
const values = Array.from({ length: 364 }, (_, i) => {
  const day = addDays(FROM, i);
  if (HOLIDAYS.has(day) || day === '2025-10-15') return 0;
  return WEEKLY[i % 7]! * (1 + 0.05 * Math.sin(i * 1.7));
});

test('the model recovers the weekly pattern, closes on holidays and learns a past event', () => {
  const model = fitModel({ from: FROM, values, context });
  const factors = new Map(explainModel(model).map((f) => [f.term, f.factor]));
  assert.ok(Math.abs(factors.get('fri')! - 71 / 101) < 0.05, `friday ${factors.get('fri')}`);
  assert.ok(factors.get('holiday')! < 0.05);
  assert.ok(factors.get('event:strike')! < 0.05);
  const ahead = forecast({ model, lastDay: addDays(FROM, 363), horizon: 14, context });
  assert.equal(ahead[0]!.day, '2026-01-05');
  assert.ok(Math.abs(ahead[0]!.mean - 100) < 10, `monday ${ahead[0]!.mean}`);
  assert.ok(ahead[5]!.mean < 0.5, 'saturdays stay closed');
  for (const d of ahead) assert.ok(d.lower95 <= d.lower80 && d.lower80 <= d.mean && d.mean <= d.upper80 && d.upper80 <= d.upper95);
  const effects = new Map([['stoppage', 0.5]]);
  const halved = forecast({ model, lastDay: addDays(FROM, 363), horizon: 1, context: () => ({ holiday: 0, afterHoliday: 0, events: ['stoppage'] }), effects });
  assert.ok(Math.abs(halved[0]!.mean - ahead[0]!.mean / 2) < 1e-9, 'an unseen event applies its stated effect');
});

test('MASE and seasonal-naive follow their definitions, and the model beats naive on a clean pattern', () => {
  assert.equal(seasonalScale([1, 2, 3, 4, 5, 6, 7, 3, 2, 3, 4, 5, 6, 7]), 2 / 7);
  assert.equal(seasonalScale([5, 5, 5, 5, 5, 5, 5, 5]), null);
  const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.deepEqual([1, 2, 7, 8, 9].map((h) => seasonalNaive(history, h)), [4, 5, 10, 4, 5]);
  const report = backtest({ from: FROM, values, predict: (cut, horizon) => forecastParts({ from: FROM, parts: [{ values, context }], cut, horizon, lastDay: addDays(FROM, cut - 1) }) })!;
  assert.equal(report.origins.length, 4);
  assert.ok(report.modelMase < 1 && report.modelMase < report.naiveMase, JSON.stringify(report));
  assert.equal(backtest({ from: FROM, values: values.slice(0, 100), predict: () => [] }), null, 'too short for any origin');
});

test('the forecast of a total is the sum of its parts', () => {
  const parts = [{ values, context }, { values: values.map((v) => v * 2), context }];
  const total = forecastParts({ from: FROM, parts, cut: 364, horizon: 7, lastDay: addDays(FROM, 363) });
  const one = forecastParts({ from: FROM, parts: [parts[0]!], cut: 364, horizon: 7, lastDay: addDays(FROM, 363) });
  assert.ok(Math.abs(total[0]!.mean - 3 * one[0]!.mean) < 0.01 * total[0]!.mean, 'log1p makes the double part nearly, not exactly, twice');
  assert.ok(total[0]!.upper80 - total[0]!.mean < 3 * (one[0]!.upper80 - one[0]!.mean), 'independent errors partly cancel');
});

test('the intraday profile shares the day over its open half-hours, peaking late in the morning', () => {
  assert.deepEqual(openHalfHours([{ opens: '08:30', closes: '10:15' }]), [510, 540, 570]);
  const profile = intradayProfile([{ opens: '08:30', closes: '12:00' }, { opens: '13:00', closes: '16:30' }]);
  assert.equal(profile.length, 14);
  assert.ok(Math.abs(profile.reduce((s, p) => s + p.share, 0) - 1) < 1e-12);
  const peak = profile.reduce((a, b) => (b.share > a.share ? b : a));
  assert.equal(peak.start, 10 * 60 + 30);
  assert.deepEqual(intradayProfile([]), []);
});

test('periods start where an analyst expects, and applications map to seed 000’s channels', () => {
  assert.equal(periodStart('2026-11-26', 'week'), '2026-11-23');
  assert.equal(periodStart('2026-11-23', 'week'), '2026-11-23');
  assert.equal(periodStart('2026-11-29', 'week'), '2026-11-23');
  assert.equal(periodStart('2026-11-26', 'month'), '2026-11-01');
  assert.equal(periodStart('2026-11-26', 'quarter'), '2026-10-01');
  assert.equal(periodStart('2026-03-31', 'fiscal_year'), '2025-04-01');
  assert.equal(periodStart('2026-04-01', 'fiscal_year'), '2026-04-01');
  assert.equal(applicationChannel('sin', 'online'), 'esin');
  assert.equal(applicationChannel('passport', 'online'), 'online');
  assert.equal(applicationChannel('passport', 'mail'), 'echannels');
  assert.equal(applicationChannel('passport', 'in_person'), null);
});
