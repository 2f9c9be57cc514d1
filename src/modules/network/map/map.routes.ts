/** The search results' map as an SVG image (public: it shows only public sites). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PointCache } from '../point-cache.js';
import { drawResultsMap, MAX_RESULTS_ON_MAP } from './results-map.js';

export function registerMapRoutes(app: FastifyInstance, cache: PointCache): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/v1/service-points/results-map.svg',
    {
      config: { access: 'public' },
      schema: {
        tags: ['network'],
        operationId: 'getResultsMap',
        summary: 'A small SVG map of a search position and up to 20 service points, numbered in the order given',
        querystring: Type.Object(
          {
            lat: Type.Number({ minimum: 41, maximum: 84 }),
            lon: Type.Number({ minimum: -142, maximum: -52 }),
            codes: Type.String({ pattern: `^[A-Za-z0-9_-]{1,40}(,[A-Za-z0-9_-]{1,40}){0,${MAX_RESULTS_ON_MAP - 1}}$` }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const svg = await drawResultsMap({ cache, latitude: request.query.lat, longitude: request.query.lon, codes: request.query.codes.split(',') });
      return reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(svg);
    },
  );
}
