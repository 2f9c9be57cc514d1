/**
 * Writing service points as CSV or GeoJSON, in the very shape `parse.ts` reads, so that an export
 * can be edited and imported again unchanged. Pure: no I/O.
 */
import { stringify } from 'csv-stringify/sync';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { COLUMNS, type Column, type ServicePointRecord } from './parse.js';

export type ServicePointData = Omit<ServicePointRecord, 'line'>;
/** The CSV columns but the coordinates, which the Point geometry carries: one place, so they cannot disagree. */
export type ServicePointProperties = Record<Exclude<Column, 'latitude' | 'longitude'>, string | null>;

function columnValues(record: ServicePointData): Record<Column, string | null> {
  return {
    external_id: record.externalId,
    name_en: record.nameEn,
    name_fr: record.nameFr,
    type: record.type,
    province: record.provinceCode,
    // String() gives the shortest text that reads back as the same number.
    latitude: String(record.latitude),
    longitude: String(record.longitude),
    // One string, as in a CSV cell, so that both formats read back the same way.
    services: record.services.join(';'),
    jurisdiction: record.jurisdiction,
    partner: record.partner,
    address: record.address,
    postal_code: record.postalCode,
    time_zone: record.timeZone,
  };
}

/** A header row in `COLUMNS` order, then one row per point; an empty cell stands for "none". */
export function toCsv(records: readonly ServicePointData[]): string {
  return stringify(records.map(columnValues), { header: true, columns: [...COLUMNS] });
}

export function toGeoJson(records: readonly ServicePointData[]): FeatureCollection<Point, ServicePointProperties> {
  return { type: 'FeatureCollection', features: records.map(toFeature) };
}

function toFeature(record: ServicePointData): Feature<Point, ServicePointProperties> {
  const { latitude: _latitude, longitude: _longitude, ...properties } = columnValues(record);
  return {
    type: 'Feature',
    id: record.externalId,
    geometry: { type: 'Point', coordinates: [record.longitude, record.latitude] },
    properties,
  };
}
