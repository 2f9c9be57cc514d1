import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, signIn } from '../../../test/helpers/http.js';
import { createApiToken } from '../../platform/auth/auth.service.js';
import { listAudit, systemActor } from '../../platform/audit.repo.js';
import type { MemoryMailer } from '../../platform/mailer.js';
import { listVisitEvents } from './visits.service.js';

// Monday 23 November 2026, 10:00 in Toronto: Ontario offices are open.
const NOW = '2026-11-23T15:00:00Z';

describe('visits through the API', () => {
  let t: TestApp;
  let site: { id: string; code: string };
  let agent: string;
  let reception: string;
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  before(async () => {
    t = await buildTestApp({ demo: 'network', now: NOW, env: { PUBLIC_RATE_LIMIT: '100000' } });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json();
    site = list.items[0];
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
    reception = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'reception', role: 'reception' })).token;
  });
  after(() => t.close());

  // Each arrival a second after the last, so that arrival order is well defined.
  const checkIn = (body: object, token = reception) => {
    t.clock.advance(1000);
    return t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.code}/visits`, headers: auth(token), payload: body });
  };
  const openCounter = async (name: string, services: string[]) =>
    (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters`, headers: auth(agent), payload: { name, services } })).json().id as string;
  const callNext = (counterId: string, key?: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/${counterId}/call-next`, headers: { ...auth(agent), ...(key ? { 'idempotency-key': key } : {}) } });
  const act = (visitId: string, action: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1/visits/${visitId}/${action}`, headers: auth(agent), payload });

  test('reception issues short tickets per site and day, with a place in line and an estimate', async () => {
    const first = await checkIn({ service: 'passport', channel: 'walk_in', needs: [] });
    assert.equal(first.statusCode, 201);
    const body = first.json();
    assert.match(body.ticket, /^W-\d{3}$/);
    assert.equal(body.position, 1);
    assert.ok(body.estimatedWait.maxMinutes > body.estimatedWait.minMinutes);
    const priority = (await checkIn({ service: 'passport', channel: 'walk_in', needs: ['distress'] })).json();
    assert.match(priority.ticket, /^P-001$/);
    const second = (await checkIn({ service: 'passport', channel: 'walk_in' })).json();
    assert.equal(Number(second.ticket.slice(2)), Number(body.ticket.slice(2)) + 1);
    assert.equal(second.position, 3);
  });

  test('bad input is refused in the caller’s language and changes nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/wait-times` })).json();
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/visits`, headers: { ...auth(reception), 'accept-language': 'fr' }, payload: { service: 'teleportation', channel: 'walk_in' } });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().fields.service, 'Choisissez un service offert par ce bureau.');
    const badEmail = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/virtual-queue`, payload: { service: 'passport', contact: { email: 'nope' } } });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(badEmail.json().fields.email, 'Enter an email address like name@example.com.');
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/wait-times` })).json();
    assert.deepEqual(after.services, before.services);
    const wrongCounter = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/not-a-uuid/call-next`, headers: auth(agent) });
    assert.equal(wrongCounter.statusCode, 400);
  });

  test('a counter calls priority before arrival order, and a double click returns the same client', async () => {
    const counter = await openCounter('Counter 1', ['passport']);
    const first = await callNext(counter, 'click-1');
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().visit.ticket, 'P-001');
    const again = await callNext(counter, 'click-1');
    assert.equal(again.json().visit.id, first.json().visit.id);
    const busy = await callNext(counter, 'click-2');
    assert.equal(busy.statusCode, 409);
    assert.equal(busy.json().code, 'visits.counter_busy');
    const done = await act(first.json().visit.id, 'complete', { outcome: 'served' });
    assert.equal(done.json().visit.state, 'completed');
    const twice = await act(first.json().visit.id, 'complete', { outcome: 'served' });
    assert.equal(twice.statusCode, 409);
    // The visit's own append-only history is its audit trail: who did what, when, at which counter.
    const history = await listVisitEvents({ db: t.database.db, visitId: first.json().visit.id });
    assert.deepEqual(history.map((e) => e.type), ['checked_in', 'called', 'complete']);
    assert.ok(history.slice(1).every((e) => e.actor.startsWith('token:') && e.counter_id === counter));
    await assert.rejects(t.database.db.deleteFrom('visit_events').where('visit_id', '=', first.json().visit.id).execute(), /append-only|permission denied/);
  });

  test('transfer keeps the arrival time; hold and resume come back to the same counter first', async () => {
    const counterA = await openCounter('Counter 2', ['passport', 'sin']);
    const called = (await callNext(counterA)).json().visit;
    const transferred = (await act(called.id, 'transfer', { toService: 'sin' })).json().visit;
    assert.equal(transferred.state, 'waiting');
    assert.equal(transferred.service, 'sin');
    assert.equal(transferred.arrivedAt, called.arrivedAt);
    // The SIN client arrived before the other passport client, so they come first.
    const next = (await callNext(counterA)).json().visit;
    assert.equal(next.id, called.id);
    assert.equal((await act(next.id, 'hold')).json().visit.state, 'on_hold');
    const other = (await callNext(counterA)).json().visit;
    assert.notEqual(other.id, next.id);
    await act(other.id, 'no-show');
    assert.equal((await act(next.id, 'resume')).json().visit.state, 'waiting');
    assert.equal((await callNext(counterA)).json().visit.id, next.id);
    await act(next.id, 'complete', { outcome: 'served_follow_up' });
    assert.equal((await callNext(counterA)).statusCode, 204);
  });

  test('a remote client joins, is told when their turn is near, checks in, and is called', async () => {
    const counter = await openCounter('Counter 3', ['cpp']);
    const join = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/virtual-queue`, payload: { service: 'cpp', language: 'fr', contact: { email: 'client@example.com', phone: '613 555 0123' } } });
    assert.equal(join.statusCode, 201);
    const { ticket, ticketUrl } = join.json();
    assert.match(ticket, /^R-\d{3}$/);
    const token = ticketUrl.split('/').pop();
    assert.match(ticketUrl, /\/fr\/billet\//);
    // Not in the building yet: never called.
    assert.equal((await callNext(counter)).statusCode, 204);
    const state = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${token}` })).json();
    assert.equal(state.position, 1);
    assert.equal(state.checkedIn, false);
    const visitId = join.json().id;
    assert.equal((await act(visitId, 'check-in')).json().visit.checkedInAt !== null, true);
    const called = (await callNext(counter)).json().visit;
    assert.equal(called.ticket, ticket);
    const ticketState = (await t.app.inject({ method: 'GET', url: `/api/v1/tickets/${token}` })).json();
    assert.equal(ticketState.counter, 'Counter 3');
    await act(visitId, 'complete', { outcome: 'served' });
  });

  test('the notice goes out once, by email and text, when few clients remain ahead', async () => {
    const counter = await openCounter('Counter 4', ['sin']);
    for (let i = 0; i < 5; i++) await checkIn({ service: 'sin', channel: 'walk_in' });
    t.clock.advance(1000);
    const join = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/virtual-queue`, payload: { service: 'sin', contact: { email: 'soon@example.com', phone: '+1 (613) 555-0199' } } })).json();
    assert.equal(join.position, 6);
    const mailer = t.mailer as MemoryMailer;
    const mails = () => mailer.sent.filter((m) => m.to === 'soon@example.com');
    for (let i = 0; i < 3; i++) {
      const visit = (await callNext(counter)).json().visit;
      await act(visit.id, 'complete', { outcome: 'served' });
    }
    // Notices leave after the response that moved the queue.
    for (let waited = 0; mails().length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(mails().length, 1);
    assert.match(mails()[0]!.subject, new RegExp(join.ticket));
    assert.equal(t.sms.sent.filter((s) => s.to === '+16135550199').length, 1);
    const visit = (await callNext(counter)).json().visit;
    await act(visit.id, 'complete', { outcome: 'served' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(mails().length, 1);
  });

  test('wait times follow the published shape', async () => {
    const response = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/wait-times` })).json();
    assert.equal(response.siteId, site.id);
    assert.equal(response.isOpen, true);
    assert.equal(response.isHoliday, false);
    const sin = response.services.find((s: { service: string }) => s.service === 'sin');
    assert.ok(sin.waiting >= 1);
    assert.ok(sin.estimatedWait.minMinutes >= 0 && sin.estimatedWait.maxMinutes > sin.estimatedWait.minMinutes);
  });

  test('roles: reception checks in but cannot call; the public cannot read a visit; reads are audited', async () => {
    const counter = await openCounter('Counter 5', ['passport']);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/${counter}/call-next`, headers: auth(reception) });
    assert.equal(refused.statusCode, 403);
    const visit = (await checkIn({ service: 'passport', channel: 'walk_in' })).json();
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/visits/${visit.id}` })).statusCode, 401);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/visits/${visit.id}`, headers: auth(reception) });
    assert.equal(read.statusCode, 200);
    const audit = await listAudit(t.database.db, { entityId: visit.id, action: 'visits.read', limit: 5 });
    assert.equal(audit.length, 1);
  });

  test('supervisors see live metrics; the day rolls over by the site’s policy, keeping history', async () => {
    const supervisor = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'sup', role: 'supervisor' })).token;
    const metrics = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/visit-metrics`, headers: auth(supervisor) })).json();
    assert.ok(metrics.waiting > 0);
    assert.ok(metrics.countersOpen >= 4);
    assert.ok(metrics.servedToday >= 4);
    const open = metrics.waiting;
    t.clock.advance(24 * 3_600_000);
    const rolled = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/rollover`, headers: auth(supervisor) })).json();
    assert.equal(rolled.policy, 'close');
    assert.ok(rolled.visits >= open);
    const counters = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/counters`, headers: auth(supervisor) })).json();
    assert.deepEqual(counters.items, [], 'counters left open overnight are closed with the day');
    const again = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/rollover`, headers: auth(supervisor) })).json();
    assert.equal(again.visits, 0);
    const board = (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/board` })).json();
    assert.equal(board.waiting, 0);
    // A new day starts the ticket numbers again.
    assert.equal((await checkIn({ service: 'passport', channel: 'walk_in' })).json().ticket, 'W-001');
    t.clock.set(NOW);
  });

  test('the estimate given at join is judged against the wait that happened', async () => {
    const supervisor = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'sup2', role: 'supervisor' })).token;
    const report = (await t.app.inject({ method: 'GET', url: `/api/v1/visits/estimate-accuracy?siteId=${site.id}&days=7`, headers: auth(supervisor) })).json();
    assert.ok(report.count >= 5);
    assert.ok(report.withinRangeShare >= 0 && report.withinRangeShare <= 1);
  });

  test('the service point page shows the wait now and the ways in, in both languages', async () => {
    const en = await t.app.inject({ method: 'GET', url: `/en/service-points/${site.code}` });
    assert.match(en.body, /Visit this office/);
    assert.match(en.body, /Wait now, at 10:00/);
    assert.match(en.body, new RegExp(`href="/en/visits/${site.code}/join"`));
    assert.match(en.body, new RegExp(`href="/en/appointments/${site.code}/book"`));
    const fr = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${site.code}` });
    assert.match(fr.body, /Attente actuelle, à 10 h 00/);
    assert.match(fr.body, /\d+ à \d+ minutes/);
  });

  test('find a service point shows the wait now beside open offices, for the chosen service', async () => {
    const { city, province } = (await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${site.code}` })).json();
    const page = await t.app.inject({ method: 'GET', url: `/en/find-a-service-point?place=${encodeURIComponent(`${city}, ${province}`)}&service=passport` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /wait now: (nobody waiting|\d+ waiting), \d+ to \d+ minutes/);
    const fr = await t.app.inject({ method: 'GET', url: `/fr/trouver-un-point-de-service?place=${encodeURIComponent(`${city}, ${province}`)}&service=passport` });
    assert.match(fr.body, /attente actuelle : /);
  });

  test('pages: the consoles answer signed-in staff in both languages', async () => {
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    for (const url of [`/en/visits/${site.code}/reception`, `/fr/visites/${site.code}/guichets`, `/en/visits/${site.code}/board`, `/fr/visites?q=${site.code}`]) {
      const page = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
      assert.equal(page.statusCode, 200, url);
    }
  });
});
