import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { computeCoverage, computeRoadCoverage } from './coverage.js';
import { distanceKm } from './geo.js';
import { listCanadianPlaces } from './places.js';
import { createOsrmRouting } from './routing.js';

/**
 * A stand-in for OSRM's table service: the shape of its real answer, with roads `detour` times the
 * straight line (and no route to Newfoundland from the mainland, as across a strait without a ferry).
 */
function fakeOsrm(detour: () => number) {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url!);
    const url = new URL(request.url!, 'http://x');
    const match = /^\/table\/v1\/driving\/(.+)$/.exec(url.pathname);
    response.setHeader('content-type', 'application/json');
    if (!match || url.searchParams.get('sources') !== '0' || url.searchParams.get('annotations') !== 'distance') return response.writeHead(400).end('{"code":"InvalidQuery"}');
    if (detour() < 0) return response.writeHead(500).end('{"code":"Busy"}');
    const points = decodeURIComponent(match[1]!).split(';').map((c) => c.split(',').map(Number) as [number, number]);
    const [lon0, lat0] = points[0]!;
    const row = points.map(([lon, lat]) => {
      const island = (lon: number, lat: number) => lon > -59.5 && lat > 46.5 && lat < 52;
      if (island(lon, lat) !== island(lon0, lat0)) return null;
      return distanceKm({ latitude: lat0, longitude: lon0 }, { latitude: lat, longitude: lon }) * 1000 * detour();
    });
    response.end(JSON.stringify({ code: 'Ok', distances: [row], sources: [{}], destinations: points.map(() => ({})) }));
  });
  return { server, requests };
}

const sites = [
  { id: 'ott', latitude: 45.42, longitude: -75.7, provinceCode: 'ON', active: true },
  { id: 'mtl', latitude: 45.5, longitude: -73.57, provinceCode: 'QC', active: true },
  { id: 'syd', latitude: 46.14, longitude: -60.19, provinceCode: 'NS', active: true },
];
const communities = listCanadianPlaces().filter((p) => ['ON', 'QC', 'NS', 'NL'].includes(p.provinceCode)).slice(0, 300);

describe('coverage by road through an OSRM server', () => {
  let detour = 1;
  const fake = fakeOsrm(() => detour);
  let url: string;
  let t: TestApp;
  before(async () => {
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(fake.server.address() as { port: number }).port}`;
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000', ROUTING_URL: url } });
  });
  after(async () => {
    await t.close();
    fake.server.close();
  });

  test('with roads as straight as the crow flies, it agrees with the straight-line coverage', async () => {
    detour = 1;
    const options = { sites, communities, radiusKm: 80 };
    const road = await computeRoadCoverage(options, createOsrmRouting({ url }));
    const straight = computeCoverage(options);
    // The only difference: Newfoundland, which the fake's strait cuts off from Sydney's site.
    const nl = (c: typeof road) => c.byProvince.find((p) => p.provinceCode === 'NL');
    assert.deepEqual(road.byProvince.filter((p) => p.provinceCode !== 'NL'), straight.byProvince.filter((p) => p.provinceCode !== 'NL'));
    assert.ok((nl(road)?.populationCovered ?? 0) <= (nl(straight)?.populationCovered ?? 0));
  });

  test('with winding roads, fewer people are within reach, and only nearby sites are asked about', async () => {
    detour = 1.6;
    const before = fake.requests.length;
    const options = { sites, communities, radiusKm: 80 };
    const road = await computeRoadCoverage(options, createOsrmRouting({ url }));
    assert.ok(road.populationCovered < computeCoverage(options).populationCovered);
    const asked = fake.requests.slice(before);
    assert.ok(asked.length > 0 && asked.length < communities.length, 'communities with no site within the radius need no request');
    assert.ok(asked.every((u) => u.split(';').length <= 6), 'at most five sites per community');
  });

  test('through the API and the page, in both languages; a failing engine is a clear 503, not a 500', async () => {
    detour = 1.3;
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/coverage?radiusKm=50&distance=road&service=passport' });
    assert.equal(api.statusCode, 200);
    const straight = await t.app.inject({ method: 'GET', url: '/api/v1/coverage?radiusKm=50&service=passport' });
    assert.equal(api.json().distance, 'road');
    assert.ok(api.json().populationCovered < straight.json().populationCovered);
    detour = -1;
    const down = await t.app.inject({ method: 'GET', url: '/api/v1/coverage?radiusKm=50&distance=road', headers: { 'accept-language': 'fr' } });
    assert.equal(down.statusCode, 503);
    assert.match(down.json().message, /moteur d’itinéraires n’a pas répondu/);
  });
});

test('without a routing engine, asking for road distances is a clear 400', async () => {
  const t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
  try {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/coverage?radiusKm=50&distance=road' });
    assert.equal(response.statusCode, 400);
    assert.match(response.json().fields.distance, /need a routing engine/);
  } finally {
    await t.close();
  }
});
