/**
 * Official languages: every key exists in English and in French, none is empty, the ICU syntax
 * parses, the placeholders match, and no key is left unused. A key is "used" when its literal
 * appears in a source file, or when a template literal in source builds it from a prefix
 * (`t(\`network.type.${type}\`)` uses every `network.type.*` key).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { IntlMessageFormat } from 'intl-messageformat';
import { findCatalogueFiles, loadCatalog, SRC_DIR } from './index.js';

const catalog = loadCatalog();
const sourceFiles = fs
  .readdirSync(SRC_DIR, { recursive: true })
  .map((file) => path.join(SRC_DIR, String(file)))
  .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file));
const source = sourceFiles.map((file) => fs.readFileSync(file, 'utf8')).join('\n');

const placeholders = (message: string) =>
  [...message.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]).filter((name, i, all) => all.indexOf(name) === i).sort();

test('every catalogue file has its twin in the other language', () => {
  const files = findCatalogueFiles();
  assert.ok(files.length >= 4);
  for (const file of files) {
    const twin = file.replace(/messages\.(en|fr)\.json$/, (_, lang: string) => `messages.${lang === 'en' ? 'fr' : 'en'}.json`);
    assert.ok(files.includes(twin), `${file} has no twin ${twin}`);
  }
});

test('no key is missing in either language, and none is empty', () => {
  const missingInFrench = Object.keys(catalog.en).filter((key) => !(key in catalog.fr));
  const missingInEnglish = Object.keys(catalog.fr).filter((key) => !(key in catalog.en));
  assert.deepEqual(missingInFrench, [], 'keys missing in French');
  assert.deepEqual(missingInEnglish, [], 'keys missing in English');
  for (const language of ['en', 'fr'] as const) {
    for (const [key, value] of Object.entries(catalog[language])) assert.ok(value.trim() !== '', `${language} ${key} is empty`);
  }
});

test('every message parses and both languages use the same placeholders', () => {
  for (const key of Object.keys(catalog.en)) {
    assert.doesNotThrow(() => new IntlMessageFormat(catalog.en[key]!, 'en-CA'), `en ${key}`);
    assert.doesNotThrow(() => new IntlMessageFormat(catalog.fr[key]!, 'fr-CA'), `fr ${key}`);
    assert.deepEqual(placeholders(catalog.fr[key]!), placeholders(catalog.en[key]!), `placeholders of ${key}`);
  }
});

test('every key is used somewhere in the source', () => {
  const prefixes = [...source.matchAll(/`([a-z_]+(?:\.[a-z0-9_]+)*\.)\$\{/g)].map((m) => m[1]!);
  const unused = Object.keys(catalog.en).filter(
    (key) => !source.includes(`'${key}'`) && !source.includes(`"${key}"`) && !prefixes.some((prefix) => key.startsWith(prefix)),
  );
  assert.deepEqual(unused, [], 'unused i18n keys');
});

test('every key the source asks for exists', () => {
  const asked = [...source.matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)].map((m) => m[1]!);
  const codes = [...source.matchAll(/AppError\(\s*'([a-z_]+(?:\.[a-z0-9_]+)+)'/g)].map((m) => m[1]!);
  const fieldKeys = [...source.matchAll(/fields\.[a-zA-Z]+ = '([a-z_]+(?:\.[a-z0-9_]+)+)'/g)].map((m) => m[1]!);
  const missing = [...new Set([...asked, ...codes, ...fieldKeys])].filter((key) => !(key in catalog.en));
  assert.deepEqual(missing, [], 'keys used in source but missing from the catalogues');
});
