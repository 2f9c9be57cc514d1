/** The network map's use case: the cached points, filtered by the layers asked for, laid out. */
import { JURISDICTIONS, SERVICE_POINT_STATUSES, SERVICE_POINT_TYPES, type Jurisdiction, type ServicePointStatus, type ServicePointType } from '../../../platform/db/tables.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import * as repo from '../network.repo.js';
import type { PointCache } from '../point-cache.js';
import { provinceBoundaries } from './basemap.js';
import { boundsOf, layOutMap, type Bbox, type MapLayout, type MapPoint } from './layout.js';

export interface MapLayers {
  types: readonly ServicePointType[];
  statuses: readonly ServicePointStatus[];
  jurisdictions: readonly Jurisdiction[];
  /** Only sites with a partner of one of these kinds; every site when empty. */
  partnerTypes: readonly Jurisdiction[];
  service?: string | undefined;
  sizeByVolume: boolean;
}

/** What the map shows before anyone chooses: every kind of site that is not closed for good. */
export const DEFAULT_LAYERS: MapLayers = {
  types: SERVICE_POINT_TYPES,
  statuses: SERVICE_POINT_STATUSES.filter((s) => s !== 'closed'),
  jurisdictions: JURISDICTIONS,
  partnerTypes: [],
  sizeByVolume: false,
};

export const MAP_SIZE = { width: 880, height: 720 } as const;
/** Narrower than this (degrees of longitude), the map draws the more detailed boundaries. */
const REGION_SPAN_DEGREES = 35;

/** `w,s,e,n` in degrees, inside Canada's neighbourhood and not inverted; else a 400. */
export function parseBbox(value: string): Bbox {
  const parts = value.split(',').map((p) => Number(p.trim()));
  const [w, s, e, n] = parts as Bbox;
  const ok = parts.length === 4 && parts.every(Number.isFinite) && w >= -180 && e <= 180 && s >= 30 && n <= 90 && w < e && s < n;
  if (!ok) throw new AppError('common.invalid_input', 400, {}, { bbox: 'network.map.bbox_invalid' });
  return [w, s, e, n];
}

export async function drawNetworkMap(options: {
  db: Db;
  cache: PointCache;
  layers: MapLayers;
  /** A province or territory code, or a box; the whole country when neither. */
  area?: { province: string } | { bbox: Bbox } | undefined;
  tileUrl?: string | undefined;
}): Promise<MapLayout> {
  const { points, serviceCodes } = await options.cache.get();
  const { layers } = options;
  if (layers.service && !serviceCodes.has(layers.service)) throw new AppError('common.invalid_input', 400, {}, { service: 'network.unknown_service' });
  const partnerRows = await repo.listPartnerTypesBySite(options.db);
  const partnersOf = new Map<string, Jurisdiction[]>();
  for (const row of partnerRows) partnersOf.set(row.service_point_id, [...(partnersOf.get(row.service_point_id) ?? []), row.partner_type]);
  const chosen: MapPoint[] = points
    .filter((p) => layers.types.includes(p.type) && layers.statuses.includes(p.status) && layers.jurisdictions.includes(p.jurisdiction))
    .filter((p) => !layers.service || p.services.has(layers.service))
    .map((p) => ({ ...p, partnerTypes: partnersOf.get(p.id) ?? [] }))
    .filter((p) => layers.partnerTypes.length === 0 || p.partnerTypes.some((t) => layers.partnerTypes.includes(t)))
    .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.nameEn.localeCompare(b.nameEn));
  const country = provinceBoundaries('country');
  let bbox: Bbox | undefined;
  if (options.area && 'province' in options.area) {
    bbox = boundsOf(country, options.area.province);
    if (!Number.isFinite(bbox[0])) throw new AppError('common.invalid_input', 400, {}, { region: 'network.map.region_invalid' });
  } else if (options.area) bbox = options.area.bbox;
  const detail = bbox && bbox[2] - bbox[0] < REGION_SPAN_DEGREES ? 'region' : 'country';
  return layOutMap({ points: chosen, boundaries: provinceBoundaries(detail), bbox, sizeByVolume: layers.sizeByVolume, ...MAP_SIZE, tileUrl: options.tileUrl });
}
