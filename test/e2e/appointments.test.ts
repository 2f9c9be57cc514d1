/**
 * A whole appointment in Chromium, JavaScript off: booking in English (with the mistakes a person
 * makes), the confirmation mail and its calendar file, moving it in French from the mail's link,
 * the reminder, "I have arrived" on the day, and an agent serving the client when due.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { createUser, TEST_PASSWORD } from '../helpers/http.js';
import { sendDueReminders } from '../../src/modules/appointments/index.js';
import { createI18n } from '../../src/platform/i18n/index.js';
import type { MemoryMailer } from '../../src/platform/mailer.js';

let suite: BrowserSuite;
let code: string;
before(async () => {
  suite = await startBrowserSuite();
  code = (await suite.t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=MB&type=scc&service=passport&pageSize=1' })).json().items[0].code;
  await createUser(suite.t.database, 'agent', 'agent@test.example');
});
after(() => suite?.close());

test('book, move, get reminded, check in and be served', async () => {
  const mailer = suite.t.mailer as MemoryMailer;
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/visits?q=${code}`);
  await page.click('text=Book an appointment');
  await page.selectOption('#service', 'passport');
  await page.click('text=See available days');
  await page.click('.day-list li:nth-child(2) a');
  await page.click('text=Book this appointment');
  const errors = await page.textContent('.error-summary');
  assert.match(errors!, /Choose a time/);
  assert.match(errors!, /Enter an email address/);
  await page.check('.slot-list input[type=radio] >> nth=2');
  await page.check('#language-fr');
  await page.fill('#email', 'client@example.com');
  await page.click('text=Book this appointment');
  assert.match(new URL(page.url()).pathname, /^\/fr\/mon-rendez-vous\//, 'the page follows the language chosen for the appointment');
  assert.match((await page.textContent('.notice-success'))!, /Votre rendez-vous est réservé/);
  const reference = (await page.textContent('h1'))!.replace('Votre rendez-vous ', '').trim();

  const confirmation = mailer.sent.find((m) => m.to === 'client@example.com' && m.subject.startsWith('Rendez-vous confirmé'))!;
  assert.ok(confirmation, 'a confirmation mail in French');
  const ics = String(confirmation.attachments![0]!.content);
  assert.match(ics, /BEGIN:VEVENT[\s\S]*DTSTART:\d{8}T\d{6}Z[\s\S]*END:VEVENT/);
  assert.match(ics, new RegExp(reference));
  const link = /(http\S+mon-rendez-vous\S+)/.exec(confirmation.text)![1]!;

  // From the mail's link, in French: move to another day.
  await page.goto(`${suite.base}${new URL(link).pathname}`);
  await page.click('.day-list li:nth-child(3) a');
  await page.check('.slot-list input[type=radio] >> nth=0');
  await page.click('text=Déplacer mon rendez-vous');
  assert.match((await page.textContent('.notice-success'))!, /Votre rendez-vous est déplacé/);
  const moved = mailer.sent.filter((m) => m.to === 'client@example.com').at(-1)!;
  assert.match(moved.subject, /Rendez-vous déplacé/);
  assert.match(String(moved.attachments![0]!.content), /SEQUENCE:1/);
  const when = new Date(/DTSTART:(\d{8}T\d{6}Z)/.exec(String(moved.attachments![0]!.content))![1]!.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, '$1-$2-$3T$4:$5:$6Z'));

  // The day before: one reminder.
  suite.t.clock.set(new Date(when.getTime() - 20 * 3_600_000));
  await sendDueReminders({ db: suite.t.database.db, clock: suite.t.clock, mailer, i18n: createI18n(), manageUrl: () => link });
  assert.ok(mailer.sent.some((m) => m.to === 'client@example.com' && m.subject.startsWith('Rappel')));

  // The day of, 20 minutes early: "I have arrived" gives a ticket, called when due.
  suite.t.clock.set(new Date(when.getTime() - 20 * 60_000));
  await page.goto(`${suite.base}${new URL(link).pathname}`);
  await page.click('button:text("Je suis arrivé")');
  const ticket = (await page.textContent('.ticket-number'))!.trim();
  assert.match(ticket, /^A-\d{3}$/);

  const office = await suite.browser.newContext();
  const agent = await office.newPage();
  await agent.goto(`${suite.base}/en/sign-in`);
  await agent.fill('#email', 'agent@test.example');
  await agent.fill('#password', TEST_PASSWORD);
  await Promise.all([agent.waitForURL(/\/en\/staff/), agent.click('main button[type=submit]')]);
  suite.t.clock.set(new Date(when.getTime() - 5 * 60_000));
  await agent.goto(`${suite.base}/en/visits/${code}/counters`);
  await agent.fill('#name', 'Counter 2');
  await agent.check('#service-passport');
  await agent.click('text=Open counter');
  await agent.click('text=Call next client');
  assert.match((await agent.textContent('#current-title'))!, new RegExp(ticket));
  await agent.click('main button:text("Complete")');
  await page.click('.notice-success a');
  assert.match((await page.textContent('main'))!, /Visite terminée/);
  await context.close();
  await office.close();
  suite.t.clock.set('2026-11-23T15:00:00Z');
});
