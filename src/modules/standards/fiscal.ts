/** Government of Canada fiscal years run from 1 April to 31 March, written "2025-2026". */

export interface FiscalYear {
  label: string;
  startYear: number;
  from: string;
  to: string;
}

export function fiscalYearOf(startYear: number): FiscalYear {
  return { label: `${startYear}-${startYear + 1}`, startYear, from: `${startYear}-04-01`, to: `${startYear + 1}-03-31` };
}

/** The fiscal year holding a day (YYYY-MM-DD). */
export function fiscalYearOfDay(day: string): FiscalYear {
  const year = Number(day.slice(0, 4));
  return fiscalYearOf(Number(day.slice(5, 7)) >= 4 ? year : year - 1);
}

/** "2025-2026" or "2025" → the fiscal year starting in April 2025; null for anything else. */
export function parseFiscalYear(value: string): FiscalYear | null {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
  if (!match) return null;
  const start = Number(match[1]);
  if (match[2] !== undefined && Number(match[2]) !== start + 1) return null;
  return start >= 2000 && start <= 2100 ? fiscalYearOf(start) : null;
}

/** The twelve months of a fiscal year, April first, as YYYY-MM. */
export const monthsOf = (fiscalYear: FiscalYear) =>
  Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return `${i < 9 ? fiscalYear.startYear : fiscalYear.startYear + 1}-${String(month).padStart(2, '0')}`;
  });
