import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { createUser, signIn, type CookieJar } from '../../../../test/helpers/http.js';
import { loadConfig } from '../../../platform/config.js';
import { provinceBoundaries } from './basemap.js';
import { boundsOf, layOutMap, type MapPoint } from './layout.js';

const point = (id: string, latitude: number, longitude: number, extra: Partial<MapPoint> = {}): MapPoint => ({
  id,
  code: id,
  nameEn: `Site ${id}`,
  nameFr: `Site ${id}`,
  type: 'scc',
  status: 'open',
  jurisdiction: 'federal',
  provinceCode: 'ON',
  latitude,
  longitude,
  yearlyVolume: 1000,
  partnerTypes: [],
  ...extra,
});

describe('the basemap and the layout', () => {
  test('ships every province and territory, and their boxes hold their capitals', () => {
    const country = provinceBoundaries('country');
    assert.deepEqual(country.features.map((f) => f.properties.provinceCode).sort(), ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
    const [w, s, e, n] = boundsOf(country, 'QC');
    assert.ok(w < -71.2 && e > -71.2 && s < 46.8 && n > 46.8, 'Québec City is inside Quebec');
    const all = boundsOf(country);
    assert.ok(all[0] < -140 && all[2] > -53 && all[1] < 42 && all[3] > 82, 'the country spans coast to coast to coast');
  });

  test('projects points inside the map, west to the left and north up', () => {
    const layout = layOutMap({ points: [point('van', 49.28, -123.12), point('hfx', 44.65, -63.57), point('iqa', 63.75, -68.52)], boundaries: provinceBoundaries('country'), sizeByVolume: false, width: 800, height: 600 });
    const at = (id: string) => layout.markers.find((m) => m.kind === 'site' && m.point.id === id)!;
    for (const m of layout.markers) assert.ok(m.x >= 0 && m.x <= 800 && m.y >= 0 && m.y <= 600);
    assert.ok(at('van').x < at('hfx').x, 'Vancouver is west of Halifax');
    assert.ok(at('iqa').y < at('hfx').y, 'Iqaluit is north of Halifax');
    assert.equal(layout.boundaries.length, 13);
  });

  test('groups crowded points into clusters that count them all and link to their box', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => point(`m${i}`, 45.5 + i * 0.05, -73.6 + i * 0.05));
    const layout = layOutMap({ points: [...crowd, point('far', 60.7, -135.05, { provinceCode: 'YT' })], boundaries: provinceBoundaries('country'), sizeByVolume: false, width: 800, height: 600 });
    const clusters = layout.markers.filter((m) => m.kind === 'cluster');
    const sites = layout.markers.filter((m) => m.kind === 'site');
    assert.equal(clusters.reduce((n, c) => n + (c.kind === 'cluster' ? c.count : 0), 0) + sites.length, 13, 'every point is drawn once');
    const montreal = clusters[0]!;
    assert.ok(montreal.kind === 'cluster' && montreal.bbox[0] < -73.6 && montreal.bbox[2] > -73.05);
    const zoomed = layOutMap({ points: crowd, boundaries: provinceBoundaries('region'), bbox: montreal.kind === 'cluster' ? montreal.bbox : undefined, sizeByVolume: false, width: 800, height: 600 });
    assert.ok(zoomed.markers.filter((m) => m.kind === 'site').length > 0, 'zooming in splits the cluster');
  });

  test('sizes sites by volume when asked', () => {
    const layout = layOutMap({ points: [point('a', 45, -75, { yearlyVolume: 100 }), point('b', 50, -100, { yearlyVolume: 10_000 })], boundaries: provinceBoundaries('country'), sizeByVolume: true, width: 800, height: 600 });
    const r = (id: string) => layout.markers.find((m) => m.kind === 'site' && m.point.id === id)!.r;
    assert.ok(r('b') > r('a'));
  });

  test('with a tile server, lists the tiles that cover the map, in its zoom, aligned to 256 pixels', () => {
    const layout = layOutMap({ points: [point('ott', 45.42, -75.7)], boundaries: provinceBoundaries('region'), bbox: [-76.5, 45, -75, 45.8], sizeByVolume: false, width: 800, height: 600, tileUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
    assert.ok(layout.tiles.length >= 6);
    const zooms = new Set(layout.tiles.map((t) => t.href.split('/')[3]));
    assert.equal(zooms.size, 1);
    const xs = [...new Set(layout.tiles.map((t) => t.x))].sort((a, b) => a - b);
    assert.equal(xs[1]! - xs[0]!, 256);
  });
});

describe('the network map page', () => {
  let t: TestApp;
  let jar: CookieJar;
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'partner', 'mp@test.example');
    ({ jar } = await signIn(t.app, 'mp@test.example'));
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });

  test('needs a signed-in user, partners included', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/network/map' })).statusCode, 303);
    assert.equal((await get('/en/network/map')).statusCode, 200);
  });

  test('draws the demo network in both languages, with the same sites in the list as on the map', async () => {
    for (const url of ['/en/network/map', '/fr/reseau/carte']) {
      const page = await get(url);
      assert.equal(page.statusCode, 200);
      const svg = page.body.match(/<svg viewBox[\s\S]*?<\/svg>/)![0];
      const inClusters = [...svg.matchAll(/aria-label="(\d+) sites? (?:close together|rapprochés)/g)].reduce((n, m) => n + Number(m[1]), 0);
      const sites = [...svg.matchAll(/<a href="\/(?:en|fr)\/(?:service-points|points-de-service)\//g)].length;
      const rows = page.body.match(/<tbody>[\s\S]*<\/tbody>/)![0].split('<tr').length - 1;
      assert.ok(inClusters > 0 && sites > 0, 'clusters and sites are links');
      assert.equal(inClusters + sites, rows, 'every site listed is on the map, once');
      assert.ok(rows > 500, `the demo network is shown (${rows})`);
      assert.match(page.body, url.startsWith('/en') ? /groups of nearby sites/ : /groupes de sites voisins/);
    }
  });

  test('layers filter the sites, and a province zooms the map', async () => {
    const passports = await get('/en/network/map?layers=1&type=passport_site&status=open&status=reactivated&jurisdiction=federal');
    const rows = passports.body.match(/<tbody>[\s\S]*<\/tbody>/)![0];
    assert.equal((rows.match(/<tr/g) ?? []).length, 21, 'the 21 passport service sites');
    assert.doesNotMatch(rows, /Service Canada Centre</);
    const quebec = await get('/en/network/map?layers=1&region=QC&type=scc&status=open&jurisdiction=federal');
    assert.equal(quebec.statusCode, 200);
    const provinces = [...quebec.body.match(/<tbody>[\s\S]*<\/tbody>/)![0].matchAll(/<td>([A-Z]{2})<\/td>/g)].map((m) => m[1]);
    // The province's box: Quebec's sites, and its neighbours' that fall inside it.
    assert.ok(provinces.length > 10 && provinces.filter((p) => p === 'QC').length / provinces.length > 0.5, 'mostly Quebec sites');
    assert.ok(!provinces.includes('BC') && !provinces.includes('AB'));
  });

  test('a bad area or service is a clear 400 in the page language, never a 500', async () => {
    const bad = await get('/fr/reseau/carte?bbox=1,2,3');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /quatre nombres/);
    const inverted = await get('/en/network/map?bbox=-70,50,-80,40');
    assert.equal(inverted.statusCode, 400);
    const service = await get('/en/network/map?layers=1&service=nope&type=scc');
    assert.equal(service.statusCode, 400);
  });

  test('the public results carry a small map for scripts to show, and the map numbers the results as the list does', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Rimouski&service=passport' });
    const src = /data-src="([^"]+)"/.exec(page.body)![1]!.replaceAll('&amp;', '&');
    assert.match(page.body, /<div id="results-map"[^>]* hidden=""/);
    const svg = await t.app.inject({ method: 'GET', url: src });
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    const codes = new URL(src, 'http://x').searchParams.get('codes')!.split(',');
    assert.equal([...svg.body.matchAll(/<circle /g)].length, codes.length);
    assert.match(svg.body, new RegExp(`>${codes.length}</text>`));
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/results-map.svg?lat=45&lon=-75&codes=NOPE-1', headers: { 'accept-language': 'fr' } });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /./);
    for (const bad of ['lat=95&lon=-75&codes=A', 'lat=45&lon=-75', 'lat=x&lon=-75&codes=A', `lat=45&lon=-75&codes=${Array.from({ length: 21 }, (_, i) => `A${i}`).join(',')}`]) {
      assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/service-points/results-map.svg?${bad}` })).statusCode, 400, bad);
    }
  });
});

test('with a tile server configured, the map draws its tiles, credits it, and the page allows its images', async () => {
  const t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000', MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© OpenStreetMap contributors' } });
  try {
    await createUser(t.database, 'analyst', 'analyst@test.example');
    const { jar } = await signIn(t.app, 'analyst@test.example');
    const page = await t.app.inject({ method: 'GET', url: '/en/network/map?region=NS', headers: { cookie: jar.header() } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<image href="https:\/\/tiles\.example\.org\/\d+\/\d+\/\d+\.png"/);
    assert.match(page.body, /© OpenStreetMap contributors/);
    assert.match(String(page.headers['content-security-policy']), /img-src 'self' data: https:\/\/tiles\.example\.org/);
  } finally {
    await t.close();
  }
});

test('a tile server without its credit is refused at start', () => {
  assert.throws(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' }), /MAP_TILE_ATTRIBUTION is required/);
});
