/**
 * Email and web inquiries: due in the line's business days (weekends and holidays skipped, from
 * the maintained holiday library), received from the public API and from a raw email, listed
 * by due date, answered from a bilingual template through a real SMTP server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createSmtpMailer } from '../../src/platform/mailer.js';
import { createHolidayCalendar } from '../../src/platform/holidays.js';
import { dueDate } from '../../src/modules/contact/index.js';

test('due dates count business days, skipping weekends and public holidays', () => {
  const holidays = createHolidayCalendar();
  const due = (at: string, days = 3, province = 'ON') => dueDate({ receivedAt: new Date(at), timeZone: 'America/Toronto', province, days, holidays });
  assert.equal(due('2026-11-23T15:00:00Z'), '2026-11-26', 'Monday + 3 = Thursday');
  assert.equal(due('2026-11-27T15:00:00Z'), '2026-12-02', 'Friday + 3 skips the weekend');
  assert.equal(due('2026-12-31T15:00:00Z'), '2027-01-06', 'New Year’s Day does not count');
  assert.equal(due('2026-06-23T15:00:00Z', 3, 'QC'), '2026-06-29', 'Quebec’s Fête nationale (24 June) does not count in Quebec');
  assert.equal(due('2026-06-23T15:00:00Z', 3, 'ON'), '2026-06-26', 'but it does in Ontario');
});

describe('inquiries', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let agent: string;
  before(async () => {
    smtp = await startSmtpServer();
    t = await buildTestApp({ now: '2026-11-23T15:00:00Z', mailer: createSmtpMailer({ url: smtp.url, from: 'no-reply@guichet.test' }) });
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
    const admin = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'admin', role: 'admin' })).token;
    await t.app.inject({ method: 'POST', url: '/api/v1/contact/lines', headers: { authorization: `Bearer ${admin}` }, payload: { code: 'passport', nameEn: 'Passport', nameFr: 'Passeport' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/contact/lines', headers: { authorization: `Bearer ${admin}` }, payload: { code: 'ei', nameEn: 'EI', nameFr: 'AE', inquiryDueDays: 5 } });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('a web inquiry and an inbound email, listed by due date, answered in French through SMTP', async () => {
    const auth = { authorization: `Bearer ${agent}` };
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/contact/inquiries', headers: { 'accept-language': 'fr' }, payload: { line: 'passport', name: '', email: 'nope', subject: 'x', body: 'y' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().fields.email, /adresse courriel/);
    const web = await t.app.inject({ method: 'POST', url: '/api/v1/contact/inquiries', payload: { line: 'ei', name: 'Léa Tremblay', email: 'lea@example.ca', subject: 'Relevé d’emploi', body: 'Où en est mon relevé ?', language: 'fr' } });
    assert.equal(web.statusCode, 201, web.body);
    assert.equal(web.json().dueOn, '2026-11-30', 'five business days on this line');
    t.clock.advance(60_000);
    const raw = ['From: Sam Lee <sam@example.com>', 'To: passport@contact.guichet.test', 'Subject: Renewal question', 'Content-Language: en', 'Content-Type: text/plain; charset=utf-8', '', 'Can I renew a passport that expired last year?', ''].join('\r\n');
    const email = await t.app.inject({ method: 'POST', url: '/api/v1/contact/inquiries/email', headers: auth, payload: { raw, fallbackLine: 'ei' } });
    assert.equal(email.statusCode, 201, email.body);
    assert.equal(email.json().dueOn, '2026-11-26');
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/contact/inquiries', headers: auth })).json().items;
    assert.deepEqual(inbox.map((i: { subject: string }) => i.subject), ['Renewal question', 'Relevé d’emploi'], 'earliest due first');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/contact/inquiries', headers: {} })).statusCode, 401);

    const id = web.json().id;
    const read = (await t.app.inject({ method: 'GET', url: `/api/v1/contact/inquiries/${id}`, headers: auth })).json();
    assert.equal(read.body, 'Où en est mon relevé ?');
    t.clock.advance(2 * 86_400_000);
    const replied = await t.app.inject({ method: 'POST', url: `/api/v1/contact/inquiries/${id}/reply`, headers: auth, payload: { template: 'answer', text: 'Votre relevé a été reçu le 20 novembre.' } });
    assert.equal(replied.statusCode, 200, replied.body);
    assert.equal(replied.json().withinStandard, true);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/contact/inquiries/${id}/reply`, headers: auth, payload: { template: 'answer', text: 'again' } })).statusCode, 409);
    const mail = smtp.received.find((m) => m.to.includes('lea@example.ca'));
    assert.ok(mail, 'the reply went through SMTP');
    assert.match(mail.raw, /Content-Language: fr/i);
    assert.match(mail.raw, /Subject: =\?UTF-8\?|Subject: Votre demande/);
    const audits = await t.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    assert.deepEqual(audits.map((a) => a.action).sort(), ['contact.inquiry_read', 'contact.inquiry_receive', 'contact.inquiry_reply']);
  });
});
