/**
 * Prometheus metrics: the process defaults plus a histogram of request durations by route.
 * They describe the service's load to whoever can read them, so `/metrics` answers only the
 * configured scrape token (`METRICS_TOKEN`, sent as a bearer token, compared in constant time)
 * and answers 404 to everyone without one.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.js';

/** Hashing first gives both sides one length, so the comparison reveals nothing, not even that. */
const digest = (value: string) => createHash('sha256').update(value).digest();

export function bearerMatches(header: string | undefined, token: string): boolean {
  const [scheme, given] = (header ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && timingSafeEqual(digest(given ?? ''), digest(token));
}

export function registerMetrics(app: FastifyInstance, options: { token: string | undefined }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'guichet_' });
  const duration = new Histogram({
    name: 'guichet_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: labels must stay few.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const { token } = options;
  app.get('/metrics', { config: { access: 'public', ownAuthorization: true }, schema: { hide: true } }, async (request, reply) => {
    if (!token) throw new AppError('common.not_found', 404);
    if (!bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('auth.invalid_token', 401);
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
