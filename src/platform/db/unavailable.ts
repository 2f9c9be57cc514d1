/**
 * Errors that say the database cannot be reached right now, as opposed to a query that is wrong:
 * refused, reset or timed-out connections, PostgreSQL's connection exceptions (SQLSTATE class 08),
 * a server shutting down or starting up (57P01–57P03), too many connections (53300), and the pg
 * driver's own words for a connection it lost. The error handler answers them with 503.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return true;
  // Node reports a refused connection to every address of a host as one AggregateError.
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}

/** Seconds a client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 30;

/** Raised by the process itself when the database is reachable but not fully usable yet. */
export class DatabaseUnavailableError extends Error {
  readonly code = '08006';
  constructor(message = 'the database connection is being re-established') {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}
