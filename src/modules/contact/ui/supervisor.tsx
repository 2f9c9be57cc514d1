/**
 * The supervisor's live view: per line the queue, longest wait, callbacks, agents by state and
 * today's rates, and who is on which line in what state; the inquiries by due date and the standard's result; the estimates' errors
 * against the two published methods. Live through server-sent events (a small script reloads the
 * page when anything changes); without JavaScript it refreshes itself every 30 seconds.
 */
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { CONTACT_OVERSIGHT } from '../contact.routes.js';
import { getEstimateAccuracy, getSupervisorView } from '../metrics.service.js';
import { CONTACT_PAGES } from './public.js';

const LIVE_SCRIPT = '/assets/contact-live.js';

const percent = (value: number | null, language: string) => (value === null ? '—' : `${value.toLocaleString(language === 'fr' ? 'fr-CA' : 'en-CA')} %`);

export function registerSupervisorPage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps.database;
  registerPage(app, deps.shell, {
    id: CONTACT_PAGES.supervisor,
    paths: { en: '/en/contact/supervisor', fr: '/fr/contact/superviseur' },
    access: CONTACT_OVERSIGHT,
    modified: '2026-12-04',
    async handler({ t, href, language, request }) {
      const now = deps.clock.now();
      const actor = actorOf(request);
      const view = await getSupervisorView({ db, actor, now });
      const accuracy = await getEstimateAccuracy({ db, actor, since: new Date(now.getTime() - 28 * 86_400_000) });
      // A state taken today shows its time; an older one, its day too.
      const today = DateTime.fromJSDate(now, { zone: 'America/Toronto' }).toISODate();
      const since = (iso: string) => {
        const at = DateTime.fromISO(iso, { zone: 'America/Toronto' });
        return at.toISODate() === today ? at.toFormat('HH:mm') : at.toFormat('yyyy-MM-dd HH:mm');
      };
      const minutes = (seconds: number) => Math.round(seconds / 60);
      const errors = accuracy.meanAbsoluteErrorSeconds;
      return {
        title: t('contact.supervisor.title'),
        refreshSeconds: 30,
        scripts: [LIVE_SCRIPT],
        breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
        body: (
          <div data-live-contact="true">
            <table>
              <caption>{t('contact.supervisor.lines')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contact.home.line')}</th>
                  <th scope="col">{t('contact.supervisor.in_queue')}</th>
                  <th scope="col">{t('contact.supervisor.longest')}</th>
                  <th scope="col">{t('contact.supervisor.callbacks')}</th>
                  <th scope="col">{t('contact.supervisor.agents')}</th>
                  <th scope="col">{t('contact.supervisor.answer_rate')}</th>
                  <th scope="col">{t('contact.supervisor.abandonment')}</th>
                  <th scope="col">{t('contact.supervisor.service_level')}</th>
                  <th scope="col">{t('contact.supervisor.fcr')}</th>
                </tr>
              </thead>
              <tbody>
                {view.lines.map((l) => (
                  <tr key={l.line.id}>
                    <th scope="row">{language === 'fr' ? l.line.nameFr : l.line.nameEn}</th>
                    <td>{l.inQueue}</td>
                    <td>{t('contact.supervisor.minutes', { minutes: minutes(l.longestWaitSeconds) })}</td>
                    <td>{t('contact.supervisor.callbacks_value', { due: l.callbacksDue, pending: l.callbacksPending })}</td>
                    <td>{t('contact.supervisor.agents_value', { available: l.agents.available, on_call: l.agents.on_call, wrap_up: l.agents.wrap_up, on_break: l.agents.break })}</td>
                    <td>{`${percent(l.answerRate, language)} (${l.answered}/${l.offered})`}</td>
                    <td>{percent(l.abandonRate, language)}</td>
                    <td>{t('contact.supervisor.service_level_value', { share: percent(l.serviceLevel, language), minutes: minutes(l.line.serviceLevelSeconds) })}</td>
                    <td>{percent(l.firstContactResolution, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <section id="agents-by-line" aria-labelledby="agents-by-line-title">
              <h2 id="agents-by-line-title">{t('contact.agents.by_line')}</h2>
              {view.lines.map((l) => (
                <div key={l.line.id}>
                  <h3>{language === 'fr' ? l.line.nameFr : l.line.nameEn}</h3>
                  {l.who.length === 0 ? (
                    <p>{t('contact.agents.nobody')}</p>
                  ) : (
                    <ul>
                      {l.who.map((a) => (
                        <li key={a.id}>{t('contact.agents.entry', { name: a.name, state: t(`contact.state.${a.state}`), since: since(a.since) })}</li>
                      ))}
                    </ul>
                  )}
                </div>
              ))}
            </section>
            <h2>{t('contact.supervisor.inquiries')}</h2>
            <ul className="figures">
              <li>
                <strong>{view.inquiries.overdue}</strong> {t('contact.supervisor.overdue')}
              </li>
              <li>
                <strong>{view.inquiries.dueToday}</strong> {t('contact.supervisor.due_today')}
              </li>
              <li>
                <strong>{view.inquiries.later}</strong> {t('contact.supervisor.due_later')}
              </li>
              <li>
                <strong>{percent(view.inquiries.standardRate, language)}</strong> {t('contact.supervisor.standard', { count: view.inquiries.answered28Days })}
              </li>
            </ul>
            <h2>{t('contact.supervisor.estimates')}</h2>
            <p>{t('contact.supervisor.estimates_lead', { count: accuracy.calls })}</p>
            <ul>
              <li>{t('contact.supervisor.error_ours', { seconds: errors.ours ?? 0 })}</li>
              <li>{t('contact.supervisor.error_asterisk', { seconds: errors.asterisk ?? 0 })}</li>
              <li>{t('contact.supervisor.error_genesys', { seconds: errors.genesys ?? 0 })}</li>
            </ul>
          </div>
        ),
      };
    },
  });
}
