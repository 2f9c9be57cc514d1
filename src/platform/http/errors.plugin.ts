/**
 * One handler turns every error into `{ code, message }` in the request's language (or an error
 * page for pages). Known failures keep their status; anything unexpected is logged in full and
 * answers a generic 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable.js';
import { AppError } from '../errors.js';
import { languageFromHeader, type I18n } from '../i18n/index.js';

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

/** Renders an error as a page; supplied by the SSR layer so this plugin stays HTML-free. */
export type ErrorPageRenderer = (request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody) => Promise<unknown> | unknown;

const BY_STATUS: Record<number, string> = {
  400: 'common.invalid_input',
  401: 'auth.required',
  403: 'auth.forbidden',
  404: 'common.not_found',
  405: 'common.method_not_allowed',
  406: 'common.not_acceptable',
  408: 'common.timeout',
  409: 'common.conflict',
  413: 'common.payload_too_large',
  414: 'common.uri_too_long',
  415: 'common.unsupported_media_type',
  429: 'common.rate_limited',
};

const BY_FASTIFY_CODE: Record<string, { status: number; code: string }> = {
  FST_CSRF_INVALID_TOKEN: { status: 403, code: 'auth.csrf_invalid' },
  FST_CSRF_MISSING_SECRET: { status: 403, code: 'auth.csrf_invalid' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'common.unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'common.invalid_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'common.invalid_body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'common.payload_too_large' },
  FST_ERR_VALIDATION: { status: 400, code: 'common.invalid_input' },
};

function classify(error: FastifyError | AppError): { status: number; code: string; params: Record<string, string | number>; fields: Record<string, string> } {
  if (error instanceof AppError) return { status: error.status, code: error.code, params: error.params, fields: error.fields };
  const fields: Record<string, string> = {};
  for (const issue of error.validation ?? []) {
    const field = (issue.instancePath || '').replace(/^\//, '').replaceAll('/', '.') || String(issue.params?.missingProperty ?? error.validationContext ?? 'input');
    fields[field] = 'common.invalid_field';
  }
  // The multipart parser (busboy) throws plain errors on malformed bodies: the client's fault.
  if (!error.statusCode && /@fastify[\\/]busboy|@fastify[\\/]multipart/.test(String(error.stack))) return { status: 400, code: 'common.invalid_body', params: {}, fields: {} };
  const known = error.code ? BY_FASTIFY_CODE[error.code] : undefined;
  if (known) return { ...known, params: {}, fields };
  // A database outage is no bug: every route answers 503 until the connections come back.
  if (isDatabaseUnavailable(error)) return { status: 503, code: 'common.service_unavailable', params: {}, fields: {} };
  const status = error.statusCode ?? 500;
  if (status === 503) return { status, code: 'common.service_unavailable', params: {}, fields: {} };
  if (status >= 400 && status < 500) return { status, code: BY_STATUS[status] ?? 'common.invalid_input', params: {}, fields };
  return { status: 500, code: 'common.internal_error', params: {}, fields: {} };
}

export interface ErrorsPluginOptions {
  renderErrorPage: ErrorPageRenderer;
  i18n: I18n;
}

async function errorsPlugin(app: FastifyInstance, options: ErrorsPluginOptions) {
  // A failure can come before the auth hook has chosen the language (a malformed URL, say).
  const ensureLanguage = (request: FastifyRequest) => {
    if (request.t) return request.t;
    const fromPath = /^\/(en|fr)(?=[/?#]|$)/.exec(request.url)?.[1];
    request.language = fromPath === 'fr' || fromPath === 'en' ? fromPath : languageFromHeader(request.headers['accept-language']);
    request.t = options.i18n.translator(request.language);
    return request.t;
  };

  const answer = (request: FastifyRequest, reply: FastifyReply, status: number, body: ErrorBody) => {
    const wantsPage = Boolean(request.routeOptions.config?.pageId) || /^\/(en|fr)(\/|$)/.test(request.url);
    if (wantsPage && request.method !== 'HEAD') return options.renderErrorPage(request, reply, status, body);
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  };

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, code, params, fields } = classify(error);
    if (status === 503) request.log.warn({ code: (error as { code?: unknown }).code, message: error.message }, 'service unavailable');
    else if (status >= 500) request.log.error({ err: error }, 'unexpected error');
    else request.log.info({ code, status }, 'request refused');
    const t = ensureLanguage(request);
    const body: ErrorBody = { code, message: t(code, params) };
    if (Object.keys(fields).length > 0) body.fields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, t(v, params)]));
    if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    return answer(request, reply, status, body);
  });

  app.setNotFoundHandler((request, reply) => {
    const t = ensureLanguage(request);
    return answer(request, reply, 404, { code: 'common.not_found', message: t('common.not_found') });
  });
}

export default fp(errorsPlugin, { name: 'guichet-errors' });
