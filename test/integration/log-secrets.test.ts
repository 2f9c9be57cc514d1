/**
 * Nothing secret or personal reaches the log. Public journeys (the status tracker through the API
 * and the pages in both languages, the virtual queue with an email and a phone, an appointment,
 * written inquiries) and staff journeys (signing in with a password, API calls with a bearer
 * token, a file looked up by number, the contact centre's self-service status check) run against
 * an app logging everything at `trace`, mail and text messages going to the log too; then every
 * value used — numbers, dates of birth in every usual format, emails, phones, tokens, cookies,
 * passwords — is searched for in what was written: none may appear.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { assignStaffUser } from '../../src/platform/auth/assignments.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import { fixedClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { createI18n } from '../../src/platform/i18n/index.js';
import { createMailer } from '../../src/platform/mailer.js';
import { seedDemo } from '../../src/seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { CookieJar, createUser, csrfTokenOf, signIn, TEST_PASSWORD } from '../helpers/http.js';

// Monday 23 November 2026, 10:00 in Toronto: Ontario offices and lines are open.
const NOW = '2026-11-23T15:00:00Z';
const APPLICANT = { surname: 'Quillfeather', givenNames: 'Ysolde', dateOfBirth: '1985-04-23' };
const WRONG_PASSWORD = 'not the right horse battery staple';

const lines: string[] = [];
/** Every value the journeys used that must not be written down. */
const secrets = new Set<string>();
let database: TestDatabase;
let app: FastifyInstance;

function keep(...values: (string | undefined)[]) {
  for (const value of values) if (value) secrets.add(value);
}

/** A date of birth as people and programs write it. */
function dateFormats(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const date = new Date(`${iso}T00:00:00Z`);
  const long = (locale: string, month: 'long' | 'short') => date.toLocaleDateString(locale, { timeZone: 'UTC', day: 'numeric', month, year: 'numeric' });
  return [iso, `${y}${m}${d}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${y}/${m}/${d}`, `${d}-${m}-${y}`, long('en-CA', 'long'), long('en-CA', 'short'), long('fr-CA', 'long'), long('en-GB', 'long'), date.toISOString(), String(date.getTime())];
}

/** A phone number as typed and as normalised. */
function phoneFormats(phone: string): string[] {
  const digits = phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return [phone, digits, `+1${digits}`, `1${digits}`, `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`, `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`];
}

const keepCookies = (response: LightMyRequestResponse) => {
  for (const cookie of response.cookies as { value: string }[]) {
    keep(cookie.value, decodeURIComponent(cookie.value));
    // A signed cookie is `value.signature`: the value alone is the session's secret.
    keep(decodeURIComponent(cookie.value).replace(/\.[^.]+$/, ''));
  }
};

before(async () => {
  database = await createTestDatabase();
  await seedDemo(database, { histories: false });
  const config = loadConfig({ GUICHET_DATA_DIR: 'memory://', COOKIE_SECURE: 'false', PUBLIC_RATE_LIMIT: '100000', MAIL_TRANSPORT: 'log', SMS_TRANSPORT: 'log' });
  const sink: { log?: (entry: object, message: string) => void } = {};
  const mailer = createMailer(config.mail, (entry, message) => sink.log?.(entry, message));
  const stream = { write: (line: string) => void lines.push(line) };
  app = await buildApp({ config, database, clock: fixedClock(NOW), mailer, i18n: createI18n(), logger: { level: 'trace', stream } });
  sink.log = (entry, message) => app.log.info(entry, message);
});
after(async () => {
  await app.close();
  await database.close();
});

test('the public and staff journeys leave no secret in the log', async () => {
  // ── staff: a token, a password, a session ────────────────────────────────────────────────
  const agentToken = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
  const adminToken = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'admin', role: 'admin' })).token;
  keep(agentToken, adminToken, TEST_PASSWORD, WRONG_PASSWORD);
  const agentEmail = 'officer.lemieux@canada.example';
  await createUser(database, 'agent', agentEmail);
  keep(agentEmail);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  const refused = await signIn(app, agentEmail, WRONG_PASSWORD);
  assert.notEqual(refused.response.statusCode, 303);
  const { jar, response: signedIn } = await signIn(app, agentEmail);
  assert.equal(signedIn.statusCode, 303);
  keepCookies(signedIn);

  const site = (await app.inject({ method: 'GET', url: '/api/v1/service-points?province=ON&type=scc&service=passport&pageSize=1' })).json().items[0] as { id: string; code: string };
  const noticeEmail = 'ysolde.quillfeather@courriel.example';
  keep(noticeEmail, APPLICANT.surname, APPLICANT.givenNames, ...dateFormats(APPLICANT.dateOfBirth));
  const intake = await app.inject({ method: 'POST', url: '/api/v1/applications', headers: bearer(agentToken), payload: { type: 'passport_regular', channel: 'in_person', siteId: site.id, applicant: APPLICANT, email: noticeEmail } });
  assert.equal(intake.statusCode, 201, intake.body);
  const number = intake.json().applicationNumber as string;
  keep(number, number.toLowerCase());

  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/applications/${number}`, headers: bearer(agentToken) })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/applications?programme=passport`, headers: bearer(agentToken) })).statusCode, 200);
  assert.equal((await app.inject({ method: 'POST', url: `/api/v1/applications/${number}/transitions`, headers: bearer(agentToken), payload: { to: 'review' } })).statusCode, 200);
  const casePage = await app.inject({ method: 'GET', url: `/en/cases/${number}`, headers: { cookie: jar.header() } });
  assert.equal(casePage.statusCode, 200);
  const unknownCase = await app.inject({ method: 'GET', url: `/api/v1/applications/Z${number.slice(1)}`, headers: bearer(agentToken) });
  assert.equal(unknownCase.statusCode, 404);
  keep(`Z${number.slice(1)}`);

  // ── public: the status tracker, API and pages, English and French ──────────────────────
  const wrongDate = '1985-04-24';
  keep(...dateFormats(wrongDate));
  for (const language of ['en', 'fr']) {
    const found = await app.inject({ method: 'POST', url: '/api/v1/status', headers: { 'accept-language': language }, payload: { applicationNumber: number, dateOfBirth: APPLICANT.dateOfBirth } });
    assert.equal(found.statusCode, 200, found.body);
    const missed = await app.inject({ method: 'POST', url: '/api/v1/status', headers: { 'accept-language': language }, payload: { applicationNumber: number, dateOfBirth: wrongDate } });
    assert.equal(missed.statusCode, 404);
  }
  // An old bookmark with the secrets in its query string is answered by the empty form.
  const bookmark = await app.inject({ method: 'GET', url: `/en/application-status?applicationNumber=${number}&dateOfBirth=${APPLICANT.dateOfBirth}` });
  assert.equal(bookmark.statusCode, 303);
  for (const path of ['/en/application-status', '/fr/etat-de-la-demande']) {
    const visitor = new CookieJar();
    const form = await app.inject({ method: 'GET', url: path });
    visitor.store(form);
    keepCookies(form);
    const csrf = csrfTokenOf(form.body);
    keep(csrf);
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers: { cookie: visitor.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...fields, _csrf: csrf }).toString() });
    const result = await post(path, { applicationNumber: number, dateOfBirth: APPLICANT.dateOfBirth });
    assert.equal(result.statusCode, 200);
    assert.match(result.body, new RegExp(number));
    const notices = await post(path.startsWith('/en') ? '/en/application-status/notices' : '/fr/etat-de-la-demande/avis', { applicationNumber: number, dateOfBirth: APPLICANT.dateOfBirth, email: noticeEmail });
    assert.equal(notices.statusCode, 200);
  }
  // A stage move now sends a notice (through the log transport).
  assert.equal((await app.inject({ method: 'POST', url: `/api/v1/applications/${number}/transitions`, headers: bearer(agentToken), payload: { to: 'printing' } })).statusCode, 200);

  // ── public: the virtual queue, an appointment, inquiries ────────────────────────────────
  const queueEmail = 'client.file@exemple.example';
  const queuePhone = '613 555 0147';
  keep(queueEmail, ...phoneFormats(queuePhone));
  const reception = (await createApiToken({ assignments: { national: true }, db: database.db, actor: systemActor('test'), name: 'reception', role: 'reception' })).token;
  keep(reception);
  for (let i = 0; i < 5; i++) assert.equal((await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/visits`, headers: bearer(reception), payload: { service: 'sin', channel: 'walk_in' } })).statusCode, 201);
  const joined = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/virtual-queue`, payload: { service: 'sin', language: 'fr', contact: { email: queueEmail, phone: queuePhone } } });
  assert.equal(joined.statusCode, 201, joined.body);
  const ticketUrl = new URL(joined.json().ticketUrl as string);
  const ticketToken = ticketUrl.pathname.split('/').pop()!;
  keep(ticketToken);
  assert.equal((await app.inject({ method: 'GET', url: `/api/v1/tickets/${ticketToken}` })).statusCode, 200);
  assert.equal((await app.inject({ method: 'GET', url: ticketUrl.pathname })).statusCode, 200);
  // Serving the queue until the client is near sends the turn notices by mail and text.
  const counter = (await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters`, headers: bearer(agentToken), payload: { name: 'Counter 9', services: ['sin'] } })).json().id as string;
  for (let i = 0; i < 3; i++) {
    const called = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/counters/${counter}/call-next`, headers: bearer(agentToken) });
    assert.equal(called.statusCode, 200, called.body);
    await app.inject({ method: 'POST', url: `/api/v1/visits/${called.json().visit.id}/complete`, headers: bearer(agentToken), payload: { outcome: 'served' } });
  }

  const bookingEmail = 'rendez-vous.personne@exemple.example';
  keep(bookingEmail);
  const slot = (await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/appointment-slots?service=passport&date=2026-11-24` })).json().slots[0] as { startsAt: string };
  const booked = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.code}/appointments`, payload: { service: 'passport', startsAt: slot.startsAt, email: bookingEmail, language: 'en' } });
  assert.equal(booked.statusCode, 201, booked.body);
  const manage = new URL(booked.json().manageUrl as string);
  keep(manage.pathname.split('/').pop());
  assert.equal((await app.inject({ method: 'GET', url: manage.pathname })).statusCode, 200);

  await app.inject({ method: 'POST', url: '/api/v1/contact/lines', headers: bearer(adminToken), payload: { code: 'passport', nameEn: 'Passport', nameFr: 'Passeport' } });
  const inquiryEmail = 'ecrivain.anonyme@exemple.example';
  keep(inquiryEmail);
  const inquiry = await app.inject({ method: 'POST', url: '/api/v1/contact/inquiries', payload: { line: 'passport', name: 'Ysolde Quillfeather', email: inquiryEmail, subject: 'Renouvellement', body: 'Où en est ma demande ?', language: 'fr' } });
  assert.equal(inquiry.statusCode, 201, inquiry.body);
  const writeToUs = await app.inject({ method: 'GET', url: '/fr/contact/ecrivez-nous' });
  const visitor = new CookieJar();
  visitor.store(writeToUs);
  keepCookies(writeToUs);
  const pageInquiry = await app.inject({
    method: 'POST',
    url: '/fr/contact/ecrivez-nous',
    headers: { cookie: visitor.header(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ line: 'passport', name: 'Ysolde Quillfeather', email: inquiryEmail, subject: 'Renouvellement', body: 'Question', _csrf: csrfTokenOf(writeToUs.body) }).toString(),
  });
  assert.equal(pageInquiry.statusCode, 200);

  // ── staff: the contact centre's self-service status check ───────────────────────────────
  const callerPhone = '+1 (819) 555-0163';
  keep(...phoneFormats(callerPhone));
  // The officer also answers the passport line: a contact agent is a staff account on its lines.
  const officer = await database.db.selectFrom('staff_users').select('id').where('email', '=', agentEmail).executeTakeFirstOrThrow();
  await assignStaffUser({ db: database.db, clock: fixedClock(NOW), actor: systemActor('test'), userId: officer.id, assignments: { national: true, lines: ['passport'] } });
  const enrolled = await app.inject({ method: 'POST', url: '/api/v1/contact/agents', headers: bearer(adminToken), payload: { email: agentEmail, languages: ['en', 'fr'] } });
  assert.equal(enrolled.statusCode, 201, enrolled.body);
  const call = (await app.inject({ method: 'POST', url: '/api/v1/contact/lines/passport/calls', headers: bearer(agentToken), payload: { from: callerPhone } })).json().callId as string;
  await app.inject({ method: 'POST', url: `/api/v1/contact/calls/${call}/choice`, headers: bearer(agentToken), payload: { choice: 'self_service' } });
  const selfService = await app.inject({ method: 'POST', url: `/api/v1/contact/calls/${call}/status-check`, headers: bearer(agentToken), payload: { applicationNumber: number, dateOfBirth: APPLICANT.dateOfBirth } });
  assert.equal(selfService.json().found, true);

  // ── an error logged in full: a database error carries the values it refused ─────────────
  const failure = await sql`select ${APPLICANT.dateOfBirth + 'x'}::date, ${noticeEmail}::int`.execute(database.db).catch((error: unknown) => error);
  assert.ok(failure instanceof Error);
  keep(APPLICANT.dateOfBirth + 'x');
  app.log.error({ err: failure }, 'unexpected error');

  // ── the scan ────────────────────────────────────────────────────────────────────────────
  // Notices leave after the response that caused them.
  for (let waited = 0; !lines.some((line) => line.includes('sms (log transport)')) && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  const log = lines.join('').toLowerCase();
  const hits = [...secrets].filter((value) => log.includes(value.toLowerCase()));
  console.log(`log scan: ${secrets.size} values searched in ${lines.length} log lines (${log.length} characters), ${hits.length} found`);
  assert.ok(lines.length > 100, `the journeys were logged (${lines.length} lines)`);
  assert.match(log, /"url":"\/api\/v1\/applications\/:number"/, 'requests are logged, with their path');
  assert.match(log, /mail \(log transport\)/, 'mail went to the log');
  assert.match(log, /sms \(log transport\)/, 'text messages went to the log');
  assert.match(log, /unexpected error/, 'the error was logged');
  assert.deepEqual(hits, []);
});
