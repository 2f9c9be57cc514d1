import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JURISDICTIONS, SERVICE_POINT_TYPES } from '../../../platform/db/tables.js';
import { generateDemoNetwork } from '../demo/generate.js';
import { parseServicePoints, type ParseResult } from './parse.js';
import { toCsv, toGeoJson, type ServicePointData } from './serialize.js';

const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];
const OTTAWA: ServicePointData = {
  externalId: 'SCC-ON-001', nameEn: 'Ottawa Centre, "Downtown"', nameFr: 'Centre d’Ottawa — Île, Élan', type: 'scc', provinceCode: 'ON',
  latitude: 45.4215, longitude: -75.6972, services: ['passport', 'sin'], jurisdiction: 'federal',
  partner: null, address: '1 rue Principale\nBureau 2', postalCode: 'K1A 0B1', timeZone: 'America/Toronto',
};

const withoutLines = (result: ParseResult): ServicePointData[] => {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems.slice(0, 5)));
  return result.records.map(({ line: _line, ...record }) => record);
};
const viaCsv = (records: ServicePointData[]) => withoutLines(parseServicePoints({ content: toCsv(records), format: 'csv', knownProvinces: PROVINCES }));
const viaGeoJson = (records: ServicePointData[]) =>
  withoutLines(parseServicePoints({ content: JSON.stringify(toGeoJson(records)), format: 'geojson', knownProvinces: PROVINCES }));

test('CSV: a header in import order, services joined by semicolons, empty cells for none, quotes where needed', () => {
  assert.equal(
    toCsv([OTTAWA]),
    'external_id,name_en,name_fr,type,province,latitude,longitude,services,jurisdiction,partner,address,postal_code,time_zone\n' +
      'SCC-ON-001,"Ottawa Centre, ""Downtown""","Centre d’Ottawa — Île, Élan",scc,ON,45.4215,-75.6972,passport;sin,federal,,"1 rue Principale\nBureau 2",K1A 0B1,America/Toronto\n',
  );
  assert.equal(toCsv([]), 'external_id,name_en,name_fr,type,province,latitude,longitude,services,jurisdiction,partner,address,postal_code,time_zone\n');
});

test('GeoJSON: a FeatureCollection of Points [longitude, latitude], properties named like the CSV columns', () => {
  assert.deepEqual(toGeoJson([OTTAWA]), {
    type: 'FeatureCollection',
    features: [{
      type: 'Feature',
      id: 'SCC-ON-001',
      geometry: { type: 'Point', coordinates: [-75.6972, 45.4215] },
      properties: {
        external_id: 'SCC-ON-001', name_en: 'Ottawa Centre, "Downtown"', name_fr: 'Centre d’Ottawa — Île, Élan', type: 'scc', province: 'ON',
        services: 'passport;sin', jurisdiction: 'federal', partner: null, address: '1 rue Principale\nBureau 2', postal_code: 'K1A 0B1', time_zone: 'America/Toronto',
      },
    }],
  });
});

// Text as people type it: accents, punctuation, quotes, commas, line breaks; never padded, since the parser trims.
const text = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'aZé É Î,;"\'’«»-–.()&/\n0123456789'.split('')), minLength: 1, maxLength: max })
    .filter((value) => value === value.trim() && value !== '');
const letter = (letters: string) => fc.constantFrom(...letters.split(''));
const digit = fc.integer({ min: 0, max: 9 });
const postalCode = fc
  .tuple(letter('ABCEGHJKLMNPRSTVXY'), digit, letter('ABCEGHJKLMNPRSTVWXYZ'), digit, letter('ABCEGHJKLMNPRSTVWXYZ'), digit)
  .map(([a, b, c, d, e, f]) => `${a}${b}${c} ${d}${e}${f}`);
// Within Canada, and never -0, which any text form writes as plain 0.
const degrees = (min: number, max: number) => fc.double({ min, max, noNaN: true }).map((value) => value + 0);
const servicePoint: fc.Arbitrary<ServicePointData> = fc.record({
  externalId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,100}$/),
  nameEn: text(200),
  nameFr: text(200),
  type: fc.constantFrom(...SERVICE_POINT_TYPES),
  provinceCode: fc.constantFrom(...PROVINCES),
  latitude: degrees(41.7, 83),
  longitude: degrees(-141, -52.7),
  services: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{1,39}$/), { minLength: 1, maxLength: 6 }),
  jurisdiction: fc.constantFrom(...JURISDICTIONS),
  partner: fc.option(text(200), { nil: null }),
  address: fc.option(text(500), { nil: null }),
  postalCode: fc.option(postalCode, { nil: null }),
  timeZone: fc.option(fc.constantFrom('America/Toronto', 'America/St_Johns', 'America/Regina', 'America/Whitehorse', 'UTC'), { nil: null }),
}).map((point) => ({ ...point })); // fc.record builds objects without a prototype; deepEqual would tell them apart
// An import of nothing is refused (no_rows), so a round trip needs at least one point.
const servicePoints = fc.uniqueArray(servicePoint, { minLength: 1, maxLength: 8, selector: (point) => point.externalId });

test('CSV round trip: parse(toCsv(points)) gives the points back', () => {
  fc.assert(fc.property(servicePoints, (points) => assert.deepEqual(viaCsv(points), points)), { numRuns: 300 });
});

test('GeoJSON round trip: parse(toGeoJson(points)) gives the points back', () => {
  fc.assert(fc.property(servicePoints, (points) => assert.deepEqual(viaGeoJson(points), points)), { numRuns: 300 });
});

test('the demo network exports and imports again unchanged, in both formats', () => {
  const points: ServicePointData[] = generateDemoNetwork().map((point) => ({
    externalId: point.code, nameEn: point.nameEn, nameFr: point.nameFr, type: point.type, provinceCode: point.provinceCode,
    latitude: point.latitude, longitude: point.longitude, services: point.services, jurisdiction: 'federal',
    partner: null, address: point.addressLine || null, postalCode: point.postalCode, timeZone: point.timeZone,
  }));
  assert.deepEqual(viaCsv(points), points);
  assert.deepEqual(viaGeoJson(points), points);
});
