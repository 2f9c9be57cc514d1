/**
 * Strangers guessing from 50 addresses cannot keep the owner out. The attack is played against
 * the status tracker, staff sign-in and the telephone self-service; then the owner comes from an
 * address (or phone) that has not failed and gets in. The guessing is held to few tries, raises
 * one alert, and the counts are shared by two app instances on one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createUser, signInFrom, TEST_PASSWORD } from '../helpers/http.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { listAudit, systemActor } from '../../src/platform/audit.repo.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { STATUS_POLICY } from '../../src/modules/cases/index.js';

const DOB = '1979-02-11';
const ATTACKERS = Array.from({ length: 50 }, (_, i) => `203.0.113.${i + 1}`);
/** Five wrong dates per address: 250 guesses in all. */
const WRONG_DATES = ['1979-02-12', '1979-02-13', '1979-02-14', '1979-02-15', '1979-02-16'];
const ENV = { PUBLIC_RATE_LIMIT: '1000000' };

async function intake(t: TestApp): Promise<string> {
  const agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/applications', headers: { authorization: `Bearer ${agent}` }, payload: { type: 'passport_regular', channel: 'mail', applicant: { surname: 'Roy', givenNames: 'Luc', dateOfBirth: DOB } } });
  return created.json().applicationNumber as string;
}

const lookUp = (t: TestApp, applicationNumber: string, dateOfBirth: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/status', payload: { applicationNumber, dateOfBirth }, remoteAddress });

/** Every attacker tries every wrong date; the statuses they got, in order. */
async function attack(t: TestApp, applicationNumber: string, addresses = ATTACKERS): Promise<number[]> {
  const statuses: number[] = [];
  for (const from of addresses) for (const date of WRONG_DATES) statuses.push((await lookUp(t, applicationNumber, date, from)).statusCode);
  return statuses;
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe('the status tracker under a distributed guessing attack', () => {
  let t: TestApp;
  let number: string;
  before(async () => {
    t = await buildTestApp({ env: ENV });
    number = await intake(t);
  });
  after(() => t.close());

  test('the attackers get few answers, the owner from a fresh address gets their status, one alert is raised', async () => {
    const statuses = await attack(t, number);
    const counts = tally(statuses);
    // Two addresses spend their free tries (4 each) before the number counts as under attack;
    // after that every address gets one guess. Every other attempt is refused.
    assert.deepEqual(counts, { 404: 4 + 4 + 48, 429: 250 - 56 });
    const owner = await lookUp(t, number, DOB, '192.0.2.200');
    assert.equal(owner.statusCode, 200);
    assert.equal(owner.json().applicationNumber, number);
    const alerts = await listAudit(t.database.db, { action: 'security.guessing_alert', limit: 10 });
    assert.equal(alerts.length, 1, 'one alert per number and window');
    const details = alerts[0]!.details as { scope: string; kind: string; failures: number; tried: string; tag: string };
    assert.deepEqual([details.scope, details.kind, details.tried], ['status', 'subject', number]);
    assert.ok(details.failures >= STATUS_POLICY.subject.alertFailures);
    assert.match(details.tag, /^[A-Za-z0-9_-]{12}$/);
  });

  test('the same attack on a number that does not exist gets exactly the same answers', async () => {
    const real = await attack(t, await intake(t), ATTACKERS.map((a) => a.replace('203.0.113.', '198.51.100.')));
    const unknown = await attack(t, 'P999999999', ATTACKERS.map((a) => a.replace('203.0.113.', '100.64.0.')));
    assert.deepEqual(unknown, real);
  });

  test('the owner still gets in from an address an attacker used for other numbers only', async () => {
    // 203.0.113.1 guessed only this number; its own address budget across numbers is untouched.
    assert.equal((await lookUp(t, number, DOB, '203.0.113.1')).statusCode, 429, 'an address that failed on the number waits');
    assert.equal((await lookUp(t, number, DOB, '2001:db8:7::1')).statusCode, 200, 'a fresh IPv6 network');
  });

  test('the throttle stores no address or application number', async () => {
    const rows = await t.database.db.selectFrom('throttle_entries').select(['subject', 'address']).execute();
    assert.ok(rows.length > 100);
    const stored = JSON.stringify(rows);
    for (const secret of [number, '203.0.113.', '198.51.100.', '2001:db8']) assert.ok(!stored.includes(secret), secret);
  });
});

describe('two app instances on one database share the counts', () => {
  let a: TestApp;
  let b: TestApp;
  let second: Database | undefined;
  let number: string;
  before(async () => {
    a = await buildTestApp({ env: ENV });
    // On PostgreSQL the second instance has its own connections, as a second process would.
    second = a.database.url ? await openDatabase({ url: a.database.url, poolSize: 3 }) : undefined;
    b = await buildTestApp({ env: ENV, database: second ? { ...second, url: a.database.url } : a.database });
    number = await intake(a);
  });
  after(async () => {
    await b.close();
    await second?.close();
    await a.close();
  });

  test('guesses from one address alternate between the instances and are held back on both', async () => {
    const from = '192.0.2.77';
    const free = STATUS_POLICY.pair.free + 1;
    for (let i = 0; i < free; i++) assert.equal((await lookUp(i % 2 ? b : a, number, WRONG_DATES[i]!, from)).statusCode, 404);
    assert.equal((await lookUp(a, number, DOB, from)).statusCode, 429);
    assert.equal((await lookUp(b, number, DOB, from)).statusCode, 429);
    assert.equal((await lookUp(b, number, DOB, '192.0.2.78')).statusCode, 200, 'the owner elsewhere');
  });

  test('an attack spread over both instances is one attack, with one alert', async () => {
    const half = ATTACKERS.length / 2;
    const statuses = [...(await attack(a, number, ATTACKERS.slice(0, half))), ...(await attack(b, number, ATTACKERS.slice(half)))];
    assert.equal(tally(statuses)[404], 4 + 49, 'the first address spends its free tries; the address above and it put the number under attack');
    assert.equal((await lookUp(a, number, DOB, '192.0.2.201')).statusCode, 200);
    assert.equal((await listAudit(a.database.db, { action: 'security.guessing_alert', limit: 10 })).length, 1);
  });
});

describe('staff sign-in under a distributed guessing attack', () => {
  let t: TestApp;
  let officerId: string;
  before(async () => {
    t = await buildTestApp({ env: ENV });
    officerId = (await createUser(t.database, 'agent', 'officer@test.example')).id;
  });
  after(() => t.close());

  test('the attackers are held back, the officer signs in from their own address, one alert names the account', async () => {
    const statuses: number[] = [];
    for (const from of ATTACKERS) for (const password of ['Winter2026!', 'Password123!']) statuses.push((await signInFrom(t.app, 'officer@test.example', password, from)).statusCode);
    // Two tries each until the account counts as under attack (after 3 addresses), then one.
    assert.deepEqual(tally(statuses), { 401: 2 + 2 + 2 + 47, 429: 47 });
    const officer = await signInFrom(t.app, 'officer@test.example', TEST_PASSWORD, '10.20.30.40');
    assert.equal(officer.statusCode, 303);
    assert.equal(officer.headers.location, '/en/staff');
    const alerts = await listAudit(t.database.db, { action: 'security.guessing_alert', limit: 10 });
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.entity_id, officerId);
    assert.equal((alerts[0]!.details as { scope: string }).scope, 'sign_in');
  });

  test('an unknown account is throttled exactly like a real one', async () => {
    await createUser(t.database, 'analyst', 'second@test.example');
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 8; i++) real.push((await signInFrom(t.app, 'second@test.example', 'guess', '192.0.2.90')).statusCode);
    for (let i = 0; i < 8; i++) unknown.push((await signInFrom(t.app, 'nobody@test.example', 'guess', '192.0.2.91')).statusCode);
    assert.deepEqual(unknown, real);
    assert.ok(real.includes(429));
  });
});

describe('the telephone self-service counts each caller, not the telephony platform', () => {
  let t: TestApp;
  let number: string;
  let token: string;
  before(async () => {
    t = await buildTestApp({ env: ENV });
    number = await intake(t);
    token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'phone', role: 'agent' })).token;
    const admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'supervisor' })).token;
    await t.app.inject({ method: 'POST', url: '/api/v1/contact/lines', headers: { authorization: `Bearer ${admin}` }, payload: { code: 'sin', nameEn: 'Social Insurance Number', nameFr: 'Numéro d’assurance sociale' } });
  });
  after(() => t.close());

  /** A call from `from` that chooses self-service and says a number and date. */
  const call = async (from: string, dateOfBirth: string) => {
    const event = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/contact/telephony/events', headers: { authorization: `Bearer ${token}` }, payload });
    const { callId } = (await event({ event: 'arrived', lineId: 'sin', from })).json();
    await event({ event: 'choice', callId, digits: '1' });
    return (await event({ event: 'self_service', callId, applicationNumber: number, dateOfBirth })).json().actions[0].text as string;
  };

  test('a caller guessing is held back; the owner calling from their own phone during a web attack hears their status', async () => {
    await attack(t, number);
    const guesses = [];
    for (const date of WRONG_DATES) guesses.push(await call('+1 819 555 0199', date));
    assert.match(guesses[0]!, /could not find an application/);
    // The number is under attack from the web: a caller who has failed on it gets no second try.
    for (const refused of guesses.slice(1)) assert.match(refused, /cannot check this application from your phone right now/);
    assert.match(await call('+1 613 555 0123', DOB), /Application received|received/i);
  });
});
