/** Coverage analysis over the API: JSON by default, CSV with format=csv. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import { analyseCoverage, coverageToCsv, findCollaborationOpportunities, parseAddedSites, parseSiteList } from './analysis.service.js';
import type { PointCache } from './point-cache.js';
import type { RoutingEngine } from './routing.js';

export const CoverageQuery = Type.Object(
  {
    service: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' })),
    radiusKm: Type.Number({ minimum: 1, maximum: 1000 }),
    suspend: Type.Optional(Type.String({ maxLength: 5000 })),
    remove: Type.Optional(Type.String({ maxLength: 5000 })),
    add: Type.Optional(Type.String({ maxLength: 5000 })),
    format: Type.Optional(Type.Unsafe<'json' | 'csv'>({ type: 'string', enum: ['json', 'csv'] })),
    distance: Type.Optional(Type.Unsafe<'straight' | 'road'>({ type: 'string', enum: ['straight', 'road'], description: 'road needs a routing engine (ROUTING_URL)' })),
  },
  { additionalProperties: false },
);

export function registerAnalysisRoutes(app: FastifyInstance, deps: ModuleDeps, cache: PointCache, router: RoutingEngine | undefined): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/api/v1/collaboration-opportunities',
    {
      config: { access: 'public' },
      schema: {
        tags: ['network'],
        operationId: 'listCollaborationOpportunities',
        summary: 'Sites of different jurisdictions within maxKm of each other, and co-location counts by partner type',
        querystring: Type.Object({ maxKm: Type.Number({ minimum: 0.1, maximum: 100, default: 5 }) }, { additionalProperties: false }),
      },
    },
    async (request) => findCollaborationOpportunities({ db: deps.database.db, cache, maxKm: request.query.maxKm }),
  );

  api.get(
    '/api/v1/coverage',
    {
      config: { access: 'public' },
      schema: { tags: ['network'], operationId: 'getCoverage', summary: 'Population within reach of a service, per province, with an optional what-if scenario', querystring: CoverageQuery },
    },
    async (request, reply) => {
      const q = request.query;
      const analysis = await analyseCoverage({
        cache,
        service: q.service,
        radiusKm: q.radiusKm,
        distance: q.distance,
        router,
        scenario: { suspend: parseSiteList(q.suspend), remove: parseSiteList(q.remove), add: parseAddedSites(q.add ?? '') },
      });
      if (q.format === 'csv') {
        reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="coverage.csv"');
        return coverageToCsv(analysis);
      }
      return {
        radiusKm: analysis.radiusKm,
        distance: analysis.distance,
        service: analysis.service,
        ...analysis.today,
        scenario: analysis.comparison ? { ...analysis.comparison.scenario, delta: analysis.comparison.delta } : null,
      };
    },
  );
}
