import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { systemActor } from '../../platform/audit.repo.js';
import { createApiToken } from '../../platform/auth/auth.service.js';
import { formatRosterDay, parseRosterDay, rosterProblems, slotCapacity } from './roster.js';
import { listSlots } from './slots.js';

describe('the roster, pure', () => {
  test('reads a day as windows and writes it back the same way', () => {
    const windows = parseRosterDay(2, '9:00-12:00 3; 13:00–16:30 ×2')!;
    assert.deepEqual(windows, [
      { weekday: 2, startsAt: '09:00', endsAt: '12:00', staff: 3 },
      { weekday: 2, startsAt: '13:00', endsAt: '16:30', staff: 2 },
    ]);
    assert.equal(formatRosterDay(windows, 2), '09:00-12:00 3; 13:00-16:30 2');
    assert.deepEqual(parseRosterDay(3, '  '), []);
    assert.equal(parseRosterDay(3, '9 to 5, three people'), null);
  });

  test('refuses windows that end before they start, overlap, or have no one', () => {
    assert.deepEqual(rosterProblems([{ weekday: 1, startsAt: '09:00', endsAt: '12:00', staff: 2 }]), {});
    assert.deepEqual(rosterProblems([{ weekday: 1, startsAt: '12:00', endsAt: '09:00', staff: 2 }]), { 'day-1': 'appointments.roster.window_invalid' });
    assert.deepEqual(rosterProblems([{ weekday: 4, startsAt: '09:00', endsAt: '12:00', staff: 0 }]), { 'day-4': 'appointments.roster.staff_invalid' });
    assert.deepEqual(rosterProblems([{ weekday: 5, startsAt: '09:00', endsAt: '12:00', staff: 1 }, { weekday: 5, startsAt: '11:30', endsAt: '14:00', staff: 1 }]), { 'day-5': 'appointments.roster.overlap' });
    assert.deepEqual(rosterProblems([{ weekday: 8, startsAt: '09:00', endsAt: '12:00', staff: 1 }]), { weekday: 'appointments.roster.weekday_invalid' });
  });

  test('a slot holds the smaller of the counters and the staff rostered for all of it', () => {
    const roster = [{ weekday: 1, startsAt: '09:00', endsAt: '12:00', staff: 2 }, { weekday: 1, startsAt: '12:00', endsAt: '16:00', staff: 6 }];
    const at = (startsAt: string, endsAt: string) => slotCapacity({ counters: 4, roster, weekday: 1, startsAt, endsAt });
    assert.equal(at('09:00', '09:20'), 2, 'two agents rostered');
    assert.equal(at('13:00', '13:20'), 4, 'six agents, but four counters');
    assert.equal(at('11:50', '12:10'), 0, 'no single window covers the slot');
    assert.equal(at('08:00', '08:20'), 0, 'nobody rostered');
    assert.equal(slotCapacity({ counters: 4, roster: [], weekday: 1, startsAt: '08:00', endsAt: '08:20' }), 4, 'no roster: the counters decide');
    const slots = listSlots({ date: '2026-03-09', timeZone: 'America/Toronto', hours: [{ weekday: 1, opensAt: '08:30', closesAt: '16:30' }], slotMinutes: 30, capacity: (slot) => slotCapacity({ counters: 4, roster, ...slot }), bookings: [], earliest: new Date(0) });
    assert.deepEqual(slots.filter((s) => s.remaining > 0).map((s) => `${s.time}:${s.remaining}`).slice(0, 3), ['09:00:2', '09:30:2', '10:00:2']);
    assert.equal(slots.find((s) => s.time === '08:30')!.remaining, 0);
  });
});

describe('the roster through the API and the settings page', () => {
  let t: TestApp;
  let site: { id: string; code: string };
  let supervisor: string;
  let agent: string;
  // Monday 23 November 2026, 10:00 in Toronto.
  before(async () => {
    t = await buildTestApp({ demo: 'network', now: '2026-11-23T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '100000' } });
    site = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json().items[0];
    supervisor = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 's', role: 'supervisor' })).token;
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'a', role: 'agent' })).token;
  });
  after(() => t.close());
  const put = (token: string, windows: unknown) => t.app.inject({ method: 'PUT', url: `/api/v1/sites/${site.code}/appointment-roster`, headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' }, payload: { windows } });
  const tuesday = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/appointment-slots?service=passport&date=2026-11-24` })).json().slots as { time: string; remaining: number }[];

  test('a supervisor rosters one agent on Tuesday mornings: Tuesday offers morning slots for one', async () => {
    assert.equal((await put(agent, [])).statusCode, 403);
    const saved = await put(supervisor, [{ weekday: 2, startsAt: '09:00', endsAt: '12:00', staff: 1 }]);
    assert.equal(saved.statusCode, 200);
    const slots = await tuesday();
    assert.ok(slots.length > 0 && slots.every((s) => s.time >= '09:00' && s.time < '12:00' && s.remaining === 1));
    const roster = await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.code}/appointment-roster`, headers: { authorization: `Bearer ${agent}` } });
    assert.deepEqual(roster.json(), { windows: [{ weekday: 2, startsAt: '09:00', endsAt: '12:00', staff: 1 }] });
  });

  test('bad windows are a translated 400 and change nothing', async () => {
    const bad = await put(supervisor, [{ weekday: 2, startsAt: '09:00', endsAt: '12:00', staff: 1 }, { weekday: 2, startsAt: '11:00', endsAt: '13:00', staff: 1 }]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().fields['day-2'], /se chevauchent/);
    assert.equal((await put(supervisor, [{ weekday: 2, startsAt: '9h', endsAt: '12:00', staff: 1 }])).statusCode, 400);
    const roster = await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.code}/appointment-roster`, headers: { authorization: `Bearer ${agent}` } });
    assert.equal(roster.json().windows.length, 1);
  });

  test('the settings page shows and saves the roster, one line a day, and re-shows an unreadable day with its error', async () => {
    await createUser(t.database, 'supervisor', 'sup@test.example');
    const { jar } = await signIn(t.app, 'sup@test.example');
    const url = `/fr/rendez-vous/${site.code}/parametres`;
    const page = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    assert.match(page.body, /value="09:00-12:00 1"/);
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body), action: 'roster', ...fields }).toString() });
    const unreadable = await post({ 'day-1': 'neuf à midi' });
    assert.equal(unreadable.statusCode, 400);
    assert.match(unreadable.body, /début-fin suivie du nombre d’agents|début-fin suivie du nombre d&#x27;agents|début-fin suivie du nombre d’agents/);
    const saved = await post({ 'day-1': '08:30-16:30 2', 'day-2': '' });
    assert.ok(saved.statusCode < 400);
    const roster = await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.code}/appointment-roster`, headers: { authorization: `Bearer ${agent}` } });
    assert.deepEqual(roster.json().windows, [{ weekday: 1, startsAt: '08:30', endsAt: '16:30', staff: 2 }]);
    assert.deepEqual(await tuesday(), [], 'nobody rostered on Tuesday any more');
  });
});
