import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createI18n } from '../../../platform/i18n/index.js';
import { detectFormat, parseServicePoints, type ImportProblem, type ParseResult } from './parse.js';

const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'];
const HEADER = 'external_id,name_en,name_fr,type,province,latitude,longitude,services,jurisdiction,partner,address,postal_code,time_zone';
const MINIMAL = 'external_id,name_en,name_fr,type,province,latitude,longitude,services';

const parseCsv = (...lines: string[]): ParseResult => parseServicePoints({ content: lines.join('\n'), format: 'csv', knownProvinces: PROVINCES });
const parseGeoJson = (value: unknown): ParseResult =>
  parseServicePoints({ content: typeof value === 'string' ? value : JSON.stringify(value), format: 'geojson', knownProvinces: PROVINCES });
/** Problems as `line field code`, the shape a person reads in the report. */
const problemsOf = (result: ParseResult): string[] => {
  assert.equal(result.ok, false, 'expected problems');
  return result.ok ? [] : result.problems.map((p) => `${p.line} ${p.field} ${p.code.replace('network.import.error.', '')}`);
};
const recordsOf = (result: ParseResult) => {
  assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
  return result.records;
};
const only = (result: ParseResult): ImportProblem => {
  assert.ok(!result.ok && result.problems.length === 1, JSON.stringify(result));
  return result.problems[0]!;
};
const row = (overrides: Record<string, string> = {}): string =>
  HEADER.split(',').map((column) => overrides[column] ?? GOOD_ROW[column] ?? '').join(',');
const GOOD_ROW: Record<string, string> = {
  external_id: 'SCC-ON-001', name_en: 'Ottawa Centre', name_fr: 'Centre d’Ottawa', type: 'scc', province: 'ON',
  latitude: '45.4215', longitude: '-75.6972', services: 'passport;sin',
};

test('detectFormat goes by the extension, then by the first character', () => {
  assert.equal(detectFormat('points.CSV', '{'), 'csv');
  assert.equal(detectFormat('points.geojson', 'a,b'), 'geojson');
  assert.equal(detectFormat('points.json', ''), 'geojson');
  assert.equal(detectFormat('upload', '\uFEFF  \n {"type":"FeatureCollection"}'), 'geojson');
  assert.equal(detectFormat('upload.txt', 'external_id,name_en'), 'csv');
});

test('a good CSV gives normalised records with their file lines', () => {
  const records = recordsOf(parseCsv(
    HEADER,
    'SCC-ON-001,Ottawa Centre,Centre d’Ottawa,scc,on,45.4215,-75.6972, passport ; SIN;;sin ,,,,k1a0b1,america/toronto',
    '',
    'OUT.NU:7,Iqaluit outreach,Services mobiles d’Iqaluit,OUTREACH_SITE,NU,63.7467,-68.517,dental,ngo,Friendship Centre,1 Main St,X0A 0H0,America/Iqaluit',
  ));
  assert.deepEqual(records, [
    {
      externalId: 'SCC-ON-001', nameEn: 'Ottawa Centre', nameFr: 'Centre d’Ottawa', type: 'scc', provinceCode: 'ON',
      latitude: 45.4215, longitude: -75.6972, services: ['passport', 'sin'], jurisdiction: 'federal',
      partner: null, address: null, postalCode: 'K1A 0B1', timeZone: 'America/Toronto', line: 2,
    },
    {
      externalId: 'OUT.NU:7', nameEn: 'Iqaluit outreach', nameFr: 'Services mobiles d’Iqaluit', type: 'outreach_site', provinceCode: 'NU',
      latitude: 63.7467, longitude: -68.517, services: ['dental'], jurisdiction: 'ngo',
      partner: 'Friendship Centre', address: '1 Main St', postalCode: 'X0A 0H0', timeZone: 'America/Iqaluit', line: 4,
    },
  ]);
});

test('only the minimal columns are needed; header names are matched in any case and extra columns are ignored', () => {
  const [record] = recordsOf(parseCsv('Notes,' + MINIMAL.toUpperCase(), 'call first,A-1,Name,Nom,scc,QC,46.81,-71.21,sin'));
  assert.deepEqual(record, {
    externalId: 'A-1', nameEn: 'Name', nameFr: 'Nom', type: 'scc', provinceCode: 'QC', latitude: 46.81, longitude: -71.21,
    services: ['sin'], jurisdiction: 'federal', partner: null, address: null, postalCode: null, timeZone: null, line: 2,
  });
});

test('a BOM and CRLF line ends are handled, and a quoted line break keeps later lines right', () => {
  const content = `\uFEFF${HEADER}\r\n${row({ address: '"1 rue Principale\r\nBureau 2"' })}\r\n\r\n${row({ external_id: 'B' })}\r\n`;
  const records = recordsOf(parseServicePoints({ content, format: 'csv', knownProvinces: PROVINCES }));
  assert.deepEqual(records.map((r) => [r.externalId, r.line, r.address]), [
    ['SCC-ON-001', 2, '1 rue Principale\nBureau 2'],
    ['B', 5, null],
  ]);
});

test('quoted fields keep their commas, quotes and accents', () => {
  const [record] = recordsOf(parseCsv(HEADER, row({
    name_en: '"Service Canada Centre, Trois-Rivières"',
    name_fr: '"Centre Service Canada — Île-des-Sœurs, « Élan » ""Î"""',
    partner: '"Ville de Montréal, Québec"',
  })));
  assert.equal(record?.nameEn, 'Service Canada Centre, Trois-Rivières');
  assert.equal(record?.nameFr, 'Centre Service Canada — Île-des-Sœurs, « Élan » "Î"');
  assert.equal(record?.partner, 'Ville de Montréal, Québec');
});

test('a bad file lists every problem, with its line and field', () => {
  const result = parseCsv(
    HEADER,
    row(),
    row({ external_id: 'bad id', name_en: '', type: 'kiosk', province: 'ZZ', latitude: 'abc', longitude: '200' }),
    row({ external_id: 'C', services: 'passport;Passport Pickup', jurisdiction: 'state', postal_code: '12345', time_zone: 'Mars/Base' }),
    row({ external_id: 'D', latitude: '-75.6972', longitude: '45.4215', services: ';;' }),
  );
  assert.deepEqual(problemsOf(result), [
    '3 external_id external_id_characters', '3 name_en missing_value', '3 type type_unknown', '3 province province_unknown',
    '3 latitude latitude_invalid', '3 longitude longitude_out_of_range',
    '4 services service_code_invalid', '4 jurisdiction jurisdiction_unknown', '4 postal_code postal_code_invalid', '4 time_zone time_zone_invalid',
    '5 latitude outside_canada', '5 services services_empty',
  ]);
  const type = !result.ok ? result.problems.find((p) => p.field === 'type') : undefined;
  assert.deepEqual(type?.values, { value: 'kiosk', allowed: 'scc, scc_consolidated, passport_site, outreach_site, partnership_site', unit: 'line', line: 3 });
});

test('a repeated external id is reported on each later line, with the first line', () => {
  const result = parseCsv(HEADER, row(), row({ external_id: 'B' }), row(), row());
  assert.deepEqual(problemsOf(result), ['4 external_id duplicate_external_id', '5 external_id duplicate_external_id']);
  assert.ok(!result.ok);
  assert.deepEqual(result.problems[0]?.values, { value: 'SCC-ON-001', firstLine: 2, unit: 'line', line: 4 });
});

test('missing columns are reported once on line 1, not again on every row', () => {
  assert.deepEqual(problemsOf(parseCsv('external_id,name_en,type,latitude,longitude,services,services', 'A,Name,scc,45,-75,sin,ei')), [
    '1 name_fr missing_column', '1 province missing_column', '1 services duplicate_column',
  ]);
});

test('an empty file, a header alone and a semicolon-separated file each get their own message', () => {
  assert.equal(only(parseCsv('')).code, 'network.import.error.empty_file');
  assert.equal(only(parseCsv(' \n\n')).code, 'network.import.error.empty_file');
  assert.equal(only(parseCsv(HEADER)).code, 'network.import.error.no_rows');
  assert.equal(only(parseCsv(MINIMAL.replaceAll(',', ';'), 'A;B;C;scc;ON;45;-75;sin')).code, 'network.import.error.wrong_delimiter');
});

test('broken CSV rows are all reported and the other rows are still checked', () => {
  const result = parseCsv(MINIMAL, 'A,B,C,scc,ON,45,-75', 'B,B,C,scc,ON,45,-75,sin,extra', 'C,B,C,kiosk,ON,45,-75,sin', 'D,"B"x,C,scc,ON,45,-75,sin');
  assert.deepEqual(problemsOf(result), ['2  csv_column_count', '3  csv_column_count', '4 type type_unknown', '5  csv_quotes']);
  assert.ok(!result.ok);
  assert.deepEqual(result.problems[0]?.values, { expected: 8, actual: 7, line: 2 });
});

test('an unclosed quote is reported at the line where the file ends', () => {
  assert.deepEqual(problemsOf(parseCsv(MINIMAL, 'A,"B,C,scc,ON,45,-75,sin', 'B,B,C,scc,ON,45,-75,sin')), ['3  csv_quotes']);
  assert.deepEqual(problemsOf(parseCsv('external_id,"name_en', 'A,B')), ['2  csv_quotes']);
});

test('more rows than allowed is reported at the first row over the limit', () => {
  const result = parseServicePoints({
    content: [HEADER, row(), row({ external_id: 'B' }), row({ external_id: 'C' })].join('\n'), format: 'csv', knownProvinces: PROVINCES, maxRows: 2,
  });
  assert.deepEqual(only(result), { line: 4, field: '', code: 'network.import.error.too_many_rows', values: { max: 2, line: 4 } });
});

test('lengths: external id up to 100, names up to 200', () => {
  assert.ok(parseCsv(HEADER, row({ external_id: 'x'.repeat(100), name_en: 'é'.repeat(200) })).ok);
  const result = parseCsv(HEADER, row({ external_id: 'x'.repeat(101), name_fr: 'é'.repeat(201) }));
  assert.deepEqual(problemsOf(result), ['2 external_id too_long', '2 name_fr too_long']);
  assert.ok(!result.ok);
  assert.deepEqual(result.problems[1]?.values, { column: 'name_fr', max: 200, length: 201, unit: 'line', line: 2 });
});

test('coordinates must be plain decimal degrees in range', () => {
  const problem = (latitude: string, longitude: string) => only(parseCsv(HEADER, row({ latitude, longitude }))).code.replace('network.import.error.', '');
  assert.equal(problem('"45,42"', '-75.69'), 'latitude_invalid');
  assert.equal(problem('45.42', 'Infinity'), 'longitude_invalid');
  assert.equal(problem('0x2D', '-75.69'), 'latitude_invalid');
  assert.equal(problem('91', '-75.69'), 'latitude_out_of_range');
  assert.equal(problem('45.42', '75.69'), 'outside_canada');
  assert.deepEqual(recordsOf(parseCsv(HEADER, row({ latitude: '+4.542e1', longitude: '-75.' })))[0]?.latitude, 45.42);
});

test('services: well-formed codes pass even when the catalogue lacks them; malformed ones are each reported', () => {
  assert.deepEqual(recordsOf(parseCsv(HEADER, row({ services: 'passport; brand_new_service ;PASSPORT' })))[0]?.services, ['passport', 'brand_new_service']);
  assert.deepEqual(problemsOf(parseCsv(HEADER, row({ services: 'x;passport;2fa;prêt' }))), [
    '2 services service_code_invalid', '2 services service_code_invalid', '2 services service_code_invalid',
  ]);
});

test('postal codes follow Canada Post and are written A1A 1A1', () => {
  assert.equal(recordsOf(parseCsv(HEADER, row({ postal_code: 'h3z 2y7' })))[0]?.postalCode, 'H3Z 2Y7');
  for (const postalCode of ['D1A 1A1', 'K1A-0B1', 'K1A 0B', '90210']) {
    assert.equal(only(parseCsv(HEADER, row({ postal_code: postalCode }))).code, 'network.import.error.postal_code_invalid', postalCode);
  }
});

test('time zones are checked against the IANA database', () => {
  assert.equal(recordsOf(parseCsv(HEADER, row({ time_zone: 'America/St_Johns' })))[0]?.timeZone, 'America/St_Johns');
  assert.deepEqual(only(parseCsv(HEADER, row({ time_zone: 'Eastern' }))).values, { value: 'Eastern', unit: 'line', line: 2 });
});

// ── GeoJSON ────────────────────────────────────────────────────────────────────────────────

const feature = (properties: Record<string, unknown>, geometry: unknown = { type: 'Point', coordinates: [-75.6972, 45.4215] }) => ({
  type: 'Feature', geometry, properties: { ...GOOD_ROW, latitude: undefined, longitude: undefined, ...properties },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

test('a good GeoJSON file takes its coordinates from the Point and numbers features from 1', () => {
  const records = recordsOf(parseGeoJson(collection(
    feature({ province: 'on', services: ['passport', 'SIN'], postal_code: 'k1a 0b1', partner: null }),
    feature({ external_id: 42, type: 'Passport_Site', latitude: 1, longitude: 2 }, { type: 'Point', coordinates: [-123.1207, 49.2827, 70] }),
  )));
  assert.deepEqual(records, [
    {
      externalId: 'SCC-ON-001', nameEn: 'Ottawa Centre', nameFr: 'Centre d’Ottawa', type: 'scc', provinceCode: 'ON',
      latitude: 45.4215, longitude: -75.6972, services: ['passport', 'sin'], jurisdiction: 'federal',
      partner: null, address: null, postalCode: 'K1A 0B1', timeZone: null, line: 1,
    },
    {
      externalId: '42', nameEn: 'Ottawa Centre', nameFr: 'Centre d’Ottawa', type: 'passport_site', provinceCode: 'ON',
      latitude: 49.2827, longitude: -123.1207, services: ['passport', 'sin'], jurisdiction: 'federal',
      partner: null, address: null, postalCode: null, timeZone: null, line: 2,
    },
  ]);
});

test('without a geometry, latitude and longitude properties stand in; a BOM is skipped', () => {
  const content = `\uFEFF${JSON.stringify(collection(feature({ latitude: '45.5', longitude: -73.56 }, null)))}`;
  assert.deepEqual(recordsOf(parseGeoJson(content)).map((r) => [r.latitude, r.longitude]), [[45.5, -73.56]]);
});

test('GeoJSON problems are numbered by feature and say so', () => {
  const result = parseGeoJson(collection(
    feature({}),
    'not a feature',
    feature({ external_id: 'C', name_fr: { fr: 'Nom' } }, { type: 'LineString', coordinates: [[-75, 45], [-76, 46]] }),
    feature({ external_id: 'D' }, null),
    feature({ external_id: 'E', type: 'kiosk' }),
    feature({}),
  ));
  assert.deepEqual(problemsOf(result), [
    '2  feature_invalid', '3 name_fr not_text', '3 geometry geometry_invalid', '4 geometry geometry_missing',
    '5 type type_unknown', '6 external_id duplicate_external_id',
  ]);
  assert.ok(!result.ok);
  assert.deepEqual(result.problems.at(-1)?.values, { value: 'SCC-ON-001', firstLine: 1, unit: 'feature', line: 6 });
});

test('a file that is not JSON, or not a FeatureCollection, is refused as a whole', () => {
  assert.deepEqual(only(parseGeoJson('{\n  "type": "FeatureCollection",\n  "features": [,]\n}')), {
    line: 3, field: '', code: 'network.import.error.json_invalid', values: { line: 3 },
  });
  assert.equal(only(parseGeoJson('')).code, 'network.import.error.json_invalid');
  assert.equal(only(parseGeoJson({ type: 'Feature', properties: {} })).code, 'network.import.error.not_feature_collection');
  assert.equal(only(parseGeoJson([])).code, 'network.import.error.not_feature_collection');
  assert.equal(only(parseGeoJson(collection())).code, 'network.import.error.no_rows');
});

// ── Whatever comes in ──────────────────────────────────────────────────────────────────────

test('every problem code the parser knows is produced here, and reads well in both languages', () => {
  const i18n = createI18n();
  const results = [
    parseCsv(
      HEADER,
      row({ external_id: 'x y', name_en: 'n'.repeat(201), name_fr: '', type: 'kiosk', province: 'ZZ', latitude: 'abc', longitude: '181', services: ';' }),
      row({ external_id: 'x y', latitude: '91', longitude: 'west', services: 'Bad Code', jurisdiction: 'state', postal_code: '123', time_zone: 'Nowhere' }),
      row({ external_id: 'Z', longitude: '75.69' }),
      row({ external_id: 'Y', name_en: 'x'.repeat(130_000) }),
    ),
    parseCsv(MINIMAL, 'A,B', 'A,"B'), parseCsv('name_en,name_en'), parseCsv(''), parseCsv('a;b'), parseCsv(HEADER),
    parseGeoJson(collection(1, feature({ name_en: [] }, { type: 'Point' }), feature({}, null))), parseGeoJson('{'), parseGeoJson('[]'),
    parseServicePoints({ content: [HEADER, row(), row({ external_id: 'B' })].join('\n'), format: 'csv', knownProvinces: PROVINCES, maxRows: 1 }),
  ];
  const problems = results.flatMap((result) => (result.ok ? [] : result.problems));
  // csv_unreadable is the fallback for csv-parse errors that no file is known to raise.
  const known = Object.keys(i18n.catalog.en).filter((key) => key.startsWith('network.import.error.') && !key.endsWith('.csv_unreadable'));
  assert.deepEqual([...new Set(problems.map((p) => p.code))].sort(), known.sort());
  for (const problem of problems) {
    for (const language of ['en', 'fr'] as const) {
      const message = i18n.translator(language)(problem.code, problem.values);
      assert.doesNotMatch(message, /\{|network\.import/, `${language} ${problem.code}: ${message}`);
      if (problem.values?.unit) assert.match(message, new RegExp(`^(Line|Feature|Ligne|Entité) ${problem.line}\\b`), message);
    }
  }
});

test('no input makes the parser throw, and a refusal always says why', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(HEADER, MINIMAL).chain((h) => fc.string().map((s) => `${h}\n${s}`)));
  fc.assert(
    fc.property(text, fc.constantFrom('csv' as const, 'geojson' as const), (content, format) => {
      const result = parseServicePoints({ content, format, knownProvinces: PROVINCES });
      return result.ok ? result.records.length > 0 : result.problems.length > 0;
    }),
    { numRuns: 500 },
  );
});
