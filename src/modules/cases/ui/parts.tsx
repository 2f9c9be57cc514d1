/** Pieces shared by the cases pages: bilingual names, dates, the journey list. */
import type { Language, Translate } from '../../../platform/i18n/index.js';
import type { ClientView } from '../status.service.js';

export const pick = (value: { en: string; fr: string }, language: Language) => value[language];

export function formatDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

export function formatInstant(at: string | Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }).format(new Date(at));
}

/** The journey as an ordered list: each step says, in words, whether it is done, current or next. */
export function Journey({ steps, language, t }: { steps: ClientView['journey']; language: Language; t: Translate }) {
  return (
    <ol className="journey">
      {steps.map((step) => (
        <li key={step.code} className={`journey-${step.status}`} aria-current={step.status === 'current' ? 'step' : undefined}>
          <span className="visually-hidden">{t(`cases.journey.sr_${step.status}`)} </span>
          {pick(step.name, language)} <span aria-hidden="true">({t(`cases.journey.${step.status}`)})</span>
        </li>
      ))}
    </ol>
  );
}

/** One history row in words. */
export function historyText(entry: ClientView['history'][number], language: Language, t: Translate): string {
  if (entry.type === 'stage' || entry.type === 'received') return t(`cases.history.${entry.type}`, { stage: entry.stage ? pick(entry.stage, language) : '' });
  if (entry.type === 'document_requested' || entry.type === 'document_received') return t(`cases.history.${entry.type}`, { kind: t(`cases.document.${String(entry.details.kind)}`) });
  if (entry.type === 'decision') return t('cases.history.decision');
  return entry.type;
}
