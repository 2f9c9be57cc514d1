/** Numbers, shares and periods as each language writes them. Days are calendar dates: printed in UTC. */
import type { Language, Translate } from '../../../../platform/i18n/index.js';
import type { Period } from '../periods.js';

export function formatters(language: Language, t: Translate) {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const three = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' });
  const month = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' });
  const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
  const dash = '—';
  return {
    count: (n: number | null) => (n === null ? dash : count.format(n)),
    decimal: (n: number | null) => (n === null ? dash : decimal.format(n)),
    mase: (n: number) => three.format(n),
    share: (n: number | null) => (n === null ? dash : percent.format(n)),
    date: (iso: string) => date.format(at(iso)),
    day: (iso: string) => weekday.format(at(iso)),
    period: (start: string, period: Period) => {
      const year = Number(start.slice(0, 4));
      switch (period) {
        case 'day':
          return date.format(at(start));
        case 'week':
          return t('insights.period.week', { date: date.format(at(start)) });
        case 'month':
          return month.format(at(start));
        case 'quarter':
          return t('insights.period.quarter', { year, quarter: Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1 });
        case 'fiscal_year':
          return t('insights.period.fiscal_year', { start: year, end: String((year + 1) % 100).padStart(2, '0') });
      }
    },
  };
}

export type Formatters = ReturnType<typeof formatters>;
