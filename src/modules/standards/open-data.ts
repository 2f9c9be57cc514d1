/**
 * The service standards as open data, in the GC Service Inventory's columns: one row per
 * standard and fiscal year; target and performance as shares (0.9), target_met Y or N.
 */
import { stringify } from 'csv-stringify/sync';
import type { StandardResults } from './results.service.js';

export const OPEN_DATA_COLUMNS = [
  'fiscal_yr', 'service_id', 'service_name_en', 'service_name_fr', 'service_standard_id', 'service_standard_en', 'service_standard_fr', 'type', 'channel',
  'channel_comments_en', 'channel_comments_fr', 'target', 'volume_meeting_target', 'total_volume', 'performance', 'comments_en', 'comments_fr', 'target_met',
  'standards_targets_uri_en', 'standards_targets_uri_fr', 'performance_results_uri_en', 'performance_results_uri_fr',
] as const;

export type OpenDataRow = Record<(typeof OPEN_DATA_COLUMNS)[number], string | number | null>;

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function toOpenDataRow(fiscalYear: string, result: StandardResults, pageUrl: (language: 'en' | 'fr', serviceId: string) => string, resultsUrl: string): OpenDataRow {
  const s = result.standard;
  const empty = result.year.total === 0;
  return {
    fiscal_yr: fiscalYear,
    service_id: s.service_id,
    service_name_en: s.service_name_en,
    service_name_fr: s.service_name_fr,
    service_standard_id: s.id,
    service_standard_en: s.standard_en,
    service_standard_fr: s.standard_fr,
    type: s.type,
    channel: s.channel,
    channel_comments_en: s.channel_comments_en,
    channel_comments_fr: s.channel_comments_fr,
    target: s.target_percent / 100,
    volume_meeting_target: result.year.meeting,
    total_volume: result.year.total,
    performance: result.year.performance === null ? null : round(result.year.performance),
    comments_en: empty ? 'No volume recorded in this fiscal year.' : '',
    comments_fr: empty ? 'Aucun volume consigné au cours de cet exercice.' : '',
    target_met: result.year.targetMet === null ? null : result.year.targetMet ? 'Y' : 'N',
    standards_targets_uri_en: pageUrl('en', s.service_id),
    standards_targets_uri_fr: pageUrl('fr', s.service_id),
    performance_results_uri_en: `${resultsUrl}?fiscalYear=${fiscalYear}`,
    performance_results_uri_fr: `${resultsUrl}?fiscalYear=${fiscalYear}`,
  };
}

export function toCsv(rows: OpenDataRow[]): string {
  return stringify(rows, { header: true, delimiter: ';', columns: [...OPEN_DATA_COLUMNS], cast: { number: (value) => String(value) } });
}
