/** What the QA pages share: their ids and number and date formats in each language. */
import type { Language, Translate } from '../../../platform/i18n/index.js';

export const QA_PAGES = {
  home: 'qa.home',
  review: 'qa.review',
  rates: 'qa.rates',
  verify: 'qa.verify',
  observations: 'qa.observations',
  feedback: 'qa.feedback',
} as const;

export function formatters(language: Language) {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const count = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // Staff read times in Ottawa time, the zone of the fiscal calendar.
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone: 'America/Toronto', dateStyle: 'medium', timeStyle: 'short' });
  return {
    count: (n: number) => count.format(n),
    percent: (share: number | null) => (share === null ? '—' : percent.format(share)),
    dateTime: (date: Date) => dateTime.format(date),
  };
}

/** A programme's name; a programme added by configuration after the catalogue shows its code. */
export function programmeName(t: Translate, code: string): string {
  const key = `qa.programme.${code}`;
  const name = t(key);
  return name === key ? code : name;
}
