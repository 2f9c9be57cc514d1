/**
 * A QA reviewer's day in Chromium: from the staff page to the queue, a file reviewed in English
 * (first refused with an error summary, then recorded with a finding and feedback), another in
 * French with JavaScript off, the draw checked against the key; then the agent reads their feedback.
 * Every page visited passes axe.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { considerForQaSample } from '../../src/modules/qa/index.js';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { createUser, TEST_PASSWORD } from '../helpers/http.js';

let suite: BrowserSuite;
const drawn: string[] = [];
const violations: string[] = [];

before(async () => {
  suite = await startBrowserSuite();
  const { t } = suite;
  await createUser(t.database, 'qa_reviewer', 'reviewer@test.example');
  const agent = await createUser(t.database, 'agent', 'agent@test.example');
  // Passport files reach printing, as the cases module reports them, until the rule draws two.
  for (let n = 0; drawn.length < 2 && n < 5000; n++) {
    const applicationId = `e2e-qa-${n}`;
    await t.database.db.transaction().execute((trx) =>
      considerForQaSample(trx, { applicationId, applicationNumber: `E2E${String(n).padStart(6, '0')}`, programme: 'passport', typeCode: 'regular', stage: 'printing', siteId: null, agentId: agent.id, at: t.clock.now() }),
    );
    const row = await t.database.db.selectFrom('qa_frame').select(['application_number', 'drawn']).where('application_id', '=', applicationId).executeTakeFirst();
    if (row?.drawn) drawn.push(row.application_number);
  }
});
after(() => suite?.close());

async function signIn(page: Page, email: string, language: 'en' | 'fr' = 'en') {
  await page.goto(`${suite.base}/${language}/${language === 'en' ? 'sign-in' : 'connexion'}`);
  await page.fill('#email', email);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/(staff|personnel)/), page.click('main button[type=submit]')]);
}

async function axe(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  violations.push(...results.violations.map((v) => `${label}: ${v.id} ${v.help}`));
}

test('a reviewer works the sample in English and French; the agent reads the feedback', async () => {
  const office = await suite.browser.newContext();
  const reviewer = await office.newPage();
  await signIn(reviewer, 'reviewer@test.example');
  await reviewer.click('main a:text("Quality assurance")');
  await axe(reviewer, 'queue (en)');
  await reviewer.click(`text=${drawn[0]}`);
  assert.match((await reviewer.textContent('h1'))!, new RegExp(`Review of file ${drawn[0]}`));
  await reviewer.check('#item-identity_confirmed-pass');
  await reviewer.click('main button:text("Record the review")');
  const summary = await reviewer.textContent('.error-summary');
  assert.match(summary!, /Give a result for this item/);
  await axe(reviewer, 'review with errors (en)');
  for (const item of ['identity_confirmed', 'citizenship_proof', 'photos_compliant', 'entitlement_checks', 'fees_correct', 'file_notes']) await reviewer.check(`#item-${item}-pass`);
  await reviewer.check('#item-data_accurate-fail');
  await reviewer.selectOption('#finding-0-type', 'data_entry');
  await reviewer.selectOption('#finding-0-severity', 'major');
  await reviewer.fill('#finding-0-description', 'Place of birth entered as the mailing city.');
  await reviewer.fill('#feedback', 'Check the place of birth against the proof of citizenship.');
  await reviewer.click('main button:text("Record the review")');
  assert.match((await reviewer.textContent('.notice-success'))!, /the file is in error/);
  assert.match((await reviewer.textContent('main'))!, /Place of birth entered as the mailing city/);
  await axe(reviewer, 'review recorded (en)');
  await office.close();

  // The second file, in French, with JavaScript off: the forms post and the server answers.
  const noScript = await suite.browser.newContext({ javaScriptEnabled: false });
  const french = await noScript.newPage();
  await signIn(french, 'reviewer@test.example', 'fr');
  await french.goto(`${suite.base}/fr/aq`);
  assert.match((await french.textContent('main'))!, /à examiner/);
  await french.click(`text=${drawn[1]}`);
  assert.match((await french.textContent('h1'))!, new RegExp(`Examen du dossier ${drawn[1]}`));
  for (const item of ['identity_confirmed', 'citizenship_proof', 'photos_compliant', 'entitlement_checks', 'data_accurate', 'fees_correct']) await french.check(`#item-${item}-pass`);
  await french.check('#item-file_notes-not_applicable');
  await french.click('main button:text("Consigner l’examen")');
  assert.match((await french.textContent('.notice-success'))!, /aucune erreur/);
  await french.goto(`${suite.base}/fr/aq/verifier`);
  await french.click('main button:text("Vérifier le tirage")');
  assert.match((await french.textContent('.notice-success'))!, /Le tirage correspond à la règle/);
  await french.goto(`${suite.base}/fr/aq/taux-erreur?by=quarter`);
  assert.match((await french.textContent('main table'))!, /50,0/);
  await noScript.close();
  const scripted = await suite.browser.newContext();
  const check = await scripted.newPage();
  await signIn(check, 'reviewer@test.example', 'fr');
  for (const path of ['/fr/aq/verifier', '/fr/aq/taux-erreur?by=quarter', '/fr/aq/observations']) {
    await check.goto(suite.base + path);
    await axe(check, path);
  }
  await scripted.close();

  // The agent sees the feedback on their own file, and marks it read.
  const desk = await suite.browser.newContext();
  const agent = await desk.newPage();
  await signIn(agent, 'agent@test.example');
  await agent.goto(`${suite.base}/en/qa/my-feedback`);
  assert.match((await agent.textContent('main'))!, /Check the place of birth against the proof of citizenship/);
  assert.match((await agent.textContent('main'))!, /Data entry · Major/);
  await axe(agent, 'feedback (en)');
  await agent.click('main button:text("Mark as read")');
  assert.match((await agent.textContent('.notice-success'))!, /marked as read/);
  await agent.goto(`${suite.base}/en/qa`);
  assert.match((await agent.textContent('main'))!, /does not give access/);
  await desk.close();

  assert.deepEqual(violations, []);
});
