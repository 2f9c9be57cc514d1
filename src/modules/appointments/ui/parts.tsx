/** Small pieces the appointment pages share. */
import type { Language, Translate } from '../../../platform/i18n/index.js';
import type { Slot } from '../slots.js';

export const siteName = (site: { name_en: string; name_fr: string }, language: Language) => (language === 'fr' ? site.name_fr : site.name_en);

/** "Tuesday, November 24" in the page's language (the date is already the site's local date). */
export const dayLabel = (date: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' }).format(new Date(`${date}T12:00:00Z`));

export const whenLabel = (at: Date, timeZone: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(at);

/** The times of a day as radio buttons (a fieldset with a legend, for screen readers). */
export function SlotChoice(props: { slots: Slot[]; value?: string | undefined; error?: string | undefined; t: Translate }) {
  return (
    <fieldset className={props.error ? 'field field-error slot-list' : 'field slot-list'} id="startsAt">
      <legend>{props.t('appointments.field.time')}</legend>
      {props.error ? (
        <p className="error-message">
          <strong>{props.t('form.error_prefix')}</strong> {props.error}
        </p>
      ) : null}
      {props.slots.length === 0 ? <p>{props.t('appointments.book.no_times')}</p> : null}
      {props.slots.map((slot) => {
        const id = `slot-${slot.time.replace(':', '')}`;
        return (
          <div key={id}>
            <input type="radio" id={id} name="startsAt" value={slot.startsAt.toISOString()} defaultChecked={props.value === slot.startsAt.toISOString()} />
            <label htmlFor={id}>{slot.time}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
