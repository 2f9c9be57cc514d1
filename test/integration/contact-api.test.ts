/**
 * The contact centre through its API (issue 5 §10): lines, a staff account enrolled as an agent,
 * the caller's three choices, a callback that keeps its place and is retried then answered or
 * closed unreachable with a notice, take-next across calls and callbacks, outcomes, transfer,
 * and bad input. The phone system's token (national) acts for the agent, as telephony does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createApiToken, createStaffUser } from '../../src/platform/auth/auth.service.js';
import { systemActor } from '../../src/platform/audit.repo.js';

// Monday 23 November 2026, 10:00 in Toronto.
const NOW = '2026-11-23T15:00:00Z';

describe('contact centre API', () => {
  let t: TestApp;
  let admin: string;
  let agentToken: string;
  const headers = (token: string) => ({ authorization: `Bearer ${token}` });
  const post = (url: string, payload: object = {}, token = agentToken, extra: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, headers: { ...headers(token), ...extra }, payload });
  let ei: string;
  let agent: string;

  before(async () => {
    t = await buildTestApp({ now: NOW });
    admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'admin' })).token;
    agentToken = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'phone', role: 'agent' })).token;
  });
  after(() => t.close());

  const arrive = async (line: string, from = '613-555-0100') => {
    t.clock.advance(1000);
    const response = await post(`/api/v1/contact/lines/${line}/calls`, { from });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { callId: string; estimatedWaitSeconds: number; options: string[] };
  };
  const choose = (callId: string, choice: string, extra: object = {}) => post(`/api/v1/contact/calls/${callId}/choice`, { choice, ...extra });
  const next = () => post(`/api/v1/contact/agents/${agent}/next`);
  const setState = (state: string) => post(`/api/v1/contact/agents/${agent}/state`, { state });
  const complete = (callId: string) => post(`/api/v1/contact/calls/${callId}/complete`, { outcome: 'information_given', resolved: true });

  test('lines and agents are created by managers; hours are optional', async () => {
    const created = await post('/api/v1/contact/lines', { code: 'passport', nameEn: 'Passport', nameFr: 'Passeport' }, admin);
    assert.equal(created.statusCode, 201, created.body);
    const withHours = await post('/api/v1/contact/lines', { code: 'ei', nameEn: 'Employment Insurance', nameFr: 'Assurance-emploi', hours: [{ weekday: 1, opens: '08:30', closes: '16:30' }] }, admin);
    ei = withHours.json().id;
    assert.equal((await post('/api/v1/contact/lines', { code: 'nope', nameEn: 'x', nameFr: 'y' })).statusCode, 403, 'an agent cannot add lines');
    assert.equal((await post('/api/v1/contact/agents', { email: 'admin@nowhere.example', languages: ['en'] })).statusCode, 403, 'nor enrol agents');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/contact/lines', headers: headers(agentToken) })).json();
    assert.deepEqual(list.items.map((l: { code: string }) => l.code).sort(), ['ei', 'passport']);
    assert.equal(list.items.find((l: { code: string }) => l.code === 'passport').hours, null);
    await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'amina@test.example', displayName: 'Amina', role: 'agent', password: 'correct horse battery staple', assignments: { lines: ['passport', 'ei'] } });
    const a = await post('/api/v1/contact/agents', { email: 'amina@test.example', languages: ['en', 'fr'] }, admin);
    assert.equal(a.statusCode, 201, a.body);
    agent = a.json().id;
    assert.deepEqual([a.json().name, a.json().lines], ['Amina', ['ei', 'passport']], 'the account’s name and line assignments');
    const again = await post('/api/v1/contact/agents', { email: 'amina@test.example', languages: ['fr'] }, admin);
    assert.deepEqual([again.statusCode, again.json().id, again.json().languages], [200, agent, ['fr']], 'enrolling again changes the languages');
    assert.equal((await post('/api/v1/contact/agents', { email: 'amina@test.example', languages: ['en', 'fr'] }, admin)).statusCode, 200);
    assert.equal((await post('/api/v1/contact/agents', { email: 'nobody@test.example', languages: ['en'] }, admin)).statusCode, 404);
  });

  test('bad input is refused in the caller’s language and changes nothing', async () => {
    const bad = await post('/api/v1/contact/lines', { code: 'x y', nameEn: 'A', nameFr: 'B', hours: [{ weekday: 1, opens: '17:00', closes: '09:00' }] }, admin, { 'accept-language': 'fr' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().fields.code, /lettres minuscules/);
    assert.equal((await post('/api/v1/contact/agents/00000000-0000-4000-8000-000000000000/next')).statusCode, 404);
    assert.equal((await post(`/api/v1/contact/agents/${agent}/state`, { state: 'on_call' })).statusCode, 400);
    assert.equal((await post('/api/v1/contact/lines/nowhere/calls', { from: '6135550100' })).statusCode, 404);
  });

  test('a line outside its hours refuses calls', async () => {
    t.clock.set('2026-11-23T23:00:00Z'); // 18:00 in Toronto
    assert.equal((await post(`/api/v1/contact/lines/${ei}/calls`, { from: '6135550100' })).statusCode, 409);
    t.clock.set(NOW);
    assert.equal((await post(`/api/v1/contact/lines/${ei}/calls`, { from: '6135550100' })).statusCode, 200);
  });

  test('the three choices, and a callback retried at its original place, then answered', async () => {
    const first = await arrive('passport');
    assert.deepEqual(first.options, ['self_service', 'wait', 'callback']);
    assert.ok(first.estimatedWaitSeconds > 0);
    const selfService = await arrive('passport');
    assert.equal((await choose(selfService.callId, 'self_service')).json().call.state, 'self_service');
    const status = await post(`/api/v1/contact/calls/${selfService.callId}/status-check`, { applicationNumber: 'P-0000000', dateOfBirth: '1980-01-01' });
    assert.equal(status.statusCode, 200);
    assert.equal(status.json().found, false);
    const a = first;
    const b = await arrive('passport', '819 555 0199');
    const c = await arrive('passport');
    await choose(a.callId, 'wait');
    const cb = (await choose(b.callId, 'callback')).json().call;
    assert.equal(cb.state, 'callback');
    assert.equal((await choose(b.callId, 'wait')).statusCode, 409, 'one choice per call');
    await choose(c.callId, 'wait');

    assert.equal((await next()).statusCode, 204, 'an agent who is offline takes nothing');
    await setState('available');
    // The ei caller from the hours test arrived first but never chose: not in queue.
    const one = (await next()).json();
    assert.deepEqual([one.kind, one.callId], ['call', a.callId]);
    assert.equal((await setState('break')).statusCode, 409, 'on a call');
    await complete(a.callId);
    await setState('available');
    const two = (await next()).json();
    assert.deepEqual([two.kind, two.callId], ['callback', b.callId]);
    const missed = (await post(`/api/v1/contact/callbacks/${b.callId}/result`, { answered: false })).json().call;
    assert.equal(missed.state, 'callback');
    // The retry waits its delay; meanwhile the later caller is served.
    assert.equal((await next()).json().callId, c.callId);
    await complete(c.callId);
    await setState('available');
    assert.equal((await next()).statusCode, 204);
    t.clock.advance(300_000);
    const again = (await next()).json();
    assert.deepEqual([again.kind, again.callId], ['callback', b.callId]);
    const answered = (await post(`/api/v1/contact/callbacks/${b.callId}/result`, { answered: true })).json().call;
    assert.deepEqual([answered.state, answered.attempts], ['connected', 2]);
    assert.equal((await complete(b.callId)).json().call.outcome, 'information_given');
  });

  test('a callback never answered is closed unreachable with a text notice', async () => {
    await setState('available');
    const call = await arrive('passport', '613-555-0142');
    await choose(call.callId, 'callback');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const taken = (await next()).json();
      assert.equal(taken.callId, call.callId);
      const result = (await post(`/api/v1/contact/callbacks/${call.callId}/result`, { answered: false })).json().call;
      assert.equal(result.state, attempt < 3 ? 'callback' : 'unreachable');
      t.clock.advance(300_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(t.sms.sent.some((m) => m.to === '+16135550142' && /3 times/.test(m.text)));
  });

  test('hang-ups abandon; a connected call can be transferred at its original time', async () => {
    const gone = await arrive('passport');
    await choose(gone.callId, 'wait');
    assert.equal((await post(`/api/v1/contact/calls/${gone.callId}/hangup`)).json().call.state, 'abandoned');
    const moving = await arrive('passport');
    await choose(moving.callId, 'wait');
    const taken = (await next()).json();
    assert.equal(taken.callId, moving.callId);
    const transferred = (await post(`/api/v1/contact/calls/${moving.callId}/transfer`, { lineId: 'ei' })).json().call;
    assert.deepEqual([transferred.state, transferred.lineId, transferred.enqueuedAt], ['waiting', ei, taken.enqueuedAt]);
    await setState('available');
    const back = (await next()).json();
    assert.equal(back.callId, moving.callId);
    const done = (await complete(moving.callId)).json().call;
    assert.equal(done.state, 'completed');
    const history = await t.database.db.selectFrom('contact_call_events').select('type').where('call_id', '=', moving.callId).orderBy('id').execute();
    assert.deepEqual(history.map((e) => e.type), ['arrived', 'chose_wait', 'answered', 'transferred', 'answered', 'completed']);
    await assert.rejects(t.database.db.deleteFrom('contact_call_events').where('call_id', '=', moving.callId).execute(), /append-only|permission denied/);
  });

  test('a scheduled callback waits for its window, then keeps its original place', async () => {
    await setState('available');
    const scheduled = await arrive('passport', '613-555-0177');
    const start = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const end = new Date(t.clock.now().getTime() + 7_200_000).toISOString();
    assert.equal((await choose(scheduled.callId, 'callback', { windowStart: end, windowEnd: start })).statusCode, 400, 'a window ends after it starts');
    assert.equal((await choose(scheduled.callId, 'callback', { windowStart: start, windowEnd: end })).statusCode, 200);
    const later = await arrive('passport');
    await choose(later.callId, 'wait');
    const first = (await next()).json();
    assert.equal(first.callId, later.callId, 'not dialled before its window');
    await complete(later.callId);
    await setState('available');
    const afterThat = await arrive('passport');
    await choose(afterThat.callId, 'wait');
    t.clock.set(start);
    const due = (await next()).json();
    assert.deepEqual([due.kind, due.callId], ['callback', scheduled.callId], 'once the window opens it goes ahead of those who came after it');
  });
});
