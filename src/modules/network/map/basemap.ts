/**
 * The offline basemap: province and territory boundaries from Natural Earth (public domain), as
 * shipped in `data/canada-provinces.topo.json` (see data/SOURCES.md). Loaded and simplified once
 * per process, at two levels of detail: the whole country, and a province or a smaller area.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { filter, filterWeight, planarRingArea, presimplify, quantile, simplify } from 'topojson-simplify';
import type { Objects, Topology } from 'topojson-specification';

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/canada-provinces.topo.json');

export type Detail = 'country' | 'region';
export type Boundaries = FeatureCollection<Polygon | MultiPolygon, { provinceCode: string }>;

/**
 * Share of the arcs' points kept at each level (by Visvalingam weight), and the smallest island
 * kept (in square degrees): about 50 KB of SVG for the country, 150 KB for a region.
 */
const LEVELS: Record<Detail, { keep: number; minArea: number }> = {
  country: { keep: 0.1, minArea: 0.5 },
  region: { keep: 0.3, minArea: 0.02 },
};

let cache: Map<Detail, Boundaries> | undefined;

function load(): Map<Detail, Boundaries> {
  const topology = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Topology<Objects<object>>;
  const weighted = presimplify(topology);
  const levels = new Map<Detail, Boundaries>();
  for (const [detail, level] of Object.entries(LEVELS) as [Detail, (typeof LEVELS)[Detail]][]) {
    let simple = simplify(weighted, quantile(weighted, level.keep));
    simple = filter(simple, filterWeight(simple, level.minArea, planarRingArea));
    const collection = feature(simple, simple.objects.provinces!) as unknown as FeatureCollection<Polygon | MultiPolygon, null>;
    levels.set(detail, {
      type: 'FeatureCollection',
      features: collection.features.map((f) => ({ ...f, properties: { provinceCode: String(f.id) } })),
    });
  }
  return levels;
}

/** The boundaries of every province and territory at the given level of detail. */
export function provinceBoundaries(detail: Detail): Boundaries {
  cache ??= load();
  return cache.get(detail)!;
}
