/** The insights pages and the links between them. */
import type { Translate } from '../../../../platform/i18n/index.js';

export const INSIGHTS_PAGES = { home: 'insights.home', forecast: 'insights.forecast', plan: 'insights.plan' } as const;
type PageKey = keyof typeof INSIGHTS_PAGES;

export function InsightsNav({ current, href, t }: { current: PageKey; href: (id: string) => string; t: Translate }) {
  return (
    <nav aria-label={t('insights.nav.label')}>
      <ul className="inline-list">
        {(Object.keys(INSIGHTS_PAGES) as PageKey[]).map((key) => (
          <li key={key}>
            <a href={href(INSIGHTS_PAGES[key])} aria-current={key === current ? 'page' : undefined}>
              {t(`insights.nav.${key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
