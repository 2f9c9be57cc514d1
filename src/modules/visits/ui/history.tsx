/** A site's recent days in person, for its supervisor: one row per open day, then the totals. */
import type { Language, Translate } from '../../../platform/i18n/index.js';
import type { SiteDailyHistory } from '../history.service.js';

/** The days the dashboard shows: four full weeks, so each weekday appears the same number of times. */
export const HISTORY_DAYS = 28;

const COLUMNS = ['visits.history.arrivals', 'visits.history.served', 'visits.history.within_target', 'visits.history.mean_wait', 'visits.history.p90_wait', 'visits.history.abandoned'] as const;

function formatters(language: Language) {
  const locale = language === 'fr' ? 'fr-CA' : 'en-CA';
  const count = new Intl.NumberFormat(locale);
  const minutes = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  // Days are calendar dates, not instants: read and printed in UTC so no time zone shifts them.
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' });
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
  return {
    count: (n: number) => count.format(n),
    minutes: (n: number | null) => (n === null ? '—' : minutes.format(n)),
    share: (part: number, whole: number) => (whole === 0 ? '—' : percent.format(part / whole)),
    day: (iso: string) => day.format(new Date(`${iso}T12:00:00Z`)),
    date: (iso: string) => date.format(new Date(`${iso}T12:00:00Z`)),
  };
}

export function DailyHistory({ history, t, language }: { history: SiteDailyHistory; t: Translate; language: Language }) {
  const format = formatters(language);
  const { totals } = history;
  return (
    <section aria-labelledby="daily-history">
      <h2 id="daily-history">{t('visits.history.title', { days: HISTORY_DAYS })}</h2>
      {history.rows.length === 0 ? (
        <p>{t('visits.history.none')}</p>
      ) : (
        <>
          <p>
            {t('visits.history.summary', {
              days: totals.days,
              arrivals: format.count(totals.arrivals),
              served: format.count(totals.served),
              within: totals.servedWithinTargetShare === null ? '—' : format.share(totals.servedWithinTargetShare, 1),
              wait: format.minutes(totals.meanWaitMinutes),
            })}
          </p>
          <table>
            <caption>{t('visits.history.caption', { from: format.date(history.from), to: format.date(history.to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('visits.history.day')}</th>
                {COLUMNS.map((key) => (
                  <th scope="col" key={key}>
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.rows.map((row) => (
                <tr key={row.service_day}>
                  <th scope="row">
                    <time dateTime={row.service_day}>{format.day(row.service_day)}</time>
                  </th>
                  <td>{format.count(row.arrivals)}</td>
                  <td>{format.count(row.served)}</td>
                  <td>{format.share(row.served_within_target, row.served)}</td>
                  <td>{format.minutes(row.mean_wait_minutes)}</td>
                  <td>{format.minutes(row.p90_wait_minutes)}</td>
                  <td>{format.count(row.abandoned)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
