/** Public pages of the network: the directory of service points and one page per point. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { may } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/errors.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import * as service from '../network.service.js';
import { OutreachCalendar } from './outreach.js';
import { AccessFacts } from './access.js';
import { getAccess } from '../access.service.js';
import { listPartners } from '../partners.service.js';
import { PartnerList } from './partners.js';

const MODIFIED = '2026-11-23';
const PAGE_SIZE = 50;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
/** The panel slot of a service point's page: other modules add sections to it (see platform/ssr/panels.ts). */
export const SITE_PANEL = 'network.site';

const first = (value: unknown) => fieldText(value) || undefined;

export function registerNetworkPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps.database;

  registerPage(app, deps.shell, {
    id: 'network.directory',
    paths: { en: '/en/service-points', fr: '/fr/points-de-service' },
    access: 'public',
    modified: MODIFIED,
    async handler({ t, language, request, href }) {
      const query = request.query as Record<string, unknown>;
      const province = first(query.province);
      const type = first(query.type);
      const pageNumber = Number(first(query.page) ?? '1');
      const page = Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 10_000 ? pageNumber : 1;
      let result: Awaited<ReturnType<typeof service.listServicePoints>>;
      try {
        result = await service.listServicePoints({ db, province, type, jurisdiction: 'federal', page, pageSize: PAGE_SIZE });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result = await service.listServicePoints({ db, jurisdiction: 'federal', page: 1, pageSize: PAGE_SIZE });
      }
      const name = (row: { name_en: string; name_fr: string }) => (language === 'fr' ? row.name_fr : row.name_en);
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      const link = (n: number) => {
        const params = new URLSearchParams();
        if (province) params.set('province', province);
        if (type) params.set('type', type);
        params.set('page', String(n));
        return `${href('network.directory')}?${params.toString()}`;
      };
      return {
        title: t('network.directory_title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p>{t('network.directory_intro')}</p>
            <form method="get" action={href('network.directory')} className="filters">
              <div className="field">
                <label htmlFor="province">{t('network.filter_province')}</label>
                <select id="province" name="province" defaultValue={province ?? ''}>
                  <option value="">{t('network.all_provinces')}</option>
                  {result.provinces.map((p) => (
                    <option key={p.code} value={p.code}>
                      {name(p)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="type">{t('network.filter_type')}</label>
                <select id="type" name="type" defaultValue={type ?? ''}>
                  <option value="">{t('network.all_types')}</option>
                  {(['scc', 'scc_consolidated', 'passport_site', 'outreach_site', 'partnership_site'] as const).map((code) => (
                    <option key={code} value={code}>
                      {t(`network.type.${code}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit">{t('network.apply_filters')}</button>
            </form>
            <p role="status">{t('network.results_count', { count: result.total })}</p>
            <table>
              <caption className="visually-hidden">{t('network.directory_title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('network.col_name')}</th>
                  <th scope="col">{t('network.col_type')}</th>
                  <th scope="col">{t('network.col_city')}</th>
                  <th scope="col">{t('network.col_province')}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={href('network.site', { code: row.code })}>{name(row)}</a>
                    </td>
                    <td>{t(`network.type.${row.type}`)}</td>
                    <td>{row.city}</td>
                    <td>{row.province_code}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {pages > 1 ? (
              <nav aria-label={t('network.pagination')} className="pagination">
                <ul>
                  {result.page > 1 ? (
                    <li>
                      <a href={link(result.page - 1)} rel="prev">
                        {t('network.previous_page')}
                      </a>
                    </li>
                  ) : null}
                  <li aria-current="page">{t('network.page_of', { page: result.page, pages })}</li>
                  {result.page < pages ? (
                    <li>
                      <a href={link(result.page + 1)} rel="next">
                        {t('network.next_page')}
                      </a>
                    </li>
                  ) : null}
                </ul>
              </nav>
            ) : null}
          </>
        ),
      };
    },
  });

  registerPage(app, deps.shell, {
    id: 'network.site',
    paths: { en: '/en/service-points/:code', fr: '/fr/points-de-service/:code' },
    access: 'public',
    modified: MODIFIED,
    async handler(context) {
      const { t, language, request, href } = context;
      const { code } = request.params as { code: string };
      if (!/^[A-Za-z0-9-]{1,64}$/.test(code)) throw new AppError('network.site_not_found', 404);
      const site = await service.getServicePoint({ db, ref: code });
      const name = language === 'fr' ? site.name_fr : site.name_en;
      // Other capabilities add their sections here (the visits module: wait now, join, book).
      const panels = await deps.shell.panels.render(SITE_PANEL, { id: site.id, code: site.code }, context);
      const calendar = site.type === 'outreach_site' ? await OutreachCalendar({ deps, site, context }) : null;
      const [access, partners] = await Promise.all([getAccess({ db, servicePointId: site.id }), listPartners({ db, servicePointId: site.id })]);
      return {
        title: name,
        breadcrumbs: [
          { href: href('portal.home'), label: t('shell.home') },
          { href: href('network.directory'), label: t('network.directory_title') },
        ],
        body: (
          <>
            <dl className="facts">
              <dt>{t('network.col_type')}</dt>
              <dd>{t(`network.type.${site.type}`)}</dd>
              <dt>{t('network.address')}</dt>
              <dd>
                {site.address_line}, {site.city} ({site.province_code}) {site.postal_code ?? ''}
              </dd>
              <dt>{t('network.status')}</dt>
              <dd>{t(`network.status.${site.status}`)}</dd>
              <dt>{t('network.time_zone')}</dt>
              <dd>{site.time_zone}</dd>
            </dl>
            {request.principal && may('network.manage').includes(request.principal.role) ? (
              <p>
                <a href={href('network.status', { code: site.code })}>{t('network.manage_status')}</a> ·{' '}
                <a href={href('network.edit', { code: site.code })}>{t('network.edit_link')}</a> ·{' '}
                <a href={href('network.access', { code: site.code })}>{t('network.access.edit_link')}</a> ·{' '}
                <a href={href('network.partners', { code: site.code })}>{t('network.partners.edit_link')}</a>
                {site.type === 'outreach_site' ? (
                  <>
                    {' · '}
                    <a href={href('network.outreach', { code: site.code })}>{t('network.outreach.edit_link')}</a>
                  </>
                ) : null}
              </p>
            ) : null}
            {panels}
            {calendar}
            <AccessFacts access={access} t={t} />
            <PartnerList partners={partners} t={t} language={language} />
            <h2>{t('network.services_offered')}</h2>
            <ul>
              {site.services.map((s) => (
                <li key={s.code}>{language === 'fr' ? s.name_fr : s.name_en}</li>
              ))}
            </ul>
            <h2>{t('network.hours')}</h2>
            <table>
              <caption className="visually-hidden">{t('network.hours')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('network.day')}</th>
                  <th scope="col">{t('network.opening_hours')}</th>
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((day) => {
                  const slots = site.hours.filter((h) => h.weekday === day);
                  return (
                    <tr key={day}>
                      <th scope="row">{t(`network.weekday.${day}`)}</th>
                      <td>{slots.length === 0 ? t('network.closed') : slots.map((h) => `${h.opensAt}–${h.closesAt}`).join(', ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        ),
      };
    },
  });
}
