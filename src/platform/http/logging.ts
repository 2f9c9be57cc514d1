/**
 * What the server writes to its log, and what it never does. Logs travel further than the
 * database (shippers, tickets, screenshots), so a log line carries no secret and no personal
 * detail: query strings keep their names but lose their values, path parameters that identify a
 * person or open a capability (an application number, a ticket token, a signed link) are replaced
 * by their name, and any field called like a credential or a personal detail (authorization,
 * cookie, password, token, dateOfBirth, email, phone…) is redacted at any depth, errors included.
 */
import type { FastifyRequest } from 'fastify';
import pino, { type LoggerOptions } from 'pino';

export const REDACTED = '[redacted]';

/** Path parameters whose values name a person's file or open something without signing in. */
const SECRET_PARAMS = new Set(['number', 'caseNumber', 'token', 'signature']);

/** Field names (compared without case, dashes or underscores) whose values never reach the log. */
const SECRET_FIELDS = new Set([
  'authorization',
  'cookie',
  'setcookie',
  'csrf',
  'password',
  'token',
  'secret',
  'dateofbirth',
  'dob',
  'birthdate',
  'email',
  'phone',
  'to',
  'contact',
  'applicationnumber',
  'casenumber',
  'number',
  'signature',
  // Whatever a person wrote or is sent: a body, a message's subject and text, its sender.
  'body',
  'subject',
  'text',
  'html',
  'from',
  // What database drivers attach to their errors: the bound values, and the offending row.
  'params',
  'parameters',
  'detail',
  // What mail transports attach to theirs.
  'envelope',
  'accepted',
  'rejected',
]);
const SECRET_SUFFIX = /(password|token|secret|email|phone|dateofbirth|cookie)$/;
const EMAIL = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[A-Za-z]{2,}/g;
/** PostgreSQL's data exceptions (class 22) quote the value they refused, and its context the parameter. */
const QUOTED = /"[^"]*"|'[^']*'/g;
const MAX_DEPTH = 8;

const isSecretField = (key: string) => {
  const name = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_FIELDS.has(name) || SECRET_SUFFIX.test(name);
};

/** A copy of any value with every secret field redacted, however deep. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  if (value instanceof Date) return value;
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = isSecretField(key) ? REDACTED : redact(field, depth + 1, seen);
  return copy;
}

/** Strings inside an error (its message, its stack) lose e-mail addresses and refused values. */
function scrubText(value: unknown, quoted: boolean): unknown {
  if (typeof value === 'string') {
    const text = value.replace(EMAIL, REDACTED);
    return quoted ? text.replace(QUOTED, REDACTED) : text;
  }
  if (Array.isArray(value)) return value.map((item) => scrubText(item, quoted));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, scrubText(field, quoted)]));
  return value;
}

export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return redact(error);
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const code = (error as { code?: unknown }).code;
  const dataException = typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
  return scrubText(redact({ ...serialized }), dataException);
}

/** The path with its secret parameters named, not shown, and the query's values dropped. */
export function safeUrl(request: Pick<FastifyRequest, 'url'> & Partial<Pick<FastifyRequest, 'routeOptions' | 'params'>>): string {
  const [path = '', query] = request.url.split('?', 2) as [string, string | undefined];
  const pattern = request.routeOptions?.url;
  const params = (request.params ?? {}) as Record<string, string>;
  const shown = pattern
    ? pattern.replace(/:([A-Za-z]+)|\*$/g, (whole, name: string | undefined) => {
        if (!name) return params['*'] ?? '';
        return SECRET_PARAMS.has(name) || params[name] === undefined ? `:${name}` : encodeURIComponent(params[name]);
      })
    : // No route matched: a segment that looks like a number, a date or an address is not shown.
      path
        .split('/')
        .map((segment) => (/\d{4}|@|%40/.test(segment) ? ':redacted' : segment))
        .join('/');
  if (query === undefined) return shown;
  const names = [...new URLSearchParams(query).keys()].map((name) => `${encodeURIComponent(name)}=${REDACTED}`);
  return `${shown}?${names.join('&')}`;
}

const serializeRequest = (request: FastifyRequest) => ({
  method: request.method,
  url: safeUrl(request),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
});

/**
 * The logger's options: the caller's level and destination (a test's stream), with the
 * serializers and the redaction that always apply.
 */
export function loggerOptions(options: LoggerOptions & { stream?: unknown }): LoggerOptions {
  return {
    ...options,
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
    formatters: {
      ...options.formatters,
      // Every other field of a log line: `req`, `res` and `err` have their serializers above.
      log: (object) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, key === 'req' || key === 'res' || key === 'err' || key === 'error' ? value : isSecretField(key) ? REDACTED : redact(value)])),
    },
  };
}
