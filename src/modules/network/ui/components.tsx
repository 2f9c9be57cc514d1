/** Pieces shared by the network's pages. */
import type { Translate } from '../../../platform/i18n/index.js';

/** The service filter: every service of the catalogue, or any. */
export function ServiceSelect(props: { services: readonly { code: string; name_en: string; name_fr: string }[]; value: string; language: 'en' | 'fr'; t: Translate }) {
  return (
    <div className="field">
      <label htmlFor="service">{props.t('network.find.service_label')}</label>
      <select id="service" name="service" defaultValue={props.value}>
        <option value="">{props.t('network.find.any_service')}</option>
        {props.services.map((s) => (
          <option key={s.code} value={s.code}>
            {props.language === 'fr' ? s.name_fr : s.name_en}
          </option>
        ))}
      </select>
    </div>
  );
}
