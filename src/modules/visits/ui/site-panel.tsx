/**
 * On each service point's page: the wait now per service (a range, from the live queue), and the
 * ways in: join the queue, book an appointment, watch the lobby board. Server-rendered; the page
 * stays light (no script) and shows the time it was measured.
 */
import type { ModuleDeps } from '../../../platform/deps.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { FIND_RESULT_PANEL, getServicePoint, SITE_PANEL } from '../../network/index.js';
import { getServiceWait, getWaitTimes } from '../wait.service.js';
import { serviceLabel, waitText } from './parts.js';

export function registerSitePanel(deps: ModuleDeps): void {
  deps.shell.panels.add(SITE_PANEL, async (subject: { id: string; code: string }, context: PageContext) => {
    const { t, href, language } = context;
    const site = await getServicePoint({ db: deps.database.db, ref: subject.id });
    if (site.jurisdiction !== 'federal' || !['open', 'reactivated'].includes(site.status)) return null;
    const now = deps.clock.now();
    const waits = await getWaitTimes({ db: deps.database.db, siteRef: site.id, now });
    const time = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { timeZone: site.time_zone, hour: '2-digit', minute: '2-digit' }).format(now);
    return (
      <section aria-labelledby="wait-now-title" className="panel">
        <h2 id="wait-now-title">{t('visits.panel.title')}</h2>
        {waits.isOpen ? (
          <table>
            <caption>{t('visits.panel.caption', { time })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('visits.field.service')}</th>
                <th scope="col">{t('visits.panel.waiting')}</th>
                <th scope="col">{t('visits.ticket.estimate')}</th>
              </tr>
            </thead>
            <tbody>
              {waits.services.map((s) => (
                <tr key={s.service}>
                  <th scope="row">{serviceLabel(site.services, s.service, language)}</th>
                  <td>{s.waiting}</td>
                  <td>{waitText(s.estimatedWait, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{waits.isHoliday ? t('visits.panel.holiday') : t('visits.panel.closed')}</p>
        )}
        <ul className="inline-list">
          {waits.isOpen ? (
            <li>
              <a href={href('visits.join', { code: site.code })}>{t('visits.home.join')}</a>
            </li>
          ) : null}
          <li>
            <a href={href('appointments.book', { code: site.code })}>{t('visits.home.book')}</a>
          </li>
          <li>
            <a href={href('visits.board', { code: site.code })}>{t('visits.home.board')}</a>
          </li>
        </ul>
      </section>
    );
  });
}

/** Beside each open office in "find a service point" (when a service is chosen): the wait now for it. */
export function registerFindResultPanel(deps: ModuleDeps): void {
  deps.shell.panels.add(FIND_RESULT_PANEL, async (subject: { id: string; service: string; open: boolean }, context: PageContext) => {
    if (!subject.open) return null;
    const wait = await getServiceWait({ db: deps.database.db, siteId: subject.id, service: subject.service, now: deps.clock.now() });
    if (!wait) return null;
    return <> · {context.t('visits.panel.result_wait', { waiting: wait.waiting, wait: waitText(wait.estimatedWait, context.t) })}</>;
  });
}
