/**
 * Who is asking, and may they? Every route must declare `config.access`; a request is resolved
 * to a principal (bearer token or session cookie) and checked before its body is even read.
 * State-changing requests that ride on a cookie must carry a CSRF token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { resolveApiToken, resolveSession } from '../auth/auth.service.js';
import { allows } from '../auth/roles.js';
import { OutOfScopeError } from '../auth/scope.js';
import { recordAudit } from '../audit.repo.js';
import { actorOf } from './actor.js';
import { languageFromHeader, type I18n, type Language } from '../i18n/index.js';

export const SESSION_COOKIE = 'guichet_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthPluginOptions {
  db: Db;
  clock: Clock;
  i18n: I18n;
  /** Where a page sends someone who must sign in. */
  signInPath(language: Language, next: string): string;
  /** Routes registered by third-party plugins (docs, assets) that are public by nature. */
  publicPrefixes: string[];
}

const languageFromPath = (url: string): Language | undefined => /^\/(en|fr)(?=[/?#]|$)/.exec(url)?.[1] as Language | undefined;

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('auth.invalid_token', 401);
  return token;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions) {
  app.decorateRequest('principal', null);
  app.decorateRequest('language', 'en');
  app.decorateRequest('t', undefined as never);

  app.addHook('onRoute', (route) => {
    route.config ??= {};
    if (route.config.access) return;
    if (options.publicPrefixes.some((prefix) => route.url.startsWith(prefix))) {
      route.config.access = 'public';
      return;
    }
    throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    request.language = config?.language ?? languageFromPath(request.url) ?? languageFromHeader(request.headers['accept-language']);
    request.t = options.i18n.translator(request.language);
    const bearer = config?.ownAuthorization ? undefined : bearerOf(request);
    if (bearer) {
      request.principal = await resolveApiToken({ db: options.db, clock: options.clock, token: bearer });
      if (!request.principal) throw new AppError('auth.invalid_token', 401);
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const unsigned = cookie ? request.unsignCookie(cookie) : undefined;
      if (unsigned?.valid && unsigned.value) {
        request.principal = await resolveSession({ db: options.db, clock: options.clock, sessionToken: unsigned.value });
      }
    }
    const access = config?.access;
    if (!access || allows(access, request.principal?.role)) return;
    if (!request.principal) {
      if (config?.pageId && request.method === 'GET') {
        return reply.redirect(options.signInPath(request.language, request.url), 303);
      }
      throw new AppError('auth.required', 401);
    }
    throw new AppError('auth.forbidden', 403);
  });

  // Every refusal is traced: who reached for what, and, when it was their scope that refused
  // them, which place, file or line. The trace commits on its own: the request changed nothing.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || error.status !== 403) return;
    const where = error instanceof OutOfScopeError ? { kind: error.kind, target: error.target } : {};
    await recordAudit(options.db, actorOf(request), {
      action: 'auth.refused',
      ...(error instanceof OutOfScopeError ? { entityType: error.kind, entityId: error.target } : {}),
      details: { code: error.code, method: request.method, route: request.routeOptions.url ?? null, ...where },
    }).catch((failure: unknown) => request.log.warn({ err: failure }, 'could not audit a refusal'));
  });

  app.addHook('preHandler', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    const bearerAuthenticated = request.principal?.kind === 'token';
    // CSRF rides on ambient credentials: an API call without a session cookie (a public join from
    // an app) has none to abuse. Pages always check, so their forms are protected either way.
    const ambient = request.cookies[SESSION_COOKIE] !== undefined || Boolean(request.routeOptions.config?.pageId);
    if (!UNSAFE.has(request.method) || bearerAuthenticated || !ambient) return done();
    app.csrfProtection(request, reply, done);
  });
}

export default fp(authPlugin, { name: 'guichet-auth', dependencies: ['@fastify/cookie', '@fastify/csrf-protection'] });
