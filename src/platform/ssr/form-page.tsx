/**
 * A page with a form that posts back to itself: GET shows it; POST reads the values, submits
 * them, and shows the page again with a notice, or, when the submission is refused with
 * per-field problems (an AppError 400), with the error summary and the values as typed.
 */
import type { FastifyInstance } from 'fastify';
import type { FieldError } from '../../web/components.js';
import { AppError } from '../errors.js';
import { fieldErrors } from './input.js';
import { registerPage, type PageContext, type PageDefinition, type PageResult, type ShellOptions } from './pages.js';

export interface FormState<V> {
  errors?: FieldError[];
  notice?: string;
  status?: number;
  values?: V;
}

export interface FormPageDefinition<V> extends Omit<PageDefinition, 'handler' | 'method'> {
  render(context: PageContext, state: FormState<V>): Promise<PageResult>;
  /** The posted values, read without trusting their shape. */
  read(context: PageContext): V;
  /** Carries the submission out; returns the notice to show. */
  submit(context: PageContext, values: V): Promise<string>;
}

export function registerFormPage<V>(app: FastifyInstance, shell: ShellOptions, page: FormPageDefinition<V>): void {
  const { render, read, submit, schema, ...definition } = page;
  registerPage(app, shell, { ...definition, handler: (context) => render(context, {}) });
  registerPage(app, shell, {
    ...definition,
    ...(schema ? { schema } : {}),
    method: 'POST',
    async handler(context) {
      const values = read(context);
      try {
        return await render(context, { notice: await submit(context, values) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, { errors: fieldErrors(error, context.t), values, status: 400 });
      }
    },
  });
}
