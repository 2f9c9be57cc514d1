/**
 * Import and export over the API. An import is the file itself as the request body
 * (text/csv, application/geo+json or application/json), all or nothing; export is public data.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { may } from '../../platform/auth/roles.js';
import type { ModuleDeps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/actor.js';
import { exportServicePoints, importServicePoints } from './transfer.service.js';

/** A whole country's network is a few hundred kilobytes; ten megabytes leave room for 50,000 rows. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export function registerTransferRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Files arrive as text; the import parses them itself so that it can report every problem.
  // The parser keeps the server's limit: only the import route below raises it.
  app.addContentTypeParser(['text/csv', 'application/geo+json'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  api.post(
    '/api/v1/service-points/import',
    {
      config: { access: may('network.manage') },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['network'],
        operationId: 'importServicePoints',
        summary: 'Import service points from CSV or GeoJSON (all or nothing)',
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const contentType = String(request.headers['content-type'] ?? '');
      const format = contentType.startsWith('text/csv') ? 'csv' : 'geojson';
      const content = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
      const outcome = await importServicePoints({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), content, fileName: `upload.${format}`, format, dryRun: request.query.dryRun });
      if (outcome.ok) return outcome.summary;
      return reply.status(400).send({
        code: 'network.import.refused',
        message: request.t('network.import.refused', { count: outcome.problems.length }),
        problems: outcome.problems.map((p) => ({ line: p.line, field: p.field, code: p.code, message: request.t(p.code, { line: p.line, field: p.field, ...p.values }) })),
      });
    },
  );

  api.get(
    '/api/v1/service-points/export',
    {
      config: { access: 'public' },
      schema: {
        tags: ['network'],
        operationId: 'exportServicePoints',
        summary: 'Every service point as CSV or GeoJSON',
        querystring: Type.Object({ format: Type.Optional(Type.Unsafe<'csv' | 'geojson'>({ type: 'string', enum: ['csv', 'geojson'] })) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const body = await exportServicePoints({ db: deps.database.db, format });
      reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8')
        .header('content-disposition', `attachment; filename="service-points.${format}"`);
      return body;
    },
  );
}
