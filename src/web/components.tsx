/** Shared pieces of pages: the error summary at the top of a form, labelled fields, notices. */
import type { ReactNode } from 'react';
import type { Translate } from '../platform/i18n/index.js';

export interface FieldError {
  /** The id of the input, so the summary can link to it. */
  field: string;
  message: string;
}

/** Canada.ca's error summary: a heading with the count, then one link per field in error. */
export function ErrorSummary({ errors, t }: { errors: FieldError[]; t: Translate }) {
  if (errors.length === 0) return null;
  return (
    <section className="error-summary" aria-labelledby="error-summary-title" tabIndex={-1} id="error-summary">
      <h2 id="error-summary-title">{t('form.error_summary_title', { count: errors.length })}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface TextFieldProps {
  id: string;
  name?: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'tel' | 'date' | 'number';
  value?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autoComplete?: string;
  t: Translate;
}

export function TextField(props: TextFieldProps) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>
        {props.label}
        {props.required ? <span className="required"> {props.t('form.required')}</span> : null}
      </label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="error-message" id={`${props.id}-error`}>
          <strong>{props.t('form.error_prefix')}</strong> {props.error}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        defaultValue={props.value}
        required={props.required}
        autoComplete={props.autoComplete}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return <div className={`notice notice-${kind}`}>{children}</div>;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** The two official languages as radio buttons, in a fieldset with its legend (forms that ask for a client's language). */
export function OfficialLanguageChoice({ legend, value, label }: { legend: string; value: string; label: (language: 'en' | 'fr') => string }) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {(['en', 'fr'] as const).map((language) => (
        <div key={language}>
          <input type="radio" id={`language-${language}`} name="language" value={language} defaultChecked={value === language} />
          <label htmlFor={`language-${language}`}>{label(language)}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * A table wider than a phone scrolls inside its own region rather than the page: the region is
 * named by the table's caption and takes the keyboard focus, so it can be scrolled without a mouse.
 */
export function ScrollTable({ id, caption, className, children }: { id: string; caption: ReactNode; className?: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={className}>
        <caption id={id}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
