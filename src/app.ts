/**
 * The table of contents: buildApp registers the platform, then each module, in one readable
 * file. Every dependency is an argument; tests build the very same app in-process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Access } from './platform/auth/roles.js';
import type { AppDeps, ModuleDeps } from './platform/deps.js';
import { DatabaseUnavailableError } from './platform/db/unavailable.js';
import authPlugin from './platform/http/auth.plugin.js';
import bodiesPlugin from './platform/http/bodies.js';
import errorsPlugin from './platform/http/errors.plugin.js';
import { loggerOptions } from './platform/http/logging.js';
import { registerMetrics } from './platform/http/metrics.js';
import { getOrCreateSetting } from './platform/settings.repo.js';
import { createSmsSender } from './platform/sms.js';
import { PageRegistry, type ShellOptions } from './platform/ssr/pages.js';
import { PanelRegistry } from './platform/ssr/panels.js';
import { createGuard, schedulePruning } from './platform/throttle/throttle.service.js';
import { createErrorPageRenderer } from './web/error-page.js';
import { registerNetworkModule } from './modules/network/index.js';
import { PORTAL_PAGES, registerPortalModule } from './modules/portal/index.js';
import { registerVisitsModule } from './modules/visits/index.js';
import { registerAppointmentsModule } from './modules/appointments/index.js';
import { registerCasesModule } from './modules/cases/index.js';
import { registerContactModule } from './modules/contact/index.js';
import { registerInsightsModule } from './modules/insights/index.js';
import { registerQaModule } from './modules/qa/index.js';
import { registerStandardsModule } from './modules/standards/index.js';

const ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'web/assets');
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  /** The JSON schema of the body, when the route declares one (the route × scope test fills it). */
  body?: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface BuildAppOptions extends AppDeps {
  /** Pino logger options (a level, a destination `stream`); `false` for silence (tests). */
  logger?: boolean | (LoggerOptions & { stream?: DestinationStream });
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    // Redaction applies to every logger, a test's included: only its level and destination vary.
    logger: options.logger === false ? false : loggerOptions({ level: config.logLevel, ...(typeof options.logger === 'object' ? options.logger : {}) }),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // Keep the caller's request id when it is sane, so logs line up across services.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // ── platform ──────────────────────────────────────────────────────────────────────────────
  const secret = config.sessionSecret ?? (await getOrCreateSetting(database.db, 'cookie_secret', () => randomBytes(32).toString('hex')));
  const shell: ShellOptions = { pages: new PageRegistry(), panels: new PanelRegistry(), homePageId: PORTAL_PAGES.home, staffPageId: PORTAL_PAGES.staff, signOutPageId: PORTAL_PAGES.signOut };
  const sms = options.sms ?? createSmsSender(config.sms, (entry, message) => app.log.info(entry, message));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The map's tiles come from the configured tile server, when there is one.
        imgSrc: ["'self'", 'data:', ...(config.map.tileUrl ? [new URL(config.map.tileUrl.replace(/[{}]/g, '')).origin] : [])],
        connectSrc: ["'self'"],
        // Sign-in and sign-out forms redirect to the single sign-on provider, which form-action governs too.
        formAction: ["'self'", ...(config.oidc ? [new URL(config.oidc.issuerUrl).origin] : [])],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(compress, { global: true, threshold: 1024 });
  // Forms at 64 KB; files only where a route expects one (registerUploadRoutes).
  await app.register(bodiesPlugin);
  await app.register(cookie, { secret });
  await app.register(csrf, {
    cookieKey: 'guichet_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, signed: true },
    getToken: (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      return typeof fromBody === 'string' ? fromBody : (request.headers['x-csrf-token'] as string | undefined);
    },
  });
  await app.register(errorsPlugin, { renderErrorPage: createErrorPageRenderer(shell), i18n: options.i18n });
  await app.register(authPlugin, {
    db: database.db,
    clock: options.clock,
    i18n: options.i18n,
    signInPath: (language, next) => `${shell.pages.path(PORTAL_PAGES.signIn, language)}?next=${encodeURIComponent(next)}`,
    publicPrefixes: ['/assets/'],
  });
  // The route table (method, path, access) is what the route × role test walks.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  // Public routes are rate limited per address (routes declare access before this hook runs).
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method: String(method), url: route.url, access: route.config!.access!, body: route.schema?.body });
    const exempt = route.url.startsWith('/assets/') || route.url === '/healthz' || route.url === '/metrics';
    if (route.config?.access === 'public' && !exempt) route.config.rateLimit = { max: config.publicRateLimit, timeWindow: 60_000 };
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Guichet API', version: '1', description: 'The JSON API of the Guichet service delivery platform.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '1h', decorateReply: false });
  const registry = registerMetrics(app, { token: config.metricsToken });
  // Guessing throttles live in the database; any process prunes them.
  const guard = await createGuard({ db: database.db, registry, log: app.log });
  const stopPruning = schedulePruning({ db: database.db, clock: options.clock, onError: (error) => app.log.error({ err: error }, 'throttle prune failed') });
  app.addHook('onClose', async () => stopPruning());
  const deps: ModuleDeps = { ...options, shell, sms, guard };

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['platform'], operationId: 'getHealth', summary: 'Liveness and database reachability' } }, async () => {
    // Unreachable, it throws: the error handler answers 503 with Retry-After, like every route.
    await database.rawTransaction((query) => query('select 1'));
    // Reachable but not yet hearing other processes' changes: not ready to serve live pages.
    if (!database.bus.listening()) throw new DatabaseUnavailableError();
    return { status: 'ok', database: database.kind };
  });

  // ── modules ───────────────────────────────────────────────────────────────────────────────
  registerPortalModule(app, deps);
  await registerNetworkModule(app, deps);
  registerVisitsModule(app, deps);
  await registerAppointmentsModule(app, deps);
  await registerContactModule(app, deps);
  await registerCasesModule(app, deps);
  await registerStandardsModule(app, deps);
  await registerQaModule(app, deps);
  await registerInsightsModule(app, deps);

  await app.ready();
  return app;
}
