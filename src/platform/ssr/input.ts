/**
 * Reading page input (query strings and form bodies) without trusting its shape: a field may be
 * missing, repeated (an array) or huge. Pages take the first value, bounded.
 */
import type { AppError } from '../errors.js';
import type { Translate } from '../i18n/index.js';

/** The first string value of a query or form field, cut to `maxLength`; '' when absent. */
export function fieldText(value: unknown, maxLength = 200): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, maxLength) : '';
}

/** Every string value of a repeated field (checkboxes). */
export function fieldList(value: unknown, maxLength = 200): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, maxLength));
}

/** An AppError's per-field problems as the error summary lists them, translated. */
export function fieldErrors(error: AppError, t: Translate): { field: string; message: string }[] {
  return Object.entries(error.fields).map(([field, key]) => ({ field, message: t(key, error.params) }));
}
