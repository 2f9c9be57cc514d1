import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { startSmtpServer } from '../../../test/helpers/smtp.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { systemActor } from '../../platform/audit.repo.js';
import { createApiToken } from '../../platform/auth/auth.service.js';
import { createMailer } from '../../platform/mailer.js';
import { addBlackout } from './lifecycle.service.js';
import { markNoShows, sendDueReminders } from './index.js';
import { getBookingRules } from './booking.service.js';
import { getServicePoint } from '../network/index.js';

// Monday 23 November 2026, 10:00 in Toronto.
const NOW = '2026-11-23T15:00:00Z';

describe('appointments', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let site: { id: string; code: string };
  let capacity: number;
  let reception: string;
  let agent: string;

  before(async () => {
    smtp = await startSmtpServer();
    const mailer = createMailer({ transport: 'smtp', smtpUrl: smtp.url, from: 'Guichet <no-reply@guichet.test>' }, () => undefined);
    t = await buildTestApp({ demo: 'network', now: NOW, mailer, env: { PUBLIC_RATE_LIMIT: '100000' } });
    site = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json().items[0];
    capacity = (await getBookingRules({ db: t.database.db, site: await getServicePoint({ db: t.database.db, ref: site.id }) })).counters;
    reception = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'r', role: 'reception' })).token;
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'a', role: 'agent' })).token;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  const slots = async (date?: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/appointment-slots?service=passport${date ? `&date=${date}` : ''}` })).json();
  const book = (startsAt: string, extra: object = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.code}/appointments`, payload: { service: 'passport', startsAt, email: 'client@example.com', language: 'fr', ...extra } });
  const waitForMail = async (count: number) => {
    for (let waited = 0; smtp.received.length < count && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  test('free days skip weekends and holidays; today starts after the lead time', async () => {
    const { days } = await slots();
    const dates = days.map((d: { date: string }) => d.date);
    assert.ok(dates.includes('2026-11-23'));
    assert.ok(!dates.includes('2026-11-28') && !dates.includes('2026-11-29'), 'closed at the weekend');
    assert.ok(!dates.includes('2026-12-25'), 'closed on Christmas Day');
    const today = (await slots('2026-11-23')).slots;
    assert.ok(today.every((s: { startsAt: string }) => s.startsAt >= '2026-11-23T17:00:00.000Z'), 'two hours of lead time');
  });

  test('booking confirms by real SMTP with an iCalendar file, in the client’s language', async () => {
    const slot = (await slots('2026-11-24')).slots[0];
    const booked = await book(slot.startsAt);
    assert.equal(booked.statusCode, 201);
    assert.match(booked.json().reference, /^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    assert.match(booked.json().manageUrl, /\/fr\/mon-rendez-vous\/[0-9a-f-]{36}\/[A-Za-z0-9_-]{32}$/);
    await waitForMail(1);
    const mail = smtp.received.at(-1)!.raw;
    assert.match(mail, /Subject: =\?UTF-8\?Q\?Rendez-vous_confirm|Subject: Rendez-vous confirm/);
    assert.match(mail, /Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/);
    assert.match(mail, /appointment\.ics/);
    const page = await t.app.inject({ method: 'GET', url: new URL(booked.json().manageUrl).pathname });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(booked.json().reference));
    const forged = await t.app.inject({ method: 'GET', url: new URL(booked.json().manageUrl).pathname.replace(/\/[A-Za-z0-9_-]{32}$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') });
    assert.equal(forged.statusCode, 404);
  });

  test('a slot holds as many clients as the counters set aside, then refuses', async () => {
    const slot = (await slots('2026-11-25')).slots[3];
    const results = await Promise.all(Array.from({ length: capacity + 2 }, () => book(slot.startsAt)));
    assert.equal(results.filter((r) => r.statusCode === 201).length, capacity);
    const refused = results.find((r) => r.statusCode === 409)!;
    assert.equal(refused.json().fields.startsAt, 'Someone just booked this time. Choose another one.');
    assert.ok(!(await slots('2026-11-25')).slots.some((s: { startsAt: string }) => s.startsAt === slot.startsAt));
  });

  test('bad input is refused whole, in French when asked', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/appointments`, headers: { 'accept-language': 'fr' }, payload: { service: 'passport', startsAt: '2026-11-24T03:00:00Z', email: 'nope' } });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().fields.email, 'Entrez une adresse courriel comme nom@exemple.ca.');
    const offGrid = await book('2026-11-24T15:07:00.000Z');
    assert.equal(offGrid.json().fields.startsAt, 'This time is not available. Choose one of the times listed.');
    const selfService = await book((await slots('2026-11-24')).slots[0].startsAt, { service: 'self_service' });
    assert.equal(selfService.statusCode, 400);
  });

  test('a blackout day takes the day off the calendar', async () => {
    await addBlackout({ db: t.database.db, actor: systemActor('test'), siteId: site.id, day: '2026-11-26', reason: 'Staff training' });
    assert.ok(!(await slots()).days.some((d: { date: string }) => d.date === '2026-11-26'));
    assert.deepEqual((await slots('2026-11-26')).slots, []);
  });

  test('reminder the day before (once), check-in on arrival, called when due before earlier walk-ins', async () => {
    const slot = (await slots('2026-11-27')).slots.find((s: { time: string }) => s.time >= '10:00');
    const start = new Date(slot.startsAt).getTime();
    const minutesBefore = (m: number) => new Date(start - m * 60_000);
    const booked = (await book(slot.startsAt, { email: 'remind@example.com' })).json();
    t.clock.set('2026-11-26T16:00:00Z');
    const noticeDeps = { db: t.database.db, clock: t.clock, mailer: t.mailer, i18n: (await import('../../platform/i18n/index.js')).createI18n(), manageUrl: () => 'http://localhost/x' };
    const sent = await sendDueReminders(noticeDeps);
    assert.ok(sent >= 1);
    assert.equal(await sendDueReminders(noticeDeps), 0, 'never twice');
    await waitForMail(1);
    assert.ok(smtp.received.some((m) => m.to.includes('remind@example.com') && /Rappel/.test(m.raw)));

    // The day of: a walk-in arrives 20 minutes before, the appointment holder checks in 15 minutes before.
    t.clock.set(minutesBefore(20));
    const counter = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters`, headers: { authorization: `Bearer ${agent}` }, payload: { name: 'Desk A', services: ['passport'] } })).json().id;
    await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/visits`, headers: { authorization: `Bearer ${reception}` }, payload: { service: 'passport', channel: 'walk_in' } });
    t.clock.set(minutesBefore(15));
    const early = await t.app.inject({ method: 'POST', url: '/api/v1/appointments/check-in', headers: { authorization: `Bearer ${reception}` }, payload: { reference: booked.reference } });
    assert.equal(early.statusCode, 201);
    assert.match(early.json().ticket, /^A-\d{3}$/);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/appointments/check-in', headers: { authorization: `Bearer ${reception}` }, payload: { reference: booked.reference } });
    assert.equal(again.statusCode, 409);
    // Eight minutes before, the appointment is due (within ten minutes): called before the earlier walk-in.
    t.clock.set(minutesBefore(8));
    const called = (await t.app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/${counter}/call-next`, headers: { authorization: `Bearer ${agent}` } })).json().visit;
    assert.equal(called.ticket, early.json().ticket);
    assert.equal(called.channel, 'appointment');
    t.clock.set(NOW);
  });

  test('no-show after the grace period; cancelling needs the link’s signature', async () => {
    const slot = (await slots('2026-11-30')).slots[0];
    const missed = (await book(slot.startsAt)).json();
    const kept = (await book((await slots('2026-11-30')).slots[1].startsAt)).json();
    const signature = kept.manageUrl.split('/').pop();
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${kept.id}/cancel`, payload: { signature: 'x'.repeat(32) } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/appointments/${kept.id}/cancel`, payload: { signature } })).statusCode, 204);
    t.clock.set(new Date(new Date(slot.startsAt).getTime() + 20 * 60_000));
    assert.ok((await markNoShows({ db: t.database.db, clock: t.clock })) >= 1);
    const page = await t.app.inject({ method: 'GET', url: new URL(missed.manageUrl).pathname });
    assert.match(page.body, /Manqué/);
    const cancelledPage = await t.app.inject({ method: 'GET', url: new URL(kept.manageUrl).pathname });
    assert.match(cancelledPage.body, /Annulé/);
    t.clock.set(NOW);
  });

  test('a supervisor sets which services take appointments and for how long', async () => {
    await createUser(t.database, 'supervisor');
    const { jar } = await signIn(t.app, 'supervisor@test.example');
    const url = `/fr/rendez-vous/${site.code}/parametres`;
    const form = await t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
    assert.equal(form.statusCode, 200);
    const post = (fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenOf(form.body), action: 'services', ...fields }).toString() });
    const bad = await post({ 'bookable-passport': '1', 'slot-passport': '3' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entrez un nombre entier de minutes de 5 à 240/);
    const good = await post({ 'bookable-passport': '1', 'slot-passport': '30', 'slot-sin': '15' });
    assert.equal(good.statusCode, 200);
    const times = (await slots('2026-12-01')).slots.map((s: { time: string }) => s.time);
    const [first, second] = times.map((time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
    assert.equal(second - first, 30);
    const sin = await t.app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/appointment-slots?service=sin` });
    assert.equal(sin.statusCode, 400, 'SIN no longer takes appointments (its box was left unticked)');
  });

  test('the booking pages answer in both languages, with the steps in the URL', async () => {
    for (const url of [`/en/appointments/${site.code}/book`, `/fr/rendez-vous/${site.code}/reserver?service=passport`, `/en/appointments/${site.code}/book?service=passport&date=2026-11-24`]) {
      const page = await t.app.inject({ method: 'GET', url });
      assert.equal(page.statusCode, 200, url);
    }
    const times = await t.app.inject({ method: 'GET', url: `/en/appointments/${site.code}/book?service=passport&date=2026-11-24` });
    assert.match(times.body, /name="startsAt"/);
  });
});
