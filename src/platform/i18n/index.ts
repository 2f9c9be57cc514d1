/**
 * Official languages: every string lives in a pair of catalogues, `messages.en.json` and
 * `messages.fr.json`, next to the code that uses it (the platform's, the web shell's, each
 * module's `ui/`). Keys are flat and namespaced (`auth.invalid_credentials`); values are ICU
 * messages, formatted by FormatJS so plurals and numbers follow each language's rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import Negotiator from 'negotiator';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Messages = Record<string, string>;
export type Catalog = Record<Language, Messages>;
export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: string, values?: MessageValues) => string;

export const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CATALOGUE_FILE = /^messages\.(en|fr)\.json$/;

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'fr';
}

/** Every catalogue file under src/, by path, for the key-coverage test. */
export function findCatalogueFiles(root = SRC_DIR): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && CATALOGUE_FILE.test(entry.name)) found.push(path.join(entry.parentPath, entry.name));
  }
  return found.sort();
}

export function loadCatalog(root = SRC_DIR): Catalog {
  const catalog: Catalog = { en: {}, fr: {} };
  for (const file of findCatalogueFiles(root)) {
    const language = CATALOGUE_FILE.exec(path.basename(file))![1] as Language;
    const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Messages;
    for (const [key, value] of Object.entries(messages)) {
      if (key in catalog[language]) throw new Error(`i18n key "${key}" is defined twice (${file})`);
      catalog[language][key] = value;
    }
  }
  return catalog;
}

export interface I18n {
  catalog: Catalog;
  translator(language: Language): Translate;
  has(key: string): boolean;
}

export function createI18n(catalog: Catalog = loadCatalog()): I18n {
  const compiled = new Map<string, IntlMessageFormat>();
  const format = (language: Language, key: string, values?: MessageValues): string => {
    const source = catalog[language][key];
    if (source === undefined) return key; // the coverage test keeps this from happening
    const id = `${language}\u0000${key}`;
    let message = compiled.get(id);
    if (!message) compiled.set(id, (message = new IntlMessageFormat(source, language === 'fr' ? 'fr-CA' : 'en-CA')));
    return String(message.format(values));
  };
  return {
    catalog,
    translator: (language) => (key, values) => format(language, key, values),
    has: (key) => key in catalog.en && key in catalog.fr,
  };
}

/** The preferred official language of an Accept-Language header (English when neither is asked). */
export function languageFromHeader(header: string | undefined): Language {
  const chosen = new Negotiator({ headers: { 'accept-language': header ?? '' } }).language([...LANGUAGES]);
  return isLanguage(chosen) ? chosen : 'en';
}

export const otherLanguage = (language: Language): Language => (language === 'en' ? 'fr' : 'en');
