/**
 * The table of contents: buildApp registers the platform, then each module, in one readable
 * file. Every dependency is an argument; tests build the very same app in-process.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Access } from './platform/auth/roles.js';
import type { AppDeps, ModuleDeps } from './platform/deps.js';
import authPlugin from './platform/http/auth.plugin.js';
import errorsPlugin from './platform/http/errors.plugin.js';
import { registerMetrics } from './platform/http/metrics.js';
import { getOrCreateSetting } from './platform/settings.repo.js';
import { createSmsSender } from './platform/sms.js';
import { PageRegistry, type ShellOptions } from './platform/ssr/pages.js';
import { PanelRegistry } from './platform/ssr/panels.js';
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
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface BuildAppOptions extends AppDeps {
  /** Pino logger options; `false` for silence (tests). */
  logger?: boolean | object;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
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
  const deps: ModuleDeps = { ...options, shell, sms };

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
  await app.register(formbody, { bodyLimit: 65_536 });
  // File uploads (imports) become ordinary body fields, so the CSRF check reads them like a form.
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 } });
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
    for (const method of [route.method].flat()) routeTable.push({ method: String(method), url: route.url, access: route.config!.access! });
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
  registerMetrics(app);

  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { config: { access: 'public' }, schema: { tags: ['platform'], operationId: 'getHealth', summary: 'Liveness and database reachability' } }, async (_request, reply) => {
    try {
      await database.rawTransaction((query) => query('select 1'));
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: database.kind });
    }
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
