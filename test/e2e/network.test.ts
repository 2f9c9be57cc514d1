/** A client on a slow link finds the nearest passport office, JavaScript off, in French then English. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBrowserSuite, type BrowserSuite } from '../helpers/browser.js';

let suite: BrowserSuite;
before(async () => (suite = await startBrowserSuite()));
after(() => suite?.close());

test('find a service point from the home page, with JavaScript off', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.base}/fr`);
  await page.click('text=Trouver un point de service');
  assert.equal(new URL(page.url()).pathname, '/fr/trouver-un-point-de-service');

  await page.click('button[type=submit]');
  assert.match((await page.textContent('.error-summary'))!, /Entrez le nom de votre collectivité ou votre code postal/);

  await page.fill('#place', 'Windsor');
  await page.selectOption('#service', 'passport');
  await page.click('button[type=submit]');
  await page.click('text=Windsor (NS)');
  const heading = await page.textContent('#results-heading');
  assert.match(heading!, /Windsor \(NS\)/);
  const items = await page.$$eval('ol.results li', (nodes) => nodes.map((n) => n.textContent ?? ''));
  assert.equal(items.length, 10);
  assert.ok(items.every((text) => /à [\d,]+ km/.test(text)));

  await page.click('.language-toggle a');
  assert.match((await page.textContent('#results-heading'))!, /nearest service points to Windsor \(NS\)/);
  await page.click('ol.results li:first-child a');
  assert.match(new URL(page.url()).pathname, /^\/en\/service-points\//);
  await context.close();
});

test('near me: with JavaScript and a position, the nearest offices to it', async () => {
  const context = await suite.browser.newContext({ geolocation: { latitude: 45.4215, longitude: -75.6972 }, permissions: ['geolocation'] });
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/find-a-service-point`);
  await page.selectOption('#service', 'passport');
  await Promise.all([page.waitForURL(/lat=45\.4215/), page.click('#near-me')]);
  assert.match((await page.textContent('#results-heading'))!, /nearest service points to Ottawa \(ON\)/);
  assert.equal(new URL(page.url()).searchParams.get('service'), 'passport');
  await context.close();

  const refused = await suite.browser.newContext({ permissions: [] });
  const other = await refused.newPage();
  await other.goto(`${suite.base}/fr/trouver-un-point-de-service`);
  await other.click('#near-me');
  await other.waitForFunction(() => document.getElementById('near-me-status')?.textContent !== '');
  assert.match((await other.textContent('#near-me-status'))!, /Votre position n’est pas disponible/);
  await refused.close();

  const noScript = await suite.browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(`${suite.base}/en/find-a-service-point`);
  assert.equal(await plain.isVisible('#near-me'), false, 'no button that cannot work');
  await noScript.close();
});

test('by postal code, with JavaScript on: the results come with a map numbered as the list', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/find-a-service-point`);
  await page.fill('#place', 'k7l 3n6');
  await page.click('button[type=submit]');
  assert.match((await page.textContent('#results-heading'))!, /K7L 3N6 \(ON\)/);
  const map = page.locator('#results-map img');
  await map.waitFor();
  assert.match((await map.getAttribute('alt'))!, /numbered as in the list/);
  assert.ok(await map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the map image loads');
  await context.close();
});

test('the network map, with JavaScript off: layers, a cluster that zooms, the list beside it, in both languages', async () => {
  const context = await suite.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.base}/en/sign-in`);
  await page.fill('#email', 'admin@test.example');
  await page.fill('#password', 'correct horse battery staple');
  await Promise.all([page.waitForURL(`${suite.base}/en/staff`), page.click('button[type=submit]')]);
  await page.click('text=Network map');
  const caption = async () => (await page.textContent('#map-caption'))!;
  assert.match(await caption(), /\d+ sites shown, \d+ groups of nearby sites/);

  // Only passport service sites.
  for (const type of ['scc', 'scc_consolidated', 'outreach_site', 'partnership_site']) await page.uncheck(`#type-${type}`);
  await page.click('form.map-layers button[type=submit]');
  assert.match(await caption(), /^21 sites shown/);
  assert.equal(await page.locator('table.map-list tbody tr').count(), 21);

  // Every site again, then into the largest cluster: it splits into smaller groups and sites.
  await page.goto(`${suite.base}/en/network/map`);
  const clusters = page.locator('svg a[aria-label*="close together"]');
  const labels = await clusters.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')!));
  const largest = labels.sort((a, b) => Number.parseInt(b) - Number.parseInt(a))[0]!;
  await page.locator(`svg a[aria-label="${largest}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/bbox=/);
  assert.ok((await page.locator('table.map-list tbody tr').count()) >= Number.parseInt(largest), 'the cluster\'s box lists at least its sites');
  assert.ok((await page.locator('svg a[href*="/service-points/"]').count()) > 0, 'zoomed in, single sites appear');

  await page.click('.language-toggle a');
  assert.match(await caption(), /sites? affichés?/);
  await page.click('text=Afficher de nouveau tout le Canada');
  assert.doesNotMatch(page.url(), /bbox=/);
  await context.close();
});
