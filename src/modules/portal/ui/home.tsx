/** The home page of each language: what Guichet offers, the network counted, a way to each capability. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { getNetworkSummary } from '../../network/index.js';

/** Each capability and the page that opens it, once its module registers that page. */
const CAPABILITIES = [
  { key: 'network', pageId: 'network.find' },
  { key: 'visits', pageId: 'visits.home' },
  { key: 'contact', pageId: 'contact.home' },
  { key: 'status', pageId: 'cases.status' },
  { key: 'standards', pageId: 'standards.home' },
  { key: 'insights', pageId: 'insights.home' },
] as const;

export function registerHomePage(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps.database;
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    reply.header('vary', 'accept-language');
    return reply.redirect(deps.shell.pages.path('portal.home', request.language), 302);
  });

  registerPage(app, deps.shell, {
    id: 'portal.home',
    paths: { en: '/en', fr: '/fr' },
    access: 'public',
    modified: '2026-11-23',
    async handler({ t, href }) {
      const summary = await getNetworkSummary({ db });
      const figures = [
        { key: 'scc', count: summary.byType.scc + summary.byType.scc_consolidated },
        { key: 'passport_site', count: summary.byType.passport_site },
        { key: 'outreach_site', count: summary.byType.outreach_site },
        { key: 'partnership_site', count: summary.byType.partnership_site },
      ];
      return {
        title: t('home.title'),
        body: (
          <>
            <p className="lead">{t('home.intro')}</p>
            <section aria-labelledby="network-figures">
              <h2 id="network-figures">{t('home.network_heading')}</h2>
              <p>{t('home.network_total', { count: summary.total })}</p>
              <ul className="figures">
                {figures.map((figure) => (
                  <li key={figure.key}>
                    <strong>{figure.count.toLocaleString(t('home.locale'))}</strong> {t(`home.figure.${figure.key}`, { count: figure.count })}
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="capabilities">
              <h2 id="capabilities">{t('home.capabilities_heading')}</h2>
              <ul className="cards">
                {CAPABILITIES.map((capability) => (
                  <li key={capability.key} className="card">
                    <h3>
                      {deps.shell.pages.has(capability.pageId) ? (
                        <a href={href(capability.pageId)}>{t(`home.capability.${capability.key}.title`)}</a>
                      ) : (
                        t(`home.capability.${capability.key}.title`)
                      )}
                    </h3>
                    <p>{t(`home.capability.${capability.key}.text`)}</p>
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="staff">
              <h2 id="staff">{t('home.staff_heading')}</h2>
              <p>
                <a href={href('portal.sign_in')}>{t('home.staff_sign_in')}</a>
              </p>
            </section>
          </>
        ),
      };
    },
  });
}
