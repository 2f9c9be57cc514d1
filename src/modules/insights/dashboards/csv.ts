/**
 * CSV downloads of the dashboards, the forecast and the staffing plan (csv-stringify). Column
 * names are stable machine names, the same in both languages, so a spreadsheet or a script that
 * reads one download reads the next.
 */
import { stringify } from 'csv-stringify/sync';
import type { DashboardFigures } from './dashboard.service.js';
import type { ForecastResult } from './forecast/forecast.service.js';
import type { PlanResult } from './plan/plan.service.js';
import { CHANNELS } from './sources.js';

const round = (x: number | null, digits = 4) => (x === null ? '' : Number(x.toFixed(digits)));

export function volumesCsv(figures: DashboardFigures): string {
  const columns = ['period_start', ...CHANNELS, 'mean_wait_minutes', 'served_within_target', 'answer_rate', 'call_service_level', 'applications_within_standard', 'inquiries_within_standard'];
  const rows = figures.periods.map((p) => [
    p.period,
    ...CHANNELS.map((c) => p.volumes[c] ?? ''),
    round(p.meanWaitMinutes, 1),
    round(p.servedWithinTarget),
    round(p.answerRate),
    round(p.callServiceLevel),
    round(p.applicationsWithinStandard),
    round(p.inquiriesWithinStandard),
  ]);
  return stringify(rows, { header: true, columns });
}

export function forecastCsv(result: ForecastResult): string {
  const columns = ['day', 'kind', 'value', 'lower80', 'upper80', 'lower95', 'upper95', 'surge'];
  const history = result.history.map((h) => [h.day, 'actual', h.value, '', '', '', '', '']);
  const ahead = result.days.map((d) => [d.day, 'forecast', round(d.mean, 1), round(d.lower80, 1), round(d.upper80, 1), round(d.lower95, 1), round(d.upper95, 1), round(d.surge, 1)]);
  return stringify([...history, ...ahead], { header: true, columns });
}

export function planCsv(plan: PlanResult): string {
  const columns = ['day', 'start', 'arrivals', 'agents', 'service_level', 'occupancy'];
  return stringify(
    plan.halfHours.map((h) => [plan.request.day, h.start, round(h.arrivals, 2), h.agents, round(h.serviceLevel), round(h.occupancy)]),
    { header: true, columns },
  );
}
