/** Calendar periods of the dashboards, each named by its first day (YYYY-MM-DD). */
export const PERIODS = ['day', 'week', 'month', 'quarter', 'fiscal_year'] as const;
export type Period = (typeof PERIODS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The first day of the period holding `day`: ISO weeks start on Monday; the federal fiscal year on 1 April. */
export function periodStart(day: string, period: Period): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  switch (period) {
    case 'day':
      return day;
    case 'week': {
      const date = new Date(`${day}T00:00:00Z`);
      const back = (date.getUTCDay() + 6) % 7;
      return new Date(date.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    }
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter':
      return `${year}-${pad(month - ((month - 1) % 3))}-01`;
    case 'fiscal_year':
      return `${month >= 4 ? year : year - 1}-04-01`;
  }
}
