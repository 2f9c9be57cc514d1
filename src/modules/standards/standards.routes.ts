/** The standards API: results per fiscal year, and the open data (CSV and JSON). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { fiscalYearOf, fiscalYearOfDay, parseFiscalYear, type FiscalYear } from './fiscal.js';
import { OPEN_DATA_COLUMNS, toCsv, toOpenDataRow } from './open-data.js';
import { computeResults } from './results.service.js';

/** The open data covers this many fiscal years back from the current one. */
const PAST_YEARS = 2;
const FiscalYearQuery = Type.Object({ fiscalYear: Type.Optional(Type.String({ maxLength: 20 })) });

export function currentFiscalYear(deps: ModuleDeps): FiscalYear {
  return fiscalYearOfDay(deps.clock.now().toISOString().slice(0, 10));
}

export function readFiscalYear(deps: ModuleDeps, value: string | undefined): FiscalYear {
  if (value === undefined || value === '') return currentFiscalYear(deps);
  const parsed = parseFiscalYear(value);
  if (!parsed) throw new AppError('common.invalid_input', 400, {}, { fiscalYear: 'standards.error.fiscal_year' });
  return parsed;
}

export function registerStandardsRoutes(app: FastifyInstance, deps: ModuleDeps, servicePageUrl: (language: 'en' | 'fr', serviceId: string) => string): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = deps.database.db;
  const tags = ['standards'];
  const resultsUrl = new URL('/api/v1/standards/results', deps.config.publicUrl).toString();

  async function openDataRows(value: string | undefined) {
    const years = value ? [readFiscalYear(deps, value)] : Array.from({ length: PAST_YEARS + 1 }, (_, i) => fiscalYearOf(currentFiscalYear(deps).startYear - PAST_YEARS + i));
    const rows = [];
    for (const year of years) for (const result of await computeResults({ db, fiscalYear: year })) rows.push(toOpenDataRow(year.label, result, servicePageUrl, resultsUrl));
    return rows;
  }

  api.get('/api/v1/standards/results', { config: { access: 'public' }, schema: { tags, operationId: 'getStandardsResults', summary: 'Each standard’s results per month, quarter and fiscal year (1 April – 31 March)', querystring: FiscalYearQuery } }, async (request) => {
    const fiscalYear = readFiscalYear(deps, request.query.fiscalYear);
    const results = await computeResults({ db, fiscalYear });
    return {
      fiscalYear: fiscalYear.label,
      standards: results.map((r) => ({
        id: r.standard.id,
        serviceId: r.standard.service_id,
        name: { en: r.standard.standard_en, fr: r.standard.standard_fr },
        type: r.standard.type,
        channel: r.standard.channel,
        threshold: r.standard.threshold,
        thresholdUnit: r.standard.threshold_unit,
        target: r.standard.target_percent / 100,
        year: r.year,
        quarters: r.quarters,
        months: r.months,
      })),
    };
  });

  api.get('/api/v1/open-data/service-standards.csv', { config: { access: 'public' }, schema: { tags, operationId: 'getServiceStandardsCsv', summary: 'Service standards and results, GC Service Inventory columns, semicolon-separated', querystring: FiscalYearQuery } }, async (request, reply) => {
    const csv = toCsv(await openDataRows(request.query.fiscalYear));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="service-standards.csv"').send(csv);
  });

  api.get('/api/v1/open-data/service-standards.json', { config: { access: 'public' }, schema: { tags, operationId: 'getServiceStandardsJson', summary: 'The same open data as JSON', querystring: FiscalYearQuery } }, async (request) => ({
    columns: OPEN_DATA_COLUMNS,
    rows: await openDataRows(request.query.fiscalYear),
  }));
}
