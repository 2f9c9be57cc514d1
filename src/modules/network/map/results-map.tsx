/**
 * The small map beside the public search results: the searched position and the results numbered
 * as in the list. An SVG image that the page's script adds when JavaScript is on; the list alone
 * carries the information (and stays light on slow links without it).
 */
import { geoConicConformal, geoPath } from 'd3-geo';
import { renderToStaticMarkup } from 'react-dom/server';
import { AppError } from '../../../platform/errors.js';
import type { PointCache } from '../point-cache.js';
import { provinceBoundaries } from './basemap.js';

const WIDTH = 480;
const HEIGHT = 360;
export const MAX_RESULTS_ON_MAP = 20;

export async function drawResultsMap(options: { cache: PointCache; latitude: number; longitude: number; codes: readonly string[] }): Promise<string> {
  const { points } = await options.cache.get();
  const byCode = new Map(points.map((p) => [p.code, p]));
  const results = options.codes.map((code) => byCode.get(code));
  if (results.some((p) => !p)) throw new AppError('common.invalid_input', 400, {}, { codes: 'network.map.codes_invalid' });
  const spots = [{ longitude: options.longitude, latitude: options.latitude }, ...results.map((p) => p!)];
  const lons = spots.map((s) => s.longitude);
  const lats = spots.map((s) => s.latitude);
  const pad = (a: number, b: number) => Math.max((b - a) * 0.15, 0.2);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const box = { type: 'MultiPoint' as const, coordinates: [[w - pad(w, e), s - pad(s, n)], [e + pad(w, e), n + pad(s, n)], [w - pad(w, e), n + pad(s, n)], [e + pad(w, e), s - pad(s, n)]] };
  const projection = geoConicConformal().parallels([49, 77]).rotate([91.87, 0]).fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], box).clipExtent([[0, 0], [WIDTH, HEIGHT]]);
  const path = geoPath(projection).digits(1);
  const at = (p: { longitude: number; latitude: number }) => projection([p.longitude, p.latitude]) ?? [0, 0];
  const [ox, oy] = at(options);
  const svg = (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT}>
      <rect width={WIDTH} height={HEIGHT} fill="#dfeaf2" />
      <g fill="#f7f5ef" stroke="#6f6f6f" strokeWidth="0.8">
        {provinceBoundaries('region').features.map((f) => (
          <path key={f.properties.provinceCode} d={path(f) ?? ''} />
        ))}
      </g>
      <path d={`M${ox} ${oy - 9} L${ox + 8} ${oy + 6} L${ox - 8} ${oy + 6} Z`} fill="#af3c43" stroke="#ffffff" strokeWidth="1.5" />
      {results
        .map((p, i) => ({ p: p!, i }))
        .reverse()
        .map(({ p, i }) => {
          const [x, y] = at(p);
          return (
            <g key={p.code}>
              <circle cx={x} cy={y} r="10" fill="#26374a" stroke="#ffffff" strokeWidth="1.5" />
              <text x={x} y={y} dy="0.35em" textAnchor="middle" fill="#ffffff" fontSize="11" fontFamily="sans-serif" fontWeight="bold">
                {i + 1}
              </text>
            </g>
          );
        })}
    </svg>
  );
  return renderToStaticMarkup(svg);
}
