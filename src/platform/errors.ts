/**
 * Every expected failure is an AppError: a stable code that is also the i18n key of its message,
 * and the HTTP status it answers with. Anything else is a bug and answers a generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** Values interpolated into the translated message. */
    readonly params: Record<string, string | number> = {},
    /** Per-field problems, keyed by field name, each an i18n key. */
    readonly fields: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (code = 'common.not_found') => new AppError(code, 404);
export const forbidden = (code = 'auth.forbidden') => new AppError(code, 403);
export const unauthenticated = (code = 'auth.required') => new AppError(code, 401);
export const badRequest = (code: string, fields: Record<string, string> = {}) => new AppError(code, 400, {}, fields);
