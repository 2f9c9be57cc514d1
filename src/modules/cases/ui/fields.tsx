/** Small labelled controls the cases forms share. */
import type { ReactNode } from 'react';

export function SelectField(props: { id: string; name?: string; label: string; value?: string; error?: string | undefined; options: { value: string; label: string }[]; children?: ReactNode }) {
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.error ? (
        <p className="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      <select id={props.id} name={props.name ?? props.id} defaultValue={props.value ?? ''} aria-invalid={props.error ? true : undefined} aria-describedby={props.error ? `${props.id}-error` : undefined}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function TextArea(props: { id: string; label: string; hint?: string; value?: string; error?: string | undefined }) {
  const describedBy = [props.hint ? `${props.id}-hint` : null, props.error ? `${props.id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="error-message" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
      <textarea id={props.id} name={props.id} rows={4} defaultValue={props.value} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy || undefined} />
    </div>
  );
}
