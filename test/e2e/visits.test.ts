/**
 * A whole visit in Chromium: a client joins remotely from a phone with JavaScript off (French),
 * arrives, is triaged and called by an agent (English), transferred, served, and leaves feedback;
 * reception issues a ticket; the lobby board follows the calls live and catches up after a gap.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';
import { createUser, TEST_PASSWORD } from '../helpers/http.js';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';

let suite: BrowserSuite;
let site: { id: string; code: string; nameFr: string };
before(async () => {
  suite = await startBrowserSuite();
  site = (await suite.t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=NB&type=scc&service=passport&pageSize=1' })).json().items[0];
  await createUser(suite.t.database, 'agent', 'agent@test.example');
  await createUser(suite.t.database, 'reception', 'reception@test.example');
});
after(() => suite?.close());

async function signIn(page: Page, email: string, language: 'en' | 'fr' = 'en') {
  await page.goto(`${suite.base}/${language}/${language === 'en' ? 'sign-in' : 'connexion'}`);
  await page.fill('#email', email);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/(staff|personnel)/), page.click('main button[type=submit]')]);
}

test('remote join, arrival, call, transfer, completion and feedback', async () => {
  // The client, on a phone, JavaScript off, in French.
  const phone = await suite.browser.newContext({ javaScriptEnabled: false });
  const client = await phone.newPage();
  await client.goto(`${suite.base}/fr`);
  await client.click('text=Se rendre dans un bureau');
  await client.fill('#q', site.code);
  await client.click('main button[type=submit]');
  await client.click('text=Prendre place dans la file');
  await client.fill('#email', 'pas-un-courriel');
  await client.click('main button[type=submit]');
  const summary = await client.textContent('.error-summary');
  assert.match(summary!, /Choisissez un service offert par ce bureau/);
  assert.match(summary!, /Entrez une adresse courriel/);
  await client.selectOption('#service', 'passport');
  await client.fill('#email', 'client@example.com');
  await client.click('main button[type=submit]');
  assert.match(new URL(client.url()).pathname, /^\/fr\/billet\//);
  const ticket = (await client.textContent('h1'))!.replace('Votre billet ', '').trim();
  assert.match(ticket, /^R-\d{3}$/);
  assert.match((await client.textContent('main'))!, /Vous êtes le prochain/);
  assert.equal(await client.getAttribute('meta[http-equiv="refresh"]', 'content'), '30');
  await client.click('button:text("Je suis arrivé")');
  assert.match((await client.textContent('.notice-success'))!, /Votre arrivée est enregistrée/);

  // The agent, in English, opens a counter for passports and SIN and calls the next client.
  const office = await suite.browser.newContext();
  const agent = await office.newPage();
  await signIn(agent, 'agent@test.example');
  await agent.goto(`${suite.base}/en/visits/${site.code}/counters`);
  await agent.fill('#name', 'Counter 7');
  await agent.check('#service-passport');
  await agent.check('#service-sin');
  await agent.click('text=Open counter');
  await agent.click('text=Call next client');
  assert.match((await agent.textContent('#current-title'))!, new RegExp(`Serving ticket ${ticket}`));
  assert.match((await agent.textContent('#current-title ~ p'))!, /French/);
  await agent.selectOption('#toService', 'sin');
  await agent.click('text=Transfer');
  assert.match((await agent.textContent('.notice-success'))!, /keeps their place/);
  await agent.click('text=Call next client');
  assert.match((await agent.textContent('#current-title'))!, new RegExp(ticket));
  await client.reload();
  assert.match((await client.textContent('main'))!, /Veuillez vous présenter au Counter 7/);
  await agent.selectOption('#outcome', 'served');
  await agent.click('main button:text("Complete")');
  assert.match((await agent.textContent('.notice-success'))!, /is completed/);

  // The client rates the visit.
  await client.reload();
  await client.click('main button[type=submit]');
  assert.match((await client.textContent('.error-summary'))!, /Choisissez une note de 1 à 5/);
  await client.check('#rating-5');
  await client.fill('#comment', 'Rapide et courtois.');
  await client.click('main button[type=submit]');
  assert.match((await client.textContent('.notice-success'))!, /Merci de vos commentaires/);
  await phone.close();
  await office.close();
});

test('reception triages a walk-in with needs into priority handling', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'reception@test.example', 'fr');
  await page.goto(`${suite.base}/fr/visites/${site.code}/accueil`);
  await page.selectOption('#service', 'sin');
  await page.check('#language-en');
  await page.check('#need-asl');
  await page.check('#destination-priority');
  await page.click('text=Remettre un billet');
  assert.match((await page.textContent('.notice-success .ticket-number'))!, /^P-\d{3}$/);
  assert.match((await page.textContent('caption'))!, /client/);
  await context.close();
});

test('the lobby board shows calls live, chimes, and catches up after losing its connection', async () => {
  const token = (await createApiToken({ assignments: { national: true }, db: suite.t.database.db, actor: systemActor('test'), name: 'board', role: 'agent' })).token;
  const headers = { authorization: `Bearer ${token}` };
  const api = `/api/v1/sites/${site.id}`;
  const counter = (await suite.t.app.inject({ method: 'POST', url: `${api}/counters`, headers, payload: { name: 'Guichet 9', services: ['cpp'] } })).json().id;
  const arrive = async () => (await suite.t.app.inject({ method: 'POST', url: `${api}/visits`, headers, payload: { service: 'cpp', channel: 'walk_in' } })).json().ticket as string;
  const callAndFinish = async () => {
    suite.t.clock.advance(60_000); // the board lists calls latest first
    const visit = (await suite.t.app.inject({ method: 'POST', url: `${api}/counters/${counter}/call-next`, headers })).json().visit;
    return visit;
  };
  const context = await suite.browser.newContext();
  const board = await context.newPage();
  await board.goto(`${suite.base}/en/visits/${site.code}/board`);
  await board.waitForFunction(() => document.getElementById('board-connection')?.textContent === 'Live');
  assert.equal(await board.$('meta[http-equiv="refresh"]'), null, 'the live board no longer reloads itself');
  const first = await arrive();
  const called = await callAndFinish();
  assert.equal(called.ticket, first);
  await board.waitForFunction((ticket) => document.querySelector('#board-rows .board-ticket')?.textContent === ticket, first);
  assert.match((await board.textContent('#board-announcer'))!, new RegExp(`please go to Guichet 9`));

  // The link drops; a call happens meanwhile; the board reconnects and resynchronises.
  await context.setOffline(true);
  await suite.t.app.inject({ method: 'POST', url: `/api/v1/visits/${called.id}/complete`, headers, payload: { outcome: 'served' } });
  const second = await arrive();
  await callAndFinish();
  await context.setOffline(false);
  await board.waitForFunction((ticket) => document.querySelector('#board-rows .board-ticket')?.textContent === ticket, second, { timeout: 60_000 });
  await context.close();
});
