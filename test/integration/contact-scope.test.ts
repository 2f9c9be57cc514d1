/**
 * Contact agents are staff, and work only on their lines. Two lines, A and B; agents are staff
 * accounts signed in through the real form, enrolled from their assignments. An agent on A
 * cannot take, complete, transfer, hang up, look up or see a call on B, cannot act as another
 * agent, and reads only A's inquiries: each refusal is `auth.out_of_scope` (403), changes
 * nothing and is audited. A supervisor on A sees and manages A only; a telephony token on A acts
 * on A only. The console acts as the signed-in person, in English and in French.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { CookieJar, csrfTokenOf, signIn, TEST_PASSWORD } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { assignStaffUser } from '../../src/platform/auth/assignments.js';
import { createApiToken, createStaffUser } from '../../src/platform/auth/auth.service.js';

const NOW = '2026-11-23T15:00:00Z';

interface Person {
  jar: CookieJar;
  csrf: string;
  userId: string;
  agentId?: string;
}

describe('contact centre scope', () => {
  let t: TestApp;
  let admin: string;
  const actor = systemActor('test');
  const people: Record<string, Person> = {};

  const bearer = (token: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
    const p = people[who]!;
    return t.app.inject({ method, url, headers: { cookie: p.jar.header(), ...(method === 'POST' ? { 'x-csrf-token': p.csrf } : {}) }, ...(payload ? { payload } : method === 'POST' ? { payload: {} } : {}) });
  };
  const refusals = async () => Number((await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', 'auth.refused').executeTakeFirstOrThrow()).n);
  /** A refusal for scope: 403 `auth.out_of_scope`, one more audited refusal. */
  const refused = async (response: Promise<{ statusCode: number; body: string }>, what: string) => {
    const before = await refusals();
    const r = await response;
    assert.equal(r.statusCode, 403, `${what}: ${r.body.slice(0, 200)}`);
    const last = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.refused').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal((last.details as { code?: string }).code, 'auth.out_of_scope', what);
    assert.equal(await refusals(), before + 1, `${what}: audited`);
  };
  const arrive = async (line: string, choice = 'wait') => {
    t.clock.advance(1000);
    const { callId } = (await bearer(admin, 'POST', `/api/v1/contact/lines/${line}/calls`, { from: '+16135550100' })).json() as { callId: string };
    await bearer(admin, 'POST', `/api/v1/contact/calls/${callId}/choice`, { choice });
    return callId;
  };
  const callRow = (id: string) => t.database.db.selectFrom('contact_calls').select(['state', 'agent_id', 'line_id', 'outcome_code']).where('id', '=', id).executeTakeFirstOrThrow();
  const eventCount = async (id: string) => (await t.database.db.selectFrom('contact_call_events').select('id').where('call_id', '=', id).execute()).length;

  async function person(key: string, role: 'agent' | 'supervisor', lines: string[], enrol: boolean) {
    const user = await createStaffUser({ db: t.database.db, actor, email: `${key}@test.example`, displayName: key, role, password: TEST_PASSWORD, assignments: { lines } });
    const { jar } = await signIn(t.app, `${key}@test.example`);
    const page = await t.app.inject({ method: 'GET', url: '/en/contact/console', headers: { cookie: jar.header() } });
    jar.store(page);
    people[key] = { jar, csrf: csrfTokenOf(page.body), userId: user.id };
    if (enrol) {
      const enrolled = await as(key, 'POST', '/api/v1/contact/agents', { languages: ['en', 'fr'] });
      assert.equal(enrolled.statusCode, 201, enrolled.body);
      people[key]!.agentId = enrolled.json().id;
    }
  }

  before(async () => {
    t = await buildTestApp({ now: NOW });
    admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor, name: 'admin', role: 'admin' })).token;
    await bearer(admin, 'POST', '/api/v1/contact/lines', { code: 'line_a', nameEn: 'Line A', nameFr: 'Ligne A' });
    await bearer(admin, 'POST', '/api/v1/contact/lines', { code: 'line_b', nameEn: 'Line B', nameFr: 'Ligne B' });
    await person('agent_a', 'agent', ['line_a'], true);
    await person('agent_a2', 'agent', ['line_a'], true);
    await person('agent_b', 'agent', ['line_b'], true);
    await person('supervisor_a', 'supervisor', ['line_a'], false);
  });
  after(() => t.close());

  test('an agent acts as themselves only', async () => {
    const a = people.agent_a!;
    assert.equal((await as('agent_a', 'POST', `/api/v1/contact/agents/${a.agentId}/state`, { state: 'available' })).statusCode, 200);
    const me = (await as('agent_a', 'GET', '/api/v1/contact/agents/me')).json();
    assert.deepEqual([me.id, me.lines, me.state], [a.agentId, ['line_a'], 'available'], 'their lines are their assignments');
    for (const other of ['agent_a2', 'agent_b']) {
      await refused(as('agent_a', 'POST', `/api/v1/contact/agents/${people[other]!.agentId}/state`, { state: 'available' }), `set ${other}'s state`);
      await refused(as('agent_a', 'POST', `/api/v1/contact/agents/${people[other]!.agentId}/next`), `take next for ${other}`);
    }
    const others = await t.database.db.selectFrom('contact_agents').select('state').where('id', 'in', [people.agent_a2!.agentId!, people.agent_b!.agentId!]).execute();
    assert.deepEqual(others.map((o) => o.state), ['offline', 'offline'], 'nothing changed');
    const audit = await t.database.db.selectFrom('audit_log').select(['entity_type', 'entity_id', 'actor_id']).where('action', '=', 'auth.refused').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([audit.entity_type, audit.entity_id, audit.actor_id], ['contact_agent', people.agent_b!.agentId, a.userId]);
    assert.equal((await as('agent_a', 'POST', '/api/v1/contact/agents', { email: 'agent_b@test.example', languages: ['en'] })).statusCode, 403, 'an agent enrols nobody else');
  });

  test('an agent on line A never takes, completes, transfers, hangs up or looks up a call on line B', async () => {
    const onB = await arrive('line_b');
    assert.equal((await as('agent_a', 'POST', `/api/v1/contact/agents/${people.agent_a!.agentId}/next`)).statusCode, 204, 'B’s caller is not on A’s lines');
    assert.equal((await as('agent_b', 'POST', `/api/v1/contact/agents/${people.agent_b!.agentId}/state`, { state: 'available' })).statusCode, 200);
    assert.equal((await as('agent_b', 'POST', `/api/v1/contact/agents/${people.agent_b!.agentId}/next`)).json().callId, onB);
    const before = { row: await callRow(onB), events: await eventCount(onB) };
    await refused(as('agent_a', 'POST', `/api/v1/contact/calls/${onB}/complete`, { outcome: 'information_given', resolved: true }), 'complete');
    await refused(as('agent_a', 'POST', `/api/v1/contact/calls/${onB}/transfer`, { lineId: 'line_a' }), 'transfer');
    await refused(as('agent_a', 'POST', `/api/v1/contact/calls/${onB}/hangup`), 'hang up');
    await refused(as('agent_a', 'POST', `/api/v1/contact/callbacks/${onB}/result`, { answered: true }), 'callback result');
    await refused(as('agent_a', 'POST', `/api/v1/contact/calls/${onB}/status-check`, { applicationNumber: 'P-1', dateOfBirth: '1980-01-01' }), 'self-service');
    await refused(as('agent_a', 'POST', '/api/v1/contact/lines/line_b/calls', { from: '+16135550100' }), 'a caller on B');
    await refused(as('agent_a', 'GET', `/en/contact/console?agent=${people.agent_b!.agentId}`), 'see B’s agent and call on the console');
    assert.deepEqual(await callRow(onB), before.row, 'the call did not change');
    assert.equal(await eventCount(onB), before.events, 'no event was appended');

    // Another agent on the same line cannot end a call that is not theirs either.
    const onA = await arrive('line_a');
    assert.equal((await as('agent_a', 'POST', `/api/v1/contact/agents/${people.agent_a!.agentId}/next`)).json().callId, onA);
    await refused(as('agent_a2', 'POST', `/api/v1/contact/calls/${onA}/complete`, { outcome: 'information_given', resolved: true }), 'complete a colleague’s call');
    const done = await as('agent_a', 'POST', `/api/v1/contact/calls/${onA}/transfer`, { lineId: 'line_b' });
    assert.equal(done.statusCode, 200, 'a caller may be sent to the line that can help them');
  });

  test('lines and inquiries are those of one’s lines', async () => {
    const lines = (await as('agent_a', 'GET', '/api/v1/contact/lines')).json().items.map((l: { code: string }) => l.code);
    assert.deepEqual(lines, ['line_a']);
    const onB = (await t.app.inject({ method: 'POST', url: '/api/v1/contact/inquiries', payload: { line: 'line_b', name: 'Léa', email: 'lea@example.ca', subject: 'B', body: 'B?' } })).json().id;
    const onA = (await t.app.inject({ method: 'POST', url: '/api/v1/contact/inquiries', payload: { line: 'line_a', name: 'Sam', email: 'sam@example.ca', subject: 'A', body: 'A?' } })).json().id;
    const inbox = (await as('agent_a', 'GET', '/api/v1/contact/inquiries')).json().items.map((i: { id: string }) => i.id);
    assert.deepEqual(inbox, [onA]);
    await refused(as('agent_a', 'GET', `/api/v1/contact/inquiries/${onB}`), 'read B’s inquiry');
    await refused(as('agent_a', 'POST', `/api/v1/contact/inquiries/${onB}/reply`, { template: 'answer', text: 'No.' }), 'answer B’s inquiry');
    const row = await t.database.db.selectFrom('contact_inquiries').select('state').where('id', '=', onB).executeTakeFirstOrThrow();
    assert.equal(row.state, 'open');
    assert.equal((await as('agent_a', 'GET', `/api/v1/contact/inquiries/${onA}`)).statusCode, 200);
  });

  test('a supervisor on line A sees and manages line A only', async () => {
    const view = (await as('supervisor_a', 'GET', '/api/v1/contact/supervisor')).json();
    assert.deepEqual(view.lines.map((l: { line: { code: string } }) => l.line.code), ['line_a']);
    assert.deepEqual(view.lines[0].who.map((w: { name: string }) => w.name).sort(), ['agent_a', 'agent_a2'], 'who is on the line');
    assert.equal((await as('supervisor_a', 'POST', `/api/v1/contact/agents/${people.agent_a2!.agentId}/state`, { state: 'break' })).statusCode, 200);
    await refused(as('supervisor_a', 'POST', `/api/v1/contact/agents/${people.agent_b!.agentId}/state`, { state: 'break' }), 'manage B’s agent');
    await refused(as('supervisor_a', 'POST', '/api/v1/contact/lines', { code: 'line_c', nameEn: 'C', nameFr: 'C' }), 'create a line (national only)');
    await refused(as('supervisor_a', 'POST', '/api/v1/contact/agents', { email: 'agent_b@test.example', languages: ['en'] }), 'enrol an account on B');
    const accuracy = await as('supervisor_a', 'GET', `/api/v1/contact/estimate-accuracy?lineId=${(await t.database.db.selectFrom('contact_lines').select('id').where('code', '=', 'line_b').executeTakeFirstOrThrow()).id}`);
    assert.equal(accuracy.statusCode, 403);
    const page = await as('supervisor_a', 'GET', '/en/contact/supervisor');
    assert.match(page.body, /Line A/);
    assert.doesNotMatch(page.body, /Line B/);
    assert.match(page.body, /agent_a2: Break since 10:0\d/);
  });

  test('a telephony token assigned to line A acts on line A only', async () => {
    const phone = (await createApiToken({ assignments: { lines: ['line_a'] }, db: t.database.db, actor, name: 'phone-a', role: 'agent' })).token;
    const event = (payload: object) => bearer(phone, 'POST', '/api/v1/contact/telephony/events', payload);
    const arrived = await event({ event: 'arrived', lineId: 'line_a', from: '+16135550111' });
    assert.equal(arrived.statusCode, 200, arrived.body);
    await refused(event({ event: 'arrived', lineId: 'line_b', from: '+16135550112' }), 'a caller on B');
    const onB = await arrive('line_b');
    await refused(event({ event: 'hangup', callId: onB }), 'hang up on B');
    await refused(event({ event: 'self_service', callId: onB, applicationNumber: 'P-1', dateOfBirth: '1980-01-01' }), 'self-service on B');
    assert.equal((await callRow(onB)).state, 'waiting');
  });

  test('the console acts as the signed-in person, in English and in French; a new agent starts there', async () => {
    const en = await as('agent_a', 'GET', '/en/contact/console');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /You are on lines Line A\./);
    assert.doesNotMatch(en.body, /id="agent"/, 'no agent picker for an agent');
    const fr = await as('agent_a', 'GET', '/fr/contact/console');
    assert.match(fr.body, /Vous êtes sur les lignes Ligne A\./);
    // Posting as another agent is refused like the API.
    const form = (extra: Record<string, string>) => ({ _csrf: people.agent_a!.csrf, ...extra });
    const post = (who: string, body: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/en/contact/console', headers: { cookie: people[who]!.jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });
    const before = await refusals();
    const other = await post('agent_a', form({ agent: people.agent_b!.agentId!, action: 'state', state: 'break' }));
    assert.equal(other.statusCode, 403);
    assert.equal(await refusals(), before + 1);
    const mine = await post('agent_a', form({ action: 'state', state: 'break' }));
    assert.equal(mine.statusCode, 303);
    assert.equal(mine.headers.location, '/en/contact/console?done=state');

    // The supervisor is on line A but not an agent yet: the console offers to start, and picks A's agents.
    const start = await as('supervisor_a', 'GET', '/fr/contact/console');
    assert.match(start.body, /Commencer à répondre aux appels/);
    assert.match(start.body, /<option value="[^"]+">agent_a2<\/option>/);
    assert.doesNotMatch(start.body, />agent_b</);
    const enrol = await t.app.inject({
      method: 'POST',
      url: '/fr/contact/console',
      headers: { cookie: people.supervisor_a!.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', people.supervisor_a!.csrf], ['action', 'enrol'], ['languages', 'fr']]).toString(),
    });
    assert.equal(enrol.statusCode, 303, enrol.body);
    const agent = await t.database.db.selectFrom('contact_agents').select(['id', 'languages', 'name']).where('staff_user_id', '=', people.supervisor_a!.userId).executeTakeFirstOrThrow();
    assert.deepEqual([agent.languages, agent.name], [['fr'], 'supervisor_a']);
    // Lines follow the account's assignments, whoever changes them.
    await assignStaffUser({ db: t.database.db, clock: t.clock, actor, userId: people.supervisor_a!.userId, assignments: { lines: ['line_a', 'line_b'] } });
    const lines = await t.database.db.selectFrom('contact_agent_lines as al').innerJoin('contact_lines as l', 'l.id', 'al.line_id').select('l.code').where('al.agent_id', '=', agent.id).orderBy('l.code').execute();
    assert.deepEqual(lines.map((l) => l.code), ['line_a', 'line_b']);
  });
});
