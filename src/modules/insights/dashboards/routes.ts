/** The insights API: volumes by channel and period, forecasts with their backtest, staffing plans, known events. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { forecastCsv, planCsv, volumesCsv } from './csv.js';
import { getDashboardFigures } from './dashboard.service.js';
import { listKnownEvents, recordEvent } from './events.service.js';
import { getForecast } from './forecast/forecast.service.js';
import { addDays } from './forecast/model.js';
import { PERIODS, type Period } from './periods.js';
import { getStaffingPlan, PLAN_SCOPES, type PlanScope } from './plan/plan.service.js';
import { CHANNELS, type Channel } from './sources.js';

export const VIEWERS = may('insights.view');
/** Events change every forecast: analysts and administrators record them. */
export const PLANNERS = may('insights.plan');

const tags = ['insights'];
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Code = Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' });
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Format = Type.Optional(oneOf(['json', 'csv'] as const));

const VolumesQuery = Type.Object(
  { from: Type.Optional(Day), to: Type.Optional(Day), period: Type.Optional(oneOf<Period>(PERIODS)), province: Type.Optional(Code), site: Type.Optional(Code), service: Type.Optional(Code), format: Format },
  { additionalProperties: false },
);
const ForecastQuery = Type.Object(
  {
    channel: oneOf<Channel>(CHANNELS),
    service: Type.Optional(Code),
    province: Type.Optional(Code),
    site: Type.Optional(Code),
    horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    surgeExtra: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 })),
    surgeStart: Type.Optional(Day),
    surgeWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 26 })),
    format: Format,
  },
  { additionalProperties: false },
);
const PlanQuery = Type.Object(
  {
    scope: oneOf<PlanScope>(PLAN_SCOPES),
    site: Type.Optional(Code),
    line: Type.Optional(Code),
    day: Day,
    ahtSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 86_400 })),
    targetServiceLevel: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    targetSeconds: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 })),
    shrinkage: Type.Optional(Type.Number({ minimum: 0, maximum: 0.95 })),
    maxOccupancy: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    format: Format,
  },
  { additionalProperties: false },
);
const EventBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    startsOn: Day,
    endsOn: Day,
    province: Type.Optional(Code),
    channel: Type.Optional(oneOf<Channel>(CHANNELS)),
    effectPercent: Type.Number({ minimum: -100, maximum: 1000 }),
  },
  { additionalProperties: false },
);

const csv = (reply: FastifyReply, name: string, body: string) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);

export function registerInsightsRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = deps.database.db;
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  api.get('/api/v1/insights/volumes', { config: { access: VIEWERS }, schema: { tags, operationId: 'getInsightsVolumes', summary: 'Volumes by channel and period, waits, answer rate and standards, filtered', querystring: VolumesQuery } }, async (request, reply) => {
    const q = request.query;
    const to = q.to ?? addDays(today(), -1);
    const filter = { from: q.from ?? addDays(to, -364), to, period: q.period ?? 'month', province: q.province, site: q.site, service: q.service };
    const figures = await getDashboardFigures({ db, filter });
    return q.format === 'csv' ? csv(reply, 'volumes', volumesCsv(figures)) : figures;
  });

  api.get('/api/v1/insights/forecast', { config: { access: VIEWERS }, schema: { tags, operationId: 'getDemandForecast', summary: 'Daily demand forecast with 80 % and 95 % intervals, its rolling-origin backtest (MASE) and an optional surge', querystring: ForecastQuery } }, async (request, reply) => {
    const q = request.query;
    const surge = q.surgeExtra !== undefined || q.surgeStart !== undefined ? { extra: q.surgeExtra ?? 0, startsOn: q.surgeStart ?? '', weeks: q.surgeWeeks ?? 6 } : undefined;
    const result = await getForecast({ db, today: today(), request: { channel: q.channel, service: q.service, province: q.province, site: q.site, horizon: q.horizon ?? 56, surge } });
    return q.format === 'csv' ? csv(reply, 'forecast', forecastCsv(result)) : result;
  });

  api.get('/api/v1/insights/staffing-plan', { config: { access: VIEWERS }, schema: { tags, operationId: 'getStaffingPlan', summary: 'Half-hourly agents or counter staff for one day, from the forecast and Erlang C', querystring: PlanQuery } }, async (request, reply) => {
    const { scope, site, line, day, format, ...targets } = request.query;
    const plan = await getStaffingPlan({ db, today: today(), request: { scope, site, line, day, targets: Object.fromEntries(Object.entries(targets).filter(([, v]) => v !== undefined)) } });
    return format === 'csv' ? csv(reply, `staffing-plan-${day}`, planCsv(plan)) : plan;
  });

  api.get('/api/v1/insights/events', { config: { access: VIEWERS }, schema: { tags, operationId: 'listKnownEvents', summary: 'Known events (stoppages, campaigns, closures) overlapping a window', querystring: Type.Object({ from: Day, to: Day }, { additionalProperties: false }) } }, async (request) => ({
    items: await listKnownEvents({ db, from: request.query.from, to: request.query.to }),
  }));

  api.post('/api/v1/insights/events', { config: { access: PLANNERS }, schema: { tags, operationId: 'recordKnownEvent', summary: 'Record a known event the forecast takes into account', body: EventBody } }, async (request, reply) => {
    const event = await recordEvent({ db, actor: actorOf(request), input: request.body });
    return reply.status(201).send(event);
  });
}
