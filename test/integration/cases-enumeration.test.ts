/**
 * The status tracker cannot be used to learn which application numbers exist: thousands of
 * random, malformed and near-miss look-ups all get the very same 404, byte for byte; the throttles
 * per address and per number engage the same way whether a file exists or not, say so in the
 * caller's language, and release after the wait they announce.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { listAudit, systemActor } from '../../src/platform/audit.repo.js';
import { STATUS_POLICY } from '../../src/modules/cases/index.js';

const DOB = '1979-02-11';

describe('status look-ups give nothing away', () => {
  let t: TestApp;
  let number: string;
  let address = 0;
  // A new address for each look-up, so that only the per-number limit can engage.
  const nextAddress = () => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;
  const lookUp = (body: object, remoteAddress = nextAddress(), language = 'en') =>
    t.app.inject({ method: 'POST', url: '/api/v1/status', payload: body, remoteAddress, headers: { 'accept-language': language } });
  const q = (applicationNumber: string, dateOfBirth: string) => ({ applicationNumber, dateOfBirth });
  let reference: { status: number; body: string; type: string | undefined };
  const assertSame = (response: Awaited<ReturnType<typeof lookUp>>, label: string) => {
    assert.equal(response.statusCode, reference.status, label);
    assert.equal(response.body, reference.body, label);
    assert.equal(response.headers['content-type'], reference.type, label);
  };
  // Past every back-off and every attack window: the throttles have forgotten the tests before.
  const later = () => t.clock.advance(STATUS_POLICY.pair.forgetHours * 3_600_000);

  before(async () => {
    t = await buildTestApp({ now: '2026-11-23T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '1000000' } });
    const agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${agent}` }, payload: { type: 'passport_regular', channel: 'mail', applicant: { surname: 'Roy', givenNames: 'Luc', dateOfBirth: DOB } } });
    number = created.json().applicationNumber;
    const miss = await lookUp(q('P000000001', DOB));
    reference = { status: miss.statusCode, body: miss.body, type: miss.headers['content-type'] as string | undefined };
    assert.equal(reference.status, 404);
    assert.equal(miss.json().code, 'cases.not_found');
  });
  after(() => t.close());

  test('the right number and date find the file', async () => {
    const found = await lookUp(q(number, DOB));
    assert.equal(found.statusCode, 200);
    assert.equal(found.json().applicationNumber, number);
    assert.equal((await lookUp(q(number.toLowerCase(), ` ${DOB} `))).statusCode, 200);
  });

  test('random and malformed look-ups all get the same 404', async () => {
    const junk = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.stringMatching(/^[A-Z]\d{9}$/), fc.constant(''), fc.string({ minLength: 300, maxLength: 2000 }));
    const bodies = fc.oneof(
      fc.tuple(junk, junk).map(([n, d]) => q(n, d)),
      junk.map((n) => ({ applicationNumber: n })),
      fc.tuple(junk, junk).map(([n, d]) => ({ applicationNumber: [n, 'x'], dateOfBirth: d })),
      fc.tuple(junk, junk).map(([n, d]) => ({ applicationNumber: n, dateOfBirth: d, extra: n })),
      fc.constant({}),
      fc.constant({ dateOfBirth: '1979-02-11' }),
      fc.constant({ applicationNumber: '\u0000', dateOfBirth: '\u00ff' }),
    );
    const samples = fc.sample(bodies, { numRuns: 2000, seed: 42 });
    for (const body of samples) assertSame(await lookUp(body), JSON.stringify(body).slice(0, 80));
  });

  test('near misses — a wrong date, a neighbouring number — look exactly like unknown numbers', async () => {
    const digits = number.slice(1);
    const neighbours = [1, -1, 10, 1000].map((delta) => `P${String((Number(digits) + delta + 1e9) % 1e9).padStart(9, '0')}`);
    const dates = ['1979-02-12', '1979-12-02', '1980-02-11', '11-02-1979', '1979/02/11', '', '1979-02-11T00:00', '1979-02-1'];
    for (const date of dates) assertSame(await lookUp(q(number, date)), `date ${date}`);
    for (const neighbour of neighbours) assertSame(await lookUp(q(neighbour, DOB)), `number ${neighbour}`);
  });

  test('a number and a date in the URL are no look-up: the API has no GET, the page ignores its query', async () => {
    const before = (await listAudit(t.database.db, { action: 'cases.status_lookup', limit: 10_000 })).length;
    const query = new URLSearchParams(q(number, DOB)).toString();
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/status?${query}`, remoteAddress: nextAddress() })).statusCode, 404);
    for (const path of ['/en/application-status', '/fr/etat-de-la-demande']) {
      const dropped = await t.app.inject({ method: 'GET', url: `${path}?${query}`, remoteAddress: nextAddress() });
      assert.equal(dropped.statusCode, 303);
      assert.equal(dropped.headers.location, path);
      const page = await t.app.inject({ method: 'GET', url: path, remoteAddress: nextAddress() });
      assert.match(page.body, /<form [^>]*method="post"/);
      assert.match(page.body, /name="applicationNumber" value=""/);
    }
    assert.equal((await listAudit(t.database.db, { action: 'cases.status_lookup', limit: 10_000 })).length, before);
  });

  test('every look-up is audited, found or not', async () => {
    const before = (await listAudit(t.database.db, { action: 'cases.status_lookup', limit: 10_000 })).length;
    await lookUp(q(number, DOB));
    await lookUp(q('Z999999999', DOB));
    const rows = await listAudit(t.database.db, { action: 'cases.status_lookup', limit: 10_000 });
    assert.equal(rows.length, before + 2);
    assert.deepEqual(rows.slice(0, 2).map((r) => (r.details as { outcome: string }).outcome), ['miss', 'found']);
  });

  test('a number under attack holds back the addresses that failed on it, whether the file exists or not, in the caller’s language', async () => {
    later();
    const attackers = Array.from({ length: STATUS_POLICY.subject.attackAddresses + 1 }, (_, i) => `198.51.100.${i + 1}`);
    for (const candidate of [number, 'P123123123']) {
      for (const from of attackers) assertSame(await lookUp(q(candidate, '2000-01-01'), from), `first try from ${from}`);
      const limited = await lookUp(q(candidate, DOB), attackers[0], 'fr');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().code, 'cases.status_rate_limited');
      assert.match(limited.json().message, /Trop de recherches/);
      assert.equal(Number(limited.headers['retry-after']), STATUS_POLICY.pair.capMinutes * 60);
    }
    assert.equal((await lookUp(q(number, DOB))).statusCode, 200, 'an address that has not failed on the number gets its answer');
    t.clock.advance((STATUS_POLICY.pair.capMinutes + 1) * 60_000);
    assert.equal((await lookUp(q(number, DOB), attackers[0])).statusCode, 200);
  });

  test('one address guessing across numbers is held back, and only that address', async () => {
    later();
    const from = '192.0.2.7';
    for (let i = 0; i <= STATUS_POLICY.address.free; i++) assertSame(await lookUp(q(`Q${String(i).padStart(9, '0')}`, DOB), from), `miss ${i}`);
    const limited = await lookUp(q(number, DOB), from);
    assert.equal(limited.statusCode, 429);
    assert.match(limited.json().message, /Too many look-ups/);
    assert.equal((await lookUp(q(number, DOB))).statusCode, 200, 'another address is not held back');
    t.clock.advance(Number(limited.headers['retry-after']) * 1000);
    assert.equal((await lookUp(q(number, DOB), from)).statusCode, 200, 'after the announced wait');
  });
});
