/**
 * Import and export of service points (CSV and GeoJSON). An import is all or nothing: every
 * problem in the file is listed (line, field, reason) and nothing is written; a clean file is
 * upserted by external id in one transaction, with its audit row and a network event.
 */
import { find as findTimeZones } from 'geo-tz/all';
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { detectFormat, parseServicePoints, type ImportProblem, type ServicePointRecord } from './transfer/parse.js';
import { toCsv, toGeoJson } from './transfer/serialize.js';
import { assertRegionInScope } from '../../platform/auth/scope.js';

export type TransferFormat = 'csv' | 'geojson';

export interface ImportSummary {
  format: TransferFormat;
  rows: number;
  created: number;
  updated: number;
  /** Service codes that were not in the catalogue and were added to it. */
  addedServices: string[];
  dryRun: boolean;
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; format: TransferFormat; problems: ImportProblem[] };

/** A point with no time zone given takes the one at its coordinates, else its province's. */
function timeZoneOf(record: ServicePointRecord, provinceZones: Map<string, string>): string {
  if (record.timeZone) return record.timeZone;
  const zone = findTimeZones(record.latitude, record.longitude).find((z) => z.startsWith('America/'));
  return zone ?? provinceZones.get(record.provinceCode) ?? 'UTC';
}

export async function importServicePoints(options: {
  db: Db;
  clock: Clock;
  actor: Actor;
  content: string;
  fileName: string;
  format?: TransferFormat | undefined;
  dryRun?: boolean;
}): Promise<ImportOutcome> {
  const format = options.format ?? detectFormat(options.fileName, options.content);
  const provinces = await repo.listProvinces(options.db);
  const parsed = parseServicePoints({ content: options.content, format, knownProvinces: provinces.map((p) => p.code) });
  if (!parsed.ok) return { ok: false, format, problems: parsed.problems };
  // A regional supervisor imports the points of their own region only.
  for (const record of parsed.records) assertRegionInScope(options.actor, record.provinceCode);
  const zones = new Map(provinces.map((p) => [p.code, p.default_time_zone]));
  const today = options.clock.now().toISOString().slice(0, 10);
  const recordedBy = actorLabel(options.actor);

  const run = async (trx: Db): Promise<ImportSummary> => {
    const known = new Set((await repo.listServices(trx)).map((s) => s.code));
    const wanted = [...new Set(parsed.records.flatMap((r) => r.services))].filter((code) => !known.has(code)).sort();
    const addedServices = await repo.ensureServices(trx, wanted);
    let created = 0;
    for (const record of parsed.records) {
      const row = await repo.upsertImportedPoint(
        trx,
        {
          externalId: record.externalId,
          type: record.type,
          nameEn: record.nameEn,
          nameFr: record.nameFr,
          addressLine: record.address ?? '',
          city: '',
          provinceCode: record.provinceCode,
          postalCode: record.postalCode,
          latitude: record.latitude,
          longitude: record.longitude,
          timeZone: timeZoneOf(record, zones),
          jurisdiction: record.jurisdiction,
          partnerName: record.partner,
        },
        options.clock.now(),
      );
      await repo.replaceServicesOf(trx, row.id, record.services);
      if (row.inserted) {
        created++;
        await repo.appendStatus(trx, { servicePointId: row.id, status: row.status, reason: 'import', effectiveOn: today, recordedBy });
      }
    }
    const summary = { format, rows: parsed.records.length, created, updated: parsed.records.length - created, addedServices, dryRun: options.dryRun === true };
    if (!options.dryRun) {
      await recordAudit(trx, options.actor, { action: 'network.import', entityType: 'network', details: { ...summary, file: options.fileName } });
      await publishEvent(trx, NETWORK_TOPIC, { change: 'import', created, updated: summary.updated });
    }
    return summary;
  };

  // A dry run does all the work in a transaction it then abandons: what it reports is exact.
  const DRY_RUN = Symbol('dry-run');
  try {
    const summary = await options.db.transaction().execute(async (trx) => {
      const result = await run(trx);
      if (options.dryRun) throw Object.assign(new Error('dry run'), { [DRY_RUN]: result });
      return result;
    });
    return { ok: true, summary };
  } catch (error) {
    const result = (error as Record<symbol, ImportSummary>)[DRY_RUN];
    if (result) return { ok: true, summary: result };
    throw error;
  }
}

export async function exportServicePoints(options: { db: Db; format: TransferFormat }): Promise<string> {
  const rows = await repo.listServicePointsForExport(options.db);
  const records = rows.map((row) => ({
    externalId: row.external_id,
    nameEn: row.name_en,
    nameFr: row.name_fr,
    type: row.type,
    provinceCode: row.province_code,
    latitude: row.latitude,
    longitude: row.longitude,
    services: (row.services ?? '').split(';').filter(Boolean),
    jurisdiction: row.jurisdiction,
    partner: row.partner_name,
    address: row.address_line || null,
    postalCode: row.postal_code,
    timeZone: row.time_zone,
  }));
  return options.format === 'csv' ? toCsv(records) : `${JSON.stringify(toGeoJson(records), null, 1)}\n`;
}
