/**
 * The network map, laid out on the server: province boundaries and service points projected into
 * an SVG of a given size, points grouped into clusters where they crowd (supercluster), each
 * cluster a link to the area it covers. Pure: points, filters and an extent in, shapes out.
 *
 * Offline, Canada is drawn in a Lambert conformal conic (the projection of Statistics Canada's
 * and NRCan's national maps). With a tile server configured, the map switches to Web Mercator so
 * that the tiles line up, and lists the tiles to draw beneath the points.
 */
import { geoConicConformal, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, MultiPoint, Position } from 'geojson';
import Supercluster from 'supercluster';
import type { Jurisdiction, ServicePointStatus, ServicePointType } from '../../../platform/db/tables.js';
import type { Boundaries } from './basemap.js';

export interface MapPoint {
  id: string;
  code: string;
  nameEn: string;
  nameFr: string;
  type: ServicePointType;
  status: ServicePointStatus;
  jurisdiction: Jurisdiction;
  provinceCode: string;
  latitude: number;
  longitude: number;
  yearlyVolume: number | null;
  /** The kinds of partner organisation at the site (federal, provincial, municipal, NGO). */
  partnerTypes: readonly Jurisdiction[];
}

/** West, south, east, north in degrees. */
export type Bbox = [number, number, number, number];

export interface MapRequest {
  points: readonly MapPoint[];
  boundaries: Boundaries;
  /** The area to show; the whole country's boundaries when absent. */
  bbox?: Bbox | undefined;
  sizeByVolume: boolean;
  width: number;
  height: number;
  /** A tile URL template with {z}, {x} and {y}: the map is then drawn in Web Mercator over the tiles. */
  tileUrl?: string | undefined;
}

export type Marker =
  | { kind: 'site'; point: MapPoint; x: number; y: number; r: number }
  | { kind: 'cluster'; count: number; x: number; y: number; r: number; bbox: Bbox; points: MapPoint[] };

export interface MapLayout {
  width: number;
  height: number;
  boundaries: { provinceCode: string; d: string }[];
  markers: Marker[];
  tiles: { href: string; x: number; y: number; size: number }[];
  /** The points inside the area shown, in the order of the list beside the map. */
  visible: MapPoint[];
  bbox: Bbox;
}

const TILE = 256;
const CLUSTER_RADIUS_PX = 28;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The box around every coordinate of the features (their winding order does not matter). */
export function boundsOf(boundaries: Boundaries, provinceCode?: string): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (p: Position) => {
    box[0] = Math.min(box[0], p[0]!);
    box[1] = Math.min(box[1], p[1]!);
    box[2] = Math.max(box[2], p[0]!);
    box[3] = Math.max(box[3], p[1]!);
  };
  for (const f of boundaries.features) {
    if (provinceCode && f.properties.provinceCode !== provinceCode) continue;
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) ring.forEach(visit);
  }
  return box;
}

/** Points along the box's edges: a conic projection curves the parallels, so corners alone would cut the south off. */
function edges([w, s, e, n]: Bbox): Feature<MultiPoint> {
  const steps = 8;
  const coordinates: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const lon = w + ((e - w) * i) / steps;
    const lat = s + ((n - s) * i) / steps;
    coordinates.push([lon, s], [lon, n], [w, lat], [e, lat]);
  }
  return { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates } };
}

const MARGIN = 12;
const inset = ([w, h]: [number, number]): [[number, number], [number, number]] => [[MARGIN, MARGIN], [w - MARGIN, h - MARGIN]];

function projectionFor(request: MapRequest, bbox: Bbox): GeoProjection {
  const size: [number, number] = [request.width, request.height];
  if (!request.tileUrl) {
    return geoConicConformal().parallels([49, 77]).rotate([91.87, 0]).fitExtent(inset(size), edges(bbox)).clipExtent([[0, 0], size]);
  }
  // Snap the scale to the nearest tile zoom so the tiles are drawn at their own size.
  const fitted = geoMercator().fitExtent(inset(size), edges(bbox));
  const zoom = Math.max(0, Math.min(18, Math.round(Math.log2((fitted.scale() * 2 * Math.PI) / TILE))));
  const centre = fitted.invert!([request.width / 2, request.height / 2])!;
  return geoMercator()
    .scale((TILE * 2 ** zoom) / (2 * Math.PI))
    .center(centre)
    .translate([request.width / 2, request.height / 2])
    .clipExtent([[0, 0], size]);
}

function tilesFor(projection: GeoProjection, request: MapRequest): MapLayout['tiles'] {
  if (!request.tileUrl) return [];
  const worldSize = projection.scale() * 2 * Math.PI;
  const zoom = Math.round(Math.log2(worldSize / TILE));
  // The world's top-left corner (180° W, the Mercator limit) in the map's pixels.
  const [originX, originY] = projection([-180, 85.0511287798])!;
  const count = 2 ** zoom;
  const tiles: MapLayout['tiles'] = [];
  for (let tx = Math.floor(-originX! / TILE); tx <= Math.floor((request.width - originX!) / TILE); tx++) {
    for (let ty = Math.max(0, Math.floor(-originY! / TILE)); ty <= Math.min(count - 1, Math.floor((request.height - originY!) / TILE)); ty++) {
      const wrapped = ((tx % count) + count) % count;
      const href = request.tileUrl.replace('{z}', String(zoom)).replace('{x}', String(wrapped)).replace('{y}', String(ty));
      tiles.push({ href, x: round1(originX! + tx * TILE), y: round1(originY! + ty * TILE), size: TILE });
    }
  }
  return tiles;
}

const inside = ([w, s, e, n]: Bbox, p: MapPoint) => p.longitude >= w && p.longitude <= e && p.latitude >= s && p.latitude <= n;

/** Lays out the map: boundaries as SVG paths, markers (sites and clusters) in pixels, tiles beneath. */
export function layOutMap(request: MapRequest): MapLayout {
  const bbox = request.bbox ?? boundsOf(request.boundaries);
  const projection = projectionFor(request, bbox);
  const path = geoPath(projection).digits(1);
  const boundaries = request.boundaries.features
    .map((f) => ({ provinceCode: f.properties.provinceCode, d: path(f) ?? '' }))
    .filter((b) => b.d.length > 0);
  const visible = request.points.filter((p) => inside(bbox, p));
  return { width: request.width, height: request.height, boundaries, markers: cluster(visible, projection, request, bbox), tiles: tilesFor(projection, request), visible, bbox };
}

/** The zoom of supercluster's 512-pixel tiles at which the box spans the map's width. */
const clusterZoom = (bbox: Bbox, width: number) => Math.max(0, Math.min(16, Math.floor(Math.log2((width * 360) / (512 * Math.max(bbox[2] - bbox[0], 1e-6))))));

function cluster(points: MapPoint[], projection: GeoProjection, request: MapRequest, bbox: Bbox): Marker[] {
  const maxVolume = Math.max(1, ...points.map((p) => p.yearlyVolume ?? 0));
  const radius = (p: MapPoint) => (request.sizeByVolume ? 4 + 10 * Math.sqrt((p.yearlyVolume ?? 0) / maxVolume) : 6);
  const index = new Supercluster<{ i: number }>({ radius: CLUSTER_RADIUS_PX, maxZoom: 16, minPoints: 3 });
  index.load(points.map((p, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] } })));
  const markers: Marker[] = [];
  for (const found of index.getClusters([-180, -85, 180, 85], clusterZoom(bbox, request.width))) {
    const [x, y] = projection(found.geometry.coordinates as [number, number]) ?? [NaN, NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const properties = found.properties as { i?: number; cluster?: boolean; cluster_id?: number; point_count?: number };
    if (!properties.cluster) {
      const point = points[properties.i!]!;
      markers.push({ kind: 'site', point, x: round1(x!), y: round1(y!), r: round1(radius(point)) });
      continue;
    }
    const members = index.getLeaves(properties.cluster_id!, Infinity).map((leaf) => points[leaf.properties.i]!);
    const count = properties.point_count!;
    markers.push({ kind: 'cluster', count, x: round1(x!), y: round1(y!), r: round1(9 + 3 * Math.log2(count)), bbox: paddedBounds(members), points: members });
  }
  // Clusters beneath, then sites; larger sites beneath smaller ones so every point can be reached.
  return markers.sort((a, b) => (a.kind === b.kind ? b.r - a.r : a.kind === 'cluster' ? -1 : 1));
}

/** The box around some points, padded by a fifth and at least half a degree across. */
function paddedBounds(points: readonly MapPoint[]): Bbox {
  const lons = points.map((p) => p.longitude);
  const lats = points.map((p) => p.latitude);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const padLon = Math.max((e - w) * 0.2, 0.25);
  const padLat = Math.max((n - s) * 0.2, 0.25);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return [r4(w - padLon), r4(s - padLat), r4(e + padLon), r4(n + padLat)];
}
