/**
 * Every staff page passes axe (WCAG 2.0/2.1 A and AA) in English and in French, signed in as an
 * administrator, and the sign-in form with its error summary. Public pages are checked signed out
 * (axe-public.test.ts); signed in they differ only by the staff bar every staff page carries, so
 * the home page stands for them here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { base, browser, check, fixtures, pagePaths, signedIn, siteCode, useAxeSuite, WCAG_TAGS } from './pages.js';

useAxeSuite();

test('every page passes axe signed in as an administrator, and with an error summary', async () => {
  const context = await browser.newContext();
  await signedIn(context);
  const page = await context.newPage();
  const violations: string[] = [];
  for (const path of ['/en', '/fr', ...pagePaths('staff'), `/en/visits?q=${siteCode}`, ...fixtures.paths]) violations.push(...(await check(page, path)));
  await context.close();

  const anonymous = await browser.newContext();
  const form = await anonymous.newPage();
  for (const path of ['/en/sign-in', '/fr/connexion']) {
    await form.goto(base + path);
    await form.click('button[type=submit]');
    await form.waitForSelector('.error-summary');
    const results = await new AxeBuilder({ page: form }).withTags(WCAG_TAGS).analyze();
    violations.push(...results.violations.map((v) => `${path} (errors): ${v.id} ${v.help}`));
  }
  await anonymous.close();
  assert.deepEqual(violations, []);
});
