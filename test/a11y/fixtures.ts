/**
 * What a module seeds so that axe can reach its pages: values for the route parameters of its
 * pages (`:lineId` → an id that exists) and extra paths worth checking (a page with results, with
 * an error). Each module keeps one file in `fixtures/`, exporting a default `A11yFixture`; the axe
 * test loads them all, so a module adds its pages' fixture without touching the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestApp } from '../helpers/app.js';

export interface A11ySeed {
  /** Route parameter name (without the colon) → a value that exists. */
  params?: Record<string, string>;
  /** More paths to check, in either language, signed out and signed in. */
  paths?: string[];
}
export type A11yFixture = (t: TestApp) => Promise<A11ySeed>;

export async function loadFixtures(t: TestApp): Promise<Required<A11ySeed>> {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
  const seed: Required<A11ySeed> = { params: {}, paths: [] };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const fixture = ((await import(pathToFileURL(path.join(dir, file)).href)) as { default: A11yFixture }).default;
    const found = await fixture(t);
    for (const [name, value] of Object.entries(found.params ?? {})) {
      if (name in seed.params && seed.params[name] !== value) throw new Error(`fixtures ${file}: parameter :${name} is already given by another fixture`);
      seed.params[name] = value;
    }
    seed.paths.push(...(found.paths ?? []));
  }
  return seed;
}
