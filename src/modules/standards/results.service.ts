/**
 * Results of each service standard per month, quarter and fiscal year, computed from the data that
 * exist: applications completed (cases), clients served (visits) and calls answered (contact).
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { ServiceStandard } from '../../platform/db/tables.cases.js';
import { getContactDailyVolumes } from '../contact/index.js';
import { getVisitDailyVolumes } from '../visits/index.js';
import { monthsOf, type FiscalYear } from './fiscal.js';

export interface Figures {
  total: number;
  meeting: number;
  /** meeting / total, or null when nothing was delivered. */
  performance: number | null;
  /** null when there is no volume to judge. */
  targetMet: boolean | null;
}

export interface StandardResults {
  standard: ServiceStandard;
  year: Figures;
  quarters: (Figures & { quarter: number })[];
  months: (Figures & { month: string })[];
}

type MonthCounts = Map<string, { total: number; meeting: number }>;

export const listStandards = (db: Db) => db.selectFrom('service_standards').selectAll().orderBy('position').execute();

const figures = (counts: { total: number; meeting: number }, target: number): Figures => {
  const performance = counts.total === 0 ? null : counts.meeting / counts.total;
  return { ...counts, performance, targetMet: performance === null ? null : performance * 100 >= target };
};

function addTo(map: MonthCounts, month: string, total: number, meeting: number) {
  const entry = map.get(month) ?? { total: 0, meeting: 0 };
  entry.total += total;
  entry.meeting += meeting;
  map.set(month, entry);
}

async function casesByMonth(db: Db, standard: ServiceStandard, fiscalYear: FiscalYear): Promise<MonthCounts> {
  const rows = await sql<{ month: string; total: number; meeting: number }>`
    select to_char(completed_day, 'YYYY-MM') as month, count(*)::int as total, count(*) filter (where within_standard)::int as meeting
    from applications
    where completed_day between ${fiscalYear.from}::date and ${fiscalYear.to}::date
      and type_code = any(${standard.type_codes}::text[])
      and (${standard.application_channel}::text is null or channel = ${standard.application_channel})
    group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.month, { total: r.total, meeting: r.meeting }]));
}

/** The daily sources are read once per fiscal year and shared by the standards that use them. */
async function dailySources(db: Db, fiscalYear: FiscalYear) {
  const [visits, contact] = await Promise.all([getVisitDailyVolumes({ db, ...fiscalYear }), getContactDailyVolumes({ db, ...fiscalYear })]);
  const visitMonths: MonthCounts = new Map();
  for (const row of visits) addTo(visitMonths, String(row.day).slice(0, 7), row.served, row.servedWithinTarget);
  const contactMonths: MonthCounts = new Map();
  for (const row of contact) addTo(contactMonths, String(row.day).slice(0, 7), row.answered, row.answeredWithinTarget);
  return { visits: visitMonths, contact: contactMonths };
}

function assemble(standard: ServiceStandard, fiscalYear: FiscalYear, counts: MonthCounts): StandardResults {
  const months = monthsOf(fiscalYear).map((month) => ({ month, ...figures(counts.get(month) ?? { total: 0, meeting: 0 }, standard.target_percent) }));
  const sum = (list: { total: number; meeting: number }[]) => list.reduce((acc, m) => ({ total: acc.total + m.total, meeting: acc.meeting + m.meeting }), { total: 0, meeting: 0 });
  return {
    standard,
    year: figures(sum(months), standard.target_percent),
    quarters: [0, 1, 2, 3].map((q) => ({ quarter: q + 1, ...figures(sum(months.slice(q * 3, q * 3 + 3)), standard.target_percent) })),
    months,
  };
}

export async function computeResults(options: { db: Db; fiscalYear: FiscalYear }): Promise<StandardResults[]> {
  const { db, fiscalYear } = options;
  const standards = await listStandards(db);
  const needsDaily = standards.some((s) => s.source !== 'cases');
  const daily = needsDaily ? await dailySources(db, fiscalYear) : { visits: new Map(), contact: new Map() };
  const results: StandardResults[] = [];
  for (const standard of standards) {
    const counts = standard.source === 'cases' ? await casesByMonth(db, standard, fiscalYear) : daily[standard.source];
    results.push(assemble(standard, fiscalYear, counts));
  }
  return results;
}
