/** Labelled fields of the insights forms: an input or a select, with its error next to it. */
import type { Translate } from '../../../../platform/i18n/index.js';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  t: Translate;
}

function ErrorText({ id, error, t }: { id: string; error?: string | undefined; t: Translate }) {
  return error ? (
    <p className="error-message" id={`${id}-error`}>
      <strong>{t('form.error_prefix')}</strong> {error}
    </p>
  ) : null;
}

const describedBy = (props: FieldProps) => [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function Field(props: FieldProps & { type?: 'text' | 'date' | 'number'; step?: string }) {
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <ErrorText id={props.id} error={props.error} t={props.t} />
      <input id={props.id} name={props.id} type={props.type ?? 'text'} step={props.step} defaultValue={props.value} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props)} />
    </div>
  );
}

export function Select(props: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      <ErrorText id={props.id} error={props.error} t={props.t} />
      <select id={props.id} name={props.id} defaultValue={props.value} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
