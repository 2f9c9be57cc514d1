/**
 * The contact centre in Chromium: a client reads the published wait (French, JavaScript off);
 * three callers choose self-service, waiting and a callback through the telephony protocol; an
 * agent (a staff account on the line) starts on the console as themselves, answers the caller who held, dials the callback, which is not answered,
 * is retried at its place in line and answered; the supervisor's live view (French) follows;
 * a client writes in French without JavaScript and an agent answers from a template by email,
 * within the inquiry's business days.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { TEST_PASSWORD } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken, createStaffUser } from '../../src/platform/auth/auth.service.js';
import type { MemoryMailer } from '../../src/platform/mailer.js';

let suite: BrowserSuite;
let phone: (url: string, payload: object) => Promise<Record<string, unknown>>;
before(async () => {
  suite = await startBrowserSuite();
  const token = (await createApiToken({ assignments: { national: true }, db: suite.t.database.db, actor: systemActor('test'), name: 'phone', role: 'admin' })).token;
  phone = async (url, payload) => (await suite.t.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload })).json();
  await phone('/api/v1/contact/lines', { code: 'e2e_passport', nameEn: 'Passport (test)', nameFr: 'Passeport (essai)' });
  await createStaffUser({ db: suite.t.database.db, actor: systemActor('test'), email: 'agent@test.example', displayName: 'Amina E2E', role: 'agent', password: TEST_PASSWORD, assignments: { lines: ['e2e_passport'] } });
});
after(() => suite?.close());

async function signIn(page: Page, email: string, language: 'en' | 'fr' = 'en') {
  await page.goto(`${suite.base}/${language}/${language === 'en' ? 'sign-in' : 'connexion'}`);
  await page.fill('#email', email);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/(staff|personnel)/), page.click('main button[type=submit]')]);
}

const arrive = async (from: string, digits: string) => {
  suite.t.clock.advance(1000);
  const arrived = (await phone('/api/v1/contact/telephony/events', { event: 'arrived', lineId: 'e2e_passport', from })) as { callId: string; actions: { text?: string }[] };
  const chosen = (await phone('/api/v1/contact/telephony/events', { event: 'choice', callId: arrived.callId, digits })) as { actions: { action: string; text?: string }[] };
  return { callId: arrived.callId, announced: arrived.actions[0]!.text!, chosen };
};

test('three choices, a callback retried then answered, and the live supervisor view', async () => {
  const client = await (await suite.browser.newContext({ javaScriptEnabled: false })).newPage();
  await client.goto(`${suite.base}/fr/contact`);
  const row = (await client.textContent('tr:has-text("Passeport (essai)")'))!;
  assert.match(row, /Ouverte 24 heures sur 24/);
  // Nobody is staffed yet: the honest estimate is a handle time (five minutes by default).
  assert.match(row, /environ 5 à 10 minutes/);

  const selfService = await arrive('+16135550101', '1');
  assert.equal(selfService.chosen.actions[0]!.action, 'gather_status');
  const notFound = (await phone('/api/v1/contact/telephony/events', { event: 'self_service', callId: selfService.callId, applicationNumber: '123', dateOfBirth: '1980-01-01' })) as { actions: { text: string }[] };
  assert.match(notFound.actions[0]!.text, /could not find/);
  const holder = await arrive('+16135550102', '2');
  assert.equal(holder.chosen.actions[1]!.action, 'enqueue');
  const callback = await arrive('+16135550103', '3');
  assert.match(callback.chosen.actions[0]!.text!, /0103/);

  const supervisorContext = await suite.browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await signIn(supervisor, 'admin@test.example', 'fr');
  await supervisor.goto(`${suite.base}/fr/contact/superviseur`);
  await supervisor.waitForSelector('[data-live-ready="true"]');
  assert.match((await supervisor.textContent('tr:has-text("Passeport (essai)")'))!, /1 dus/);

  const agentContext = await suite.browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, 'agent@test.example');
  // The console is the signed-in person's: no one to pick; they start from their assignments.
  await agent.goto(`${suite.base}/en/contact/console`);
  assert.equal(await agent.locator('#agent').count(), 0);
  assert.match((await agent.textContent('#enrol-title'))!, /Start answering calls/);
  await agent.uncheck('#language-fr');
  await agent.click('text=Start as an agent');
  assert.match((await agent.textContent('.notice-success'))!, /You are now an agent/);
  assert.equal((await agent.textContent('#agent-title'))!, 'Amina E2E');
  assert.match((await agent.textContent('#agent-lines'))!, /^You are on lines Passport \(test\)\.$/);
  await agent.goto(`${suite.base}/fr/contact/console`);
  assert.match((await agent.textContent('#agent-lines'))!, /^Vous êtes sur les lignes Passeport \(essai\)\.$/);
  await agent.goto(`${suite.base}/en/contact/console`);
  await agent.selectOption('#state', 'available');
  await agent.click('text=Change state');
  await agent.click('text=Take next');
  assert.match((await agent.textContent('#call-title'))!, /^Call$/);
  assert.match((await agent.textContent('main dl'))!, /\+16135550102/);
  await agent.selectOption('#outcome', 'information_given');
  await agent.check('#resolved');
  await agent.click('main button:text("End the call")');
  assert.match((await agent.textContent('.notice-success'))!, /wrap-up/);
  // The supervisor's page reloads itself when the queue moves.
  await supervisor.waitForFunction(() => [...document.querySelectorAll('tbody tr')].some((tr) => /Passeport \(essai\)/.test(tr.textContent ?? '') && /100 %/.test(tr.textContent ?? '')));

  await agent.selectOption('#state', 'available');
  await agent.click('text=Change state');
  await agent.click('text=Take next');
  assert.match((await agent.textContent('#call-title'))!, /^Callback$/);
  await agent.click('text=No answer');
  assert.match((await agent.textContent('.notice-success'))!, /tried again later/);
  await agent.click('text=Take next');
  assert.match((await agent.textContent('.notice-success'))!, /Nobody is waiting/);
  suite.t.clock.advance(300_000);
  await agent.click('text=Take next');
  assert.match((await agent.textContent('main dl'))!, /\+16135550103/);
  await agent.click('text=Caller answered');
  assert.match((await agent.textContent('.notice-success'))!, /Connected/);
  await agent.selectOption('#outcome', 'status_given');
  await agent.click('main button:text("End the call")');
  const calls = await suite.t.database.db.selectFrom('contact_calls').select(['from_number', 'state', 'attempts', 'outcome_code']).where('from_number', 'in', ['+16135550102', '+16135550103']).orderBy('from_number').execute();
  assert.deepEqual(calls.map((c) => [c.state, c.attempts, c.outcome_code]), [['completed', 0, 'information_given'], ['completed', 2, 'status_given']]);
  await supervisorContext.close();
  await agentContext.close();
});

test('an email inquiry written without JavaScript is answered within its business days', async () => {
  const client = await (await suite.browser.newContext({ javaScriptEnabled: false })).newPage();
  await client.goto(`${suite.base}/fr/contact`);
  await client.click('main a:has-text("répondons en 3 jours")');
  await client.click('main button[type=submit]');
  assert.match((await client.textContent('.error-summary'))!, /Choisissez le sujet de votre question/);
  await client.selectOption('#line', 'e2e_passport');
  await client.fill('#name', 'Léa Tremblay');
  await client.fill('#email', 'lea@example.ca');
  await client.fill('#subject', 'Renouvellement');
  await client.fill('#body', 'Puis-je renouveler par la poste?');
  await client.click('main button[type=submit]');
  const notice = (await client.textContent('.notice-success'))!;
  const [, reference, due] = /demande (CQ-[0-9A-F]+)\. Nous répondrons au plus tard le (\d{4}-\d{2}-\d{2})/.exec(notice)!;
  assert.equal(due, '2026-11-26', 'three business days after Monday');

  const agent = await (await suite.browser.newContext()).newPage();
  await signIn(agent, 'agent@test.example');
  await agent.goto(`${suite.base}/en/contact/inquiries`);
  await agent.click(`text=${reference}`);
  await agent.click('text=Send the answer');
  assert.match((await agent.textContent('.error-summary'))!, /Enter your message/);
  await agent.selectOption('#template', 'answer');
  await agent.fill('#text', 'Oui, avec le formulaire PPTC 054.');
  await agent.click('text=Send the answer');
  assert.match((await agent.textContent('.notice-success'))!, new RegExp(`${reference} answered`));
  const mail = (suite.t.mailer as MemoryMailer).sent.find((m) => m.to === 'lea@example.ca')!;
  assert.equal(mail.language, 'fr');
  assert.match(mail.subject, new RegExp(`Votre demande ${reference}`));
  assert.match(mail.text, /Bonjour Léa Tremblay/);
  const row = await suite.t.database.db.selectFrom('contact_inquiries').select(['state', 'answered_at', 'due_on']).where('reference', '=', reference!).executeTakeFirstOrThrow();
  assert.equal(row.state, 'answered');
  assert.ok(row.answered_at!.toISOString().slice(0, 10) <= row.due_on);
});

test('every contact page passes axe in both languages (signed in as an administrator), error summaries included', async () => {
  const agents = (await suite.t.database.db.selectFrom('contact_agents').select('id').where('name', '=', 'Amina E2E').execute()).map((a) => a.id);
  await arrive('+16135550104', '2');
  await phone(`/api/v1/contact/agents/${agents[0]}/state`, { state: 'available' });
  await phone(`/api/v1/contact/agents/${agents[0]}/next`, {});
  const inquiry = (await phone('/api/v1/contact/inquiries', { line: 'e2e_passport', name: 'Axe', email: 'axe@example.ca', subject: 'Axe', body: 'Axe' })) as { id: string };
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'admin@test.example');
  const violations: string[] = [];
  const check = async (path: string, submit = false) => {
    await page.goto(`${suite.base}${path}`);
    if (submit) await page.click('main form[method=post] button[type=submit]');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    violations.push(...results.violations.map((v) => `${path}${submit ? ' (submitted)' : ''}: ${v.id} ${v.help}`));
  };
  for (const path of ['/en/contact', '/fr/contact', '/en/contact/inquiries', '/fr/contact/demandes', '/en/contact/supervisor', '/fr/contact/superviseur', `/en/contact/console?agent=${agents[0]}`, `/fr/contact/console?agent=${agents[0]}`, `/en/contact/inquiries/${inquiry.id}`]) await check(path);
  for (const path of ['/en/contact/write-to-us', '/fr/contact/ecrivez-nous', `/fr/contact/demandes/${inquiry.id}`]) {
    await check(path);
    await check(path, true);
  }
  assert.deepEqual(violations, []);
  await context.close();
});
