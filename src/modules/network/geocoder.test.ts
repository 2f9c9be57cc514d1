import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createNominatimGeocoder, createPostalCodeGeocoder, listPostalAreas, parsePostalCode } from './geocoder.js';

describe('postal codes, offline', () => {
  test('parses codes in any case and spacing, and refuses letters Canada Post never uses', () => {
    assert.deepEqual(parsePostalCode(' k1a0b1 '), { area: 'K1A', formatted: 'K1A 0B1' });
    assert.deepEqual(parsePostalCode('H2X'), { area: 'H2X', formatted: 'H2X' });
    for (const bad of ['D1A 0B1', 'K1A 0B', 'Kingston', '12345', 'W1A 1AA', 'K1O 0B1']) assert.equal(parsePostalCode(bad), null, bad);
  });

  test('knows the forward sortation areas of every province and territory', async () => {
    const areas = listPostalAreas();
    assert.ok(areas.size > 1500);
    const provinces = new Set([...areas.values()].map((a) => a.provinceCode));
    for (const code of ['NL', 'NS', 'PE', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU']) assert.ok(provinces.has(code), code);
    const ottawa = await createPostalCodeGeocoder().geocode('K1A 0B1', 'en');
    assert.ok(ottawa && Math.abs(ottawa.latitude - 45.42) < 0.3 && Math.abs(ottawa.longitude + 75.7) < 0.3 && ottawa.provinceCode === 'ON');
  });
});

describe('a configured Nominatim-compatible geocoder', () => {
  let server: http.Server;
  let url: string;
  const asked: URL[] = [];
  let t: TestApp;
  before(async () => {
    server = http.createServer((request, response) => {
      const u = new URL(request.url!, 'http://x');
      asked.push(u);
      response.setHeader('content-type', 'application/json');
      if (u.searchParams.get('q') === 'broken') return response.writeHead(500).end('{}');
      const found = u.searchParams.get('q')?.includes('Sussex') ? [{ lat: '45.4445', lon: '-75.6936', display_name: '24 Sussex Drive, Ottawa' }] : [];
      response.end(JSON.stringify(found));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000', GEOCODER_URL: url } });
  });
  after(async () => {
    await t.close();
    server.close();
  });

  test('speaks the search API, limited to Canada and to one answer in the asked language', async () => {
    const found = await createNominatimGeocoder({ url }).geocode('24 Sussex Drive', 'fr');
    assert.deepEqual(found, { latitude: 45.4445, longitude: -75.6936, label: '24 Sussex Drive, Ottawa', provinceCode: null });
    const last = asked.at(-1)!;
    assert.equal(last.pathname, '/search');
    assert.equal(last.searchParams.get('countrycodes'), 'ca');
    assert.equal(last.searchParams.get('format'), 'jsonv2');
    assert.equal(last.searchParams.get('accept-language'), 'fr');
    assert.equal(await createNominatimGeocoder({ url }).geocode('broken', 'en'), null, 'a failing geocoder is "not found"');
    assert.equal(await createNominatimGeocoder({ url: 'http://127.0.0.1:9/' }).geocode('anything', 'en'), null, 'an unreachable one too');
  });

  test('answers the public search when the shipped communities do not know the place', async () => {
    const before = asked.length;
    const known = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Rimouski' });
    assert.equal(known.statusCode, 200);
    assert.equal(asked.length, before, 'a shipped community never reaches the geocoder');
    const address = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=24+Sussex+Drive' });
    assert.equal(address.statusCode, 200);
    assert.match(address.body, /nearest service points to 24 Sussex Drive, Ottawa/);
    const nowhere = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Atlantis' });
    assert.equal(nowhere.statusCode, 400);
  });
});
