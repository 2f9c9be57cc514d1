/**
 * The visits pages. Public: find a site's queue, join it from a phone, follow the ticket, the
 * lobby board. Staff: reception, counters, the supervisor's dashboard. Every form posts back to
 * its own page, so nothing needs JavaScript; the board and consoles are enhanced when it is on.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { allows, may } from '../../../platform/auth/roles.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { listServicePoints } from '../../network/index.js';
import { COUNTER_STAFF, FRONT_DESK, OVERSIGHT } from '../visits.routes.js';
import { registerBoardPage } from './board.js';
import { registerCounterPages } from './counter.js';
import { registerDashboardPage } from './dashboard.js';
import { registerJoinPage } from './join.js';
import { registerReceptionPage } from './reception.js';
import { registerTicketPage } from './ticket.js';

export const VISIT_PAGES = {
  home: 'visits.home',
  join: 'visits.join',
  ticket: 'visits.ticket',
  board: 'visits.board',
  reception: 'visits.reception',
  counters: 'visits.counters',
  counter: 'visits.counter',
  dashboard: 'visits.dashboard',
} as const;

export interface PageHooks {
  afterQueueMoved(siteId: string): void;
}

export function registerVisitPages(app: FastifyInstance, deps: ModuleDeps, hooks: PageHooks): void {
  registerPage(app, deps.shell, {
    id: VISIT_PAGES.home,
    paths: { en: '/en/visits', fr: '/fr/visites' },
    access: 'public',
    modified: '2026-11-23',
    async handler({ t, href, language, request }) {
      const query = request.query as Record<string, unknown>;
      const search = fieldText(query.q, 80).trim();
      const role = request.principal?.role;
      const found = search ? await listServicePoints({ db: deps.database.db, search, jurisdiction: 'federal', pageSize: 25 }) : null;
      const sites = (found?.items ?? []).filter((s) => s.status === 'open' || s.status === 'reactivated');
      return {
        title: t('visits.home.title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p className="lead">{t('visits.home.lead')}</p>
            <form method="get" action={href(VISIT_PAGES.home)} role="search">
              <div className="field">
                <label htmlFor="q">{t('visits.home.search_label')}</label>
                <p className="hint" id="q-hint">
                  {t('visits.home.search_hint')}
                </p>
                <input id="q" name="q" type="search" defaultValue={search} aria-describedby="q-hint" />
              </div>
              <button type="submit">{t('visits.home.search')}</button>
            </form>
            {found ? (
              sites.length === 0 ? (
                <p role="status">{t('visits.home.none', { search })}</p>
              ) : (
                <table>
                  <caption>{t('visits.home.results', { count: sites.length, search })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('visits.home.site')}</th>
                      <th scope="col">{t('visits.home.city')}</th>
                      <th scope="col">{t('visits.home.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sites.map((site) => (
                      <tr key={site.id}>
                        <td>
                          <a href={href('network.site', { code: site.code })}>{language === 'fr' ? site.name_fr : site.name_en}</a>
                        </td>
                        <td>{`${site.city}, ${site.province_code}`}</td>
                        <td>
                          <ul className="inline-list">
                            <li>
                              <a href={href(VISIT_PAGES.join, { code: site.code })}>{t('visits.home.join')}</a>
                            </li>
                            <li>
                              <a href={href('appointments.book', { code: site.code })}>{t('visits.home.book')}</a>
                            </li>
                            <li>
                              <a href={href(VISIT_PAGES.board, { code: site.code })}>{t('visits.home.board')}</a>
                            </li>
                            {allows(FRONT_DESK, role) ? (
                              <li>
                                <a href={href(VISIT_PAGES.reception, { code: site.code })}>{t('visits.home.reception')}</a>
                              </li>
                            ) : null}
                            {allows(FRONT_DESK, role) ? (
                              <li>
                                <a href={href('appointments.today', { code: site.code })}>{t('visits.home.appointments_today')}</a>
                              </li>
                            ) : null}
                            {allows(may('network.manage'), role) ? (
                              <li>
                                <a href={href('appointments.settings', { code: site.code })}>{t('visits.home.appointment_settings')}</a>
                              </li>
                            ) : null}
                            {allows(COUNTER_STAFF, role) ? (
                              <li>
                                <a href={href(VISIT_PAGES.counters, { code: site.code })}>{t('visits.home.counters')}</a>
                              </li>
                            ) : null}
                            {allows(OVERSIGHT, role) ? (
                              <li>
                                <a href={href(VISIT_PAGES.dashboard, { code: site.code })}>{t('visits.home.dashboard')}</a>
                              </li>
                            ) : null}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            ) : null}
          </>
        ),
      };
    },
  });
  registerJoinPage(app, deps);
  registerTicketPage(app, deps, hooks);
  registerBoardPage(app, deps);
  registerReceptionPage(app, deps, hooks);
  registerCounterPages(app, deps, hooks);
  registerDashboardPage(app, deps);
}
