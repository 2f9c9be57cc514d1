/** Small pieces the visits pages share. */
import type { Language, Translate } from '../../../platform/i18n/index.js';
import type { WaitRange } from '../eta.js';

export const siteName = (site: { name_en: string; name_fr: string }, language: Language) => (language === 'fr' ? site.name_fr : site.name_en);

export interface ServiceOption {
  code: string;
  name_en: string;
  name_fr: string;
}

export const serviceLabel = (services: ServiceOption[], code: string, language: Language) => {
  const service = services.find((s) => s.code === code);
  return service ? (language === 'fr' ? service.name_fr : service.name_en) : code;
};

export function ServiceSelect(props: { id: string; label: string; services: ServiceOption[]; value?: string | undefined; error?: string | undefined; language: Language; t: Translate }) {
  return (
    <div className={props.error ? 'field field-error' : 'field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.error ? (
        <p className="error-message" id={`${props.id}-error`}>
          <strong>{props.t('form.error_prefix')}</strong> {props.error}
        </p>
      ) : null}
      <select id={props.id} name={props.id} defaultValue={props.value ?? ''} aria-describedby={props.error ? `${props.id}-error` : undefined} aria-invalid={props.error ? true : undefined}>
        <option value="">{props.t('visits.field.choose')}</option>
        {props.services.map((s) => (
          <option key={s.code} value={s.code}>
            {props.language === 'fr' ? s.name_fr : s.name_en}
          </option>
        ))}
      </select>
    </div>
  );
}

export const waitText = (range: WaitRange | null, t: Translate) => (range ? t('visits.wait_range', { min: range.minMinutes, max: range.maxMinutes }) : '');
