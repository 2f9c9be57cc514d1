/**
 * Reading a file of service points (CSV or GeoJSON) into checked records. Pure: no I/O, no
 * database. Every problem in the file is reported at once, so that whoever prepared it can fix
 * it in one pass; a problem's code is an i18n key (network.import.error.*) and its values hold
 * everything the message needs, `line` included.
 */
import { parse as parseCsv, type Info } from 'csv-parse/sync';
import { JURISDICTIONS, SERVICE_POINT_TYPES, type Jurisdiction, type ServicePointType } from '../../../platform/db/tables.js';

export interface ServicePointRecord {
  externalId: string; nameEn: string; nameFr: string; type: ServicePointType; provinceCode: string;
  latitude: number; longitude: number; services: string[]; jurisdiction: Jurisdiction;
  partner: string | null; address: string | null; postalCode: string | null; timeZone: string | null;
  /** CSV: the file line where the row starts (the header is line 1). GeoJSON: the feature's position, from 1. */
  line: number;
}
/** `field` is a column (or `geometry`), empty for the whole file. */
export interface ImportProblem { line: number; field: string; code: string; values?: Record<string, string | number> }
export type ParseResult = { ok: true; records: ServicePointRecord[] } | { ok: false; problems: ImportProblem[] };

export const REQUIRED_COLUMNS = ['external_id', 'name_en', 'name_fr', 'type', 'province', 'latitude', 'longitude', 'services'] as const;
/** The columns of a CSV file, in export order; GeoJSON properties have the same names. */
export const COLUMNS = [...REQUIRED_COLUMNS, 'jurisdiction', 'partner', 'address', 'postal_code', 'time_zone'] as const;
export type Column = (typeof COLUMNS)[number];

const MAX_ROWS = 100_000;
const LIMITS = { external_id: 100, name_en: 200, name_fr: 200, partner: 200, address: 500 } as const;
const EXTERNAL_ID = /^[A-Za-z0-9._:-]+$/;
const SERVICE_CODE = /^[a-z][a-z0-9_]{1,39}$/;
// Canada Post never uses D, F, I, O, Q or U in a postal code, nor W or Z as its first letter.
const POSTAL_CODE = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]) ?(\d[ABCEGHJ-NPRSTV-Z]\d)$/i;
// Decimal degrees with a period: `Number()` alone would take '', '0x1F' or 'Infinity'.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
// A generous box around Canada: a point outside it is almost always a swapped pair or a lost minus sign.
const CANADA = { south: 41.5, north: 83.7, west: -141.5, east: -52 };
const QUOTE_ERRORS = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_CLOSING_QUOTE', 'INVALID_OPENING_QUOTE', 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE']);
const COLUMN_COUNT_ERRORS = new Set(['CSV_RECORD_INCONSISTENT_COLUMNS', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH']);

type Values = Record<string, string | number>;
/** Messages say "Line 4" for a CSV row and "Feature 4" for a GeoJSON feature. */
type Unit = 'line' | 'feature';
/** A row as read, before any check. `reported` holds fields already reported while reading, so no second message piles on. */
interface RawRow { line: number; values: Partial<Record<Column, string>>; reported: Set<string> }
interface ReadResult { rows: RawRow[]; problems: ImportProblem[] }
/** `timeZones` remembers each zone checked: building an Intl.DateTimeFormat per row would triple the time of a big file. */
interface Context { provinces: readonly string[]; unit: Unit; problems: ImportProblem[]; timeZones: Map<string, string | null> }
type Check = ReturnType<typeof rowCheck>;

export function detectFormat(fileName: string, content: string): 'csv' | 'geojson' {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  return content.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'geojson' : 'csv';
}

export function parseServicePoints(options: { content: string; format: 'csv' | 'geojson'; knownProvinces: readonly string[]; maxRows?: number }): ParseResult {
  const read = options.format === 'csv' ? readCsv(options.content) : readGeoJson(options.content);
  const problems = read.problems;
  const maxRows = options.maxRows ?? MAX_ROWS;
  const excess = read.rows[maxRows];
  if (excess) problems.push(problem(excess.line, '', 'network.import.error.too_many_rows', { max: maxRows }));
  if (read.rows.length === 0 && problems.length === 0) problems.push(problem(1, '', 'network.import.error.no_rows'));
  const unit: Unit = options.format === 'csv' ? 'line' : 'feature';
  const provinces = options.knownProvinces.map((code) => code.toUpperCase());
  const records = checkRows(read.rows.slice(0, maxRows), { provinces, unit, problems, timeZones: new Map() });
  // Stable: problems of one line stay in column order.
  problems.sort((a, b) => a.line - b.line);
  return problems.length === 0 ? { ok: true, records } : { ok: false, problems };
}

function problem(line: number, field: string, code: string, values: Values = {}): ImportProblem {
  return { line, field, code, values: { ...values, line } };
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

interface CsvRow { record: Record<string, string>; info: Info }

function readCsv(content: string): ReadResult {
  const problems: ImportProblem[] = [];
  let header: string[] = [];
  let parsed: CsvRow[] = [];
  // One broken quote can raise two errors on the same line: one message is enough.
  const report = (error: unknown) => {
    const found = csvProblem(error, header.length);
    const last = problems.at(-1);
    if (last?.line !== found.line || last.code !== found.code) problems.push(found);
  };
  try {
    // csv-parse counts a line break inside quotes as two lines when it is \r\n: one kind of break keeps line numbers right.
    parsed = parseCsv<CsvRow>(content.replace(/\r\n?/g, '\n'), {
      // A function rather than `true`: the header is kept even with no row under it, and names are matched in any case.
      columns: (names: string[]) => (header = names.map((name) => name.trim().toLowerCase())),
      bom: true, skip_empty_lines: true, trim: true, info: true,
      // Go on past a broken row, so that every broken row is reported, not only the first.
      skip_records_with_error: true,
      on_skip: (error) => void (error && report(error)),
    });
  } catch (error) {
    report(error);
  }
  // A header the parser could not read is already reported.
  if (header.length === 0 && problems.length > 0) return { rows: [], problems };
  problems.push(...checkHeader(header));
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  const rows = parsed.map(({ record, info }) => ({ line: startLine(record, info), values: record, reported: new Set<string>(missing) }));
  return { rows, problems };
}

function checkHeader(header: string[]): ImportProblem[] {
  if (header.every((name) => name === '')) return [problem(1, '', 'network.import.error.empty_file')];
  // A spreadsheet saved with semicolons or tabs gives one long column: say that, not "every column is missing".
  if (header.length === 1 && /[;\t]/.test(header[0] ?? '')) return [problem(1, '', 'network.import.error.wrong_delimiter')];
  const duplicates = new Set(header.filter((name, index) => name !== '' && header.indexOf(name) !== index));
  return [
    ...REQUIRED_COLUMNS.filter((column) => !header.includes(column)).map((column) => problem(1, column, 'network.import.error.missing_column', { column })),
    ...[...duplicates].map((column) => problem(1, column, 'network.import.error.duplicate_column', { column })),
  ];
}

/** `info.lines` is where a row ends; each line break inside a quoted value moves its start one line up. */
function startLine(record: Record<string, string>, info: Info): number {
  return Object.values(record).reduce((line, value) => line - (value.match(/\n/g)?.length ?? 0), info.lines);
}

function csvProblem(error: unknown, columns: number): ImportProblem {
  const { code, lines, record } = (error ?? {}) as { code?: unknown; lines?: unknown; record?: unknown };
  const line = typeof lines === 'number' ? lines : 1;
  if (typeof code === 'string' && COLUMN_COUNT_ERRORS.has(code) && Array.isArray(record)) {
    return problem(line, '', 'network.import.error.csv_column_count', { expected: columns, actual: record.length });
  }
  if (typeof code === 'string' && QUOTE_ERRORS.has(code)) return problem(line, '', 'network.import.error.csv_quotes');
  return problem(line, '', 'network.import.error.csv_unreadable');
}

// ── GeoJSON ─────────────────────────────────────────────────────────────────────────────────

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readGeoJson(content: string): ReadResult {
  const text = content.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { rows: [], problems: [problem(jsonErrorLine(error, text), '', 'network.import.error.json_invalid')] };
  }
  if (!isObject(data) || data.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return { rows: [], problems: [problem(1, '', 'network.import.error.not_feature_collection')] };
  }
  const problems: ImportProblem[] = [];
  // A GeoJSON file has no meaningful lines: a feature's "line" is its position in `features`, from 1.
  const rows = data.features.flatMap((feature: unknown, index: number) => readFeature(feature, index + 1, problems) ?? []);
  return { rows, problems };
}

/** Where JSON.parse stopped: Node gives a position, or quotes the ten characters either side ("...excerpt..."). */
function jsonErrorLine(error: unknown, text: string): number {
  const message = error instanceof Error ? error.message : '';
  const position = /at position (\d+)/.exec(message)?.[1];
  const excerpt = /, \.\.\."([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message)?.[1];
  const at = position ? Number(position) : excerpt && text.includes(excerpt) ? text.indexOf(excerpt) + 10 : /end of JSON/.test(message) ? text.length : 0;
  return text.slice(0, at).split('\n').length;
}

function readFeature(feature: unknown, line: number, problems: ImportProblem[]): RawRow | undefined {
  const report = (field: string, code: string, values: Values = {}) => problems.push(problem(line, field, code, { ...values, unit: 'feature' }));
  if (!isObject(feature) || feature.type !== 'Feature' || !(feature.properties == null || isObject(feature.properties))) {
    report('', 'network.import.error.feature_invalid');
    return undefined;
  }
  const properties = isObject(feature.properties) ? feature.properties : {};
  const row: RawRow = { line, values: {}, reported: new Set() };
  for (const column of COLUMNS) {
    const value = propertyText(properties[column], column);
    if (value !== undefined) row.values[column] = value;
    else {
      report(column, 'network.import.error.not_text', { column });
      row.reported.add(column);
    }
  }
  readPoint(feature.geometry, row, report);
  return row;
}

function propertyText(value: unknown, column: Column): string | undefined {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // Services may also come as a JSON list of codes.
  if (column === 'services' && Array.isArray(value) && value.every((code) => typeof code === 'string')) return value.join(';');
  return undefined;
}

/** The Point geometry gives the coordinates; with no geometry at all, latitude and longitude properties may stand in. */
function readPoint(geometry: unknown, row: RawRow, report: (field: string, code: string) => void): void {
  const point = isObject(geometry) && geometry.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
  const [longitude, latitude] = point as unknown[];
  if (Number.isFinite(longitude) && Number.isFinite(latitude)) {
    Object.assign(row.values, { latitude: String(latitude), longitude: String(longitude) });
    return;
  }
  if (geometry == null && row.values.latitude?.trim() && row.values.longitude?.trim()) return;
  report('geometry', geometry == null ? 'network.import.error.geometry_missing' : 'network.import.error.geometry_invalid');
  row.reported.add('latitude').add('longitude');
}

// ── Checks ──────────────────────────────────────────────────────────────────────────────────

function checkRows(rows: RawRow[], context: Context): ServicePointRecord[] {
  const firstLines = new Map<string, number>();
  const records: ServicePointRecord[] = [];
  for (const row of rows) {
    const check = rowCheck(row, context);
    const record = checkRow(row.line, check, context);
    if (record) records.push(record);
    const id = check.text('external_id');
    const firstLine = firstLines.get(id);
    if (firstLine !== undefined) check.report('external_id', 'network.import.error.duplicate_external_id', { value: id, firstLine });
    else if (id !== '') firstLines.set(id, row.line);
  }
  return records;
}

function rowCheck(row: RawRow, context: Context) {
  const text = (column: Column) => row.values[column]?.trim() ?? '';
  const report = (field: string, code: string, values: Values = {}) => {
    if (!row.reported.has(field)) context.problems.push(problem(row.line, field, code, { ...values, unit: context.unit }));
  };
  const required = (column: Column) => {
    const value = text(column);
    if (value === '') report(column, 'network.import.error.missing_value', { column });
    return value;
  };
  return { text, required, report };
}

/** Each check reports what is wrong and returns a value of the right type; a row with any problem gives no record. */
function checkRow(line: number, check: Check, context: Context): ServicePointRecord | undefined {
  const before = context.problems.length;
  const record: ServicePointRecord = {
    externalId: checkExternalId(check),
    nameEn: checkLength(check, 'name_en', check.required('name_en')),
    nameFr: checkLength(check, 'name_fr', check.required('name_fr')),
    type: checkChoice(check, 'type', 'network.import.error.type_unknown', SERVICE_POINT_TYPES, check.required('type')),
    provinceCode: checkChoice(check, 'province', 'network.import.error.province_unknown', context.provinces, check.required('province'), (v) => v.toUpperCase()),
    ...checkCoordinates(check),
    services: checkServices(check),
    jurisdiction: checkChoice(check, 'jurisdiction', 'network.import.error.jurisdiction_unknown', JURISDICTIONS, check.text('jurisdiction') || 'federal'),
    partner: checkLength(check, 'partner', check.text('partner')) || null,
    address: checkLength(check, 'address', check.text('address')) || null,
    postalCode: checkPostalCode(check),
    timeZone: checkTimeZone(check, context.timeZones),
    line,
  };
  return context.problems.length === before ? record : undefined;
}

function checkLength(check: Check, column: keyof typeof LIMITS, value: string): string {
  const max = LIMITS[column];
  if (value.length > max) check.report(column, 'network.import.error.too_long', { column, max, length: value.length });
  return value;
}

function checkExternalId(check: Check): string {
  const value = checkLength(check, 'external_id', check.required('external_id'));
  if (value !== '' && !EXTERNAL_ID.test(value)) check.report('external_id', 'network.import.error.external_id_characters', { value });
  return value;
}

/** A value outside the list is reported, so the cast never reaches a record. */
function checkChoice<T extends string>(
  check: Check, column: Column, code: string, allowed: readonly T[], value: string, normalise = (v: string) => v.toLowerCase(),
): T {
  const normal = normalise(value);
  if (value !== '' && !(allowed as readonly string[]).includes(normal)) check.report(column, code, { value, allowed: allowed.join(', ') });
  return normal as T;
}

function checkCoordinates(check: Check): { latitude: number; longitude: number } {
  const latitude = checkNumber(check, 'latitude', 90, 'network.import.error.latitude_invalid', 'network.import.error.latitude_out_of_range');
  const longitude = checkNumber(check, 'longitude', 180, 'network.import.error.longitude_invalid', 'network.import.error.longitude_out_of_range');
  const inCanada = latitude >= CANADA.south && latitude <= CANADA.north && longitude >= CANADA.west && longitude <= CANADA.east;
  if (!Number.isNaN(latitude) && !Number.isNaN(longitude) && !inCanada) {
    check.report('latitude', 'network.import.error.outside_canada', { latitude: check.text('latitude'), longitude: check.text('longitude') });
  }
  return { latitude, longitude };
}

function checkNumber(check: Check, column: Column, limit: number, invalidCode: string, rangeCode: string): number {
  const value = check.required(column);
  const number = DECIMAL.test(value) ? Number(value) : NaN;
  if (value !== '' && Number.isNaN(number)) check.report(column, invalidCode, { value });
  else if (Math.abs(number) > limit) check.report(column, rangeCode, { value });
  return Math.abs(number) <= limit ? number : NaN;
}

function checkServices(check: Check): string[] {
  const value = check.required('services');
  const codes = [...new Set(value.split(';').map((code) => code.trim().toLowerCase()).filter((code) => code !== ''))];
  if (value !== '' && codes.length === 0) check.report('services', 'network.import.error.services_empty');
  for (const code of codes) if (!SERVICE_CODE.test(code)) check.report('services', 'network.import.error.service_code_invalid', { value: code });
  return codes;
}

function checkPostalCode(check: Check): string | null {
  const value = check.text('postal_code');
  if (value === '') return null;
  const match = POSTAL_CODE.exec(value);
  if (match) return `${match[1] ?? ''} ${match[2] ?? ''}`.toUpperCase();
  check.report('postal_code', 'network.import.error.postal_code_invalid', { value });
  return null;
}

function checkTimeZone(check: Check, timeZones: Map<string, string | null>): string | null {
  const value = check.text('time_zone');
  if (value === '') return null;
  if (!timeZones.has(value)) timeZones.set(value, resolveTimeZone(value));
  const zone = timeZones.get(value) ?? null;
  if (zone === null) check.report('time_zone', 'network.import.error.time_zone_invalid', { value });
  return zone;
}

/** The zone as written, with only its case fixed (america/toronto → America/Toronto); null when Intl does not know it. */
function resolveTimeZone(value: string): string | null {
  try {
    const resolved = new Intl.DateTimeFormat(undefined, { timeZone: value }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
  } catch {
    return null;
  }
}
