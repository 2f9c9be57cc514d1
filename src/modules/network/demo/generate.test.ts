import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateDemoNetwork, PROVINCE_DEFAULT_TIME_ZONES, summarizeDemoNetwork } from './generate.js';

// The catalogue and the provinces come from the migration itself, so the generator cannot drift from the schema.
const migration = readFileSync(new URL('../../../../migrations/0002-network.sql', import.meta.url), 'utf8');
const catalogue = new Set([...migration.matchAll(/^\s*\('([a-z_]+)', '[a-z]+', '/gm)].map((m) => m[1] ?? ''));
const provinceZones = new Map(
  [...migration.matchAll(/^\s*\('([A-Z]{2})', '.*', '(America\/[A-Za-z_]+)', \d+\)/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
);

const network = generateDemoNetwork();
const inPersonTypes = new Set(['scc', 'scc_consolidated', 'passport_site']);

test('the network has the 31 March 2023 counts per type', () => {
  const { total, byType } = summarizeDemoNetwork(network);
  assert.equal(total, 560);
  assert.deepEqual(byType, { scc: 301, scc_consolidated: 15, passport_site: 21, outreach_site: 208, partnership_site: 15 });
});

test('the same seed gives the same network; another seed moves sites but keeps the counts', () => {
  assert.deepEqual(generateDemoNetwork(), network);
  assert.deepEqual(generateDemoNetwork({ seed: 2023 }), network);
  const other = generateDemoNetwork({ seed: 7 });
  assert.deepEqual(summarizeDemoNetwork(other).byType, summarizeDemoNetwork(network).byType);
  const places = (points: typeof network): string[] => points.map((p) => `${p.code} ${p.city} ${p.latitude},${p.longitude}`);
  assert.notDeepEqual(places(other), places(network));
});

test('codes are unique and follow the type-province-serial pattern', () => {
  assert.equal(new Set(network.map((p) => p.code)).size, network.length);
  const prefixes = { scc: 'SCC', scc_consolidated: 'SCCC', passport_site: 'PSS', outreach_site: 'OUT', partnership_site: 'PPS' };
  for (const p of network) assert.match(p.code, new RegExp(`^${prefixes[p.type]}-${p.provinceCode}-\\d{3}$`));
});

test('every province and territory has at least one Service Canada Centre', () => {
  assert.equal(provinceZones.size, 13);
  const { byProvince } = summarizeDemoNetwork(network);
  for (const province of provinceZones.keys()) {
    const counts = byProvince[province];
    assert.ok(counts && counts.scc + counts.scc_consolidated >= 1, `${province} has no SCC`);
  }
  for (const p of network) assert.ok(provinceZones.has(p.provinceCode), p.provinceCode);
});

test('the fallback time zones mirror the provinces table', () => {
  assert.deepEqual(new Map(Object.entries(PROVINCE_DEFAULT_TIME_ZONES)), provinceZones);
});

test('time zones are valid IANA zones and match the place', () => {
  for (const { timeZone } of network) assert.doesNotThrow(() => new Intl.DateTimeFormat(undefined, { timeZone }), timeZone);
  const zoneOf = (city: string, province: string): string | undefined =>
    network.find((p) => p.city === city && p.provinceCode === province)?.timeZone;
  assert.equal(zoneOf('Regina', 'SK'), 'America/Regina');
  assert.equal(zoneOf("St. John's", 'NL'), 'America/St_Johns');
  assert.equal(zoneOf('Iqaluit', 'NU'), 'America/Iqaluit');
  assert.equal(zoneOf('Vancouver', 'BC'), 'America/Vancouver');
});

test('services come from the catalogue and fit the type of site', () => {
  assert.ok(catalogue.has('passport') && catalogue.has('self_service'));
  for (const p of network) {
    assert.ok(p.services.length > 0, p.code);
    for (const s of p.services) assert.ok(catalogue.has(s), `${p.code}: ${s}`);
    assert.equal(new Set(p.services).size, p.services.length, p.code);
  }
  const core = ['sin', 'ei', 'cpp', 'oas', 'my_account', 'dental', 'self_service'];
  const centres = network.filter((p) => p.type === 'scc' || p.type === 'scc_consolidated');
  for (const p of centres) for (const s of core) assert.ok(p.services.includes(s), `${p.code} lacks ${s}`);
  assert.ok(centres.filter((p) => p.services.includes('passport')).length > centres.length / 2);
  for (const p of network.filter((q) => q.type === 'passport_site')) assert.deepEqual(p.services, ['passport', 'passport_pickup']);
  const outreach = new Set(['sin', 'ei', 'cpp', 'oas', 'passport']);
  for (const p of network.filter((q) => q.type === 'outreach_site')) assert.ok(p.services.every((s) => outreach.has(s)), p.code);
});

test('hours are valid: ISO weekdays, HH:MM, closing after opening', () => {
  for (const p of network) {
    assert.ok(p.hours.length > 0, p.code);
    for (const h of p.hours) {
      assert.ok(Number.isInteger(h.weekday) && h.weekday >= 1 && h.weekday <= 7, p.code);
      assert.match(h.opensAt, /^([01]\d|2[0-3]):[0-5]\d$/);
      assert.match(h.closesAt, /^([01]\d|2[0-3]):[0-5]\d$/);
      assert.ok(h.closesAt > h.opensAt, `${p.code} ${h.opensAt}-${h.closesAt}`);
    }
    if (p.type === 'outreach_site') assert.ok(p.hours.length <= 2, p.code);
  }
});

test('in-person volume adds up to the FY 2022-23 figure within 5 %', () => {
  const total = network.filter((p) => inPersonTypes.has(p.type)).reduce((sum, p) => sum + p.yearlyVolume, 0);
  assert.ok(Math.abs(total - 6_335_456) / 6_335_456 < 0.05, String(total));
  for (const p of network.filter((q) => q.type === 'outreach_site')) {
    assert.ok(p.yearlyVolume >= 100 && p.yearlyVolume <= 5_000, `${p.code}: ${p.yearlyVolume}`);
  }
});

test('counters fit the type of site', () => {
  const ranges: Record<string, readonly [number, number]> = {
    scc: [2, 14], scc_consolidated: [2, 14], passport_site: [6, 20], outreach_site: [0, 0], partnership_site: [0, 14],
  };
  for (const p of network) {
    const [low, high] = ranges[p.type] ?? [0, 0];
    assert.ok(p.counters >= low && p.counters <= high, `${p.code}: ${p.counters}`);
  }
});

test('points sit in Canada, rounded to 4 decimals, and never share coordinates', () => {
  const seen = new Set<string>();
  for (const p of network) {
    assert.ok(p.latitude > 41.6 && p.latitude < 83.2 && p.longitude > -141.1 && p.longitude < -52.5, p.code);
    assert.equal(Math.round(p.latitude * 1e4) / 1e4, p.latitude);
    assert.equal(Math.round(p.longitude * 1e4) / 1e4, p.longitude);
    const key = `${p.latitude},${p.longitude}`;
    assert.ok(!seen.has(key), `${p.code} shares ${key}`);
    seen.add(key);
  }
});

test('outreach and partnership sites are in communities without a centre; names are bilingual', () => {
  const centreCities = new Set(network.filter((p) => p.type === 'scc' || p.type === 'scc_consolidated').map((p) => `${p.provinceCode}|${p.city}`));
  for (const p of network.filter((q) => q.type === 'outreach_site' || q.type === 'partnership_site')) {
    assert.ok(!centreCities.has(`${p.provinceCode}|${p.city}`), p.code);
  }
  for (const p of network) {
    assert.ok(p.nameEn.includes(` – ${p.city}`) && p.nameFr.includes(` – ${p.city}`), p.code);
    assert.notEqual(p.nameEn, p.nameFr);
  }
  // Names repeat across provinces only (Cornwall, PE and Cornwall, ON are both real).
  assert.equal(new Set(network.map((p) => `${p.provinceCode}|${p.nameEn}`)).size, network.length);
});
