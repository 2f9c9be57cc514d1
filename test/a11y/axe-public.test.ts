/** Every page open to the public passes axe (WCAG 2.0/2.1 A and AA) in English and in French, signed out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appointmentPath, browser, check, doneToken, fixtures, pagePaths, siteCode, useAxeSuite } from './pages.js';

useAxeSuite();

test('every page passes axe in both languages, signed out', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  // Staff pages send a signed-out visitor to the sign-in page, checked here once; they are checked
  // signed in below.
  const paths = pagePaths('public');
  assert.ok(paths.some((p) => p.startsWith('/fr/')) && paths.some((p) => p.startsWith('/en/')));
  const results = [
    '/en/find-a-service-point?place=Rimouski&service=passport',
    '/fr/trouver-un-point-de-service?place=Windsor',
    '/fr/trouver-un-point-de-service?place=Atlantide',
    `/en/visits?q=${siteCode}`,
    `/fr/visites?q=zzz`,
    `/en/ticket/${doneToken}`,
    `/fr/billet/${doneToken}`,
    `/en/appointments/${siteCode}/book?service=passport`,
    `/fr/rendez-vous/${siteCode}/reserver?service=passport&date=2026-12-01`,
    `${appointmentPath}?date=${'2026-12-01'}`,
  ];
  for (const path of [...paths, ...results, ...fixtures.paths, '/en/nowhere', '/fr/nulle-part']) violations.push(...(await check(page, path)));
  await context.close();
  assert.deepEqual(violations, []);
});
