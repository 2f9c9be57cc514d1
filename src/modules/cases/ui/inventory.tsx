/** The inventory: open files oldest first, sorted into within / at risk / overdue against their standard, with filters. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { loadCatalogue } from '../catalogue.js';
import { CASE_STAFF } from '../cases.routes.js';
import type { Band } from '../cases.repo.js';
import { listInventory, PAGE_SIZE } from '../inventory.service.js';
import { SelectField } from './fields.js';
import { formatDay, pick } from './parts.js';

const BANDS: Band[] = ['within', 'at_risk', 'overdue'];
const PROGRAMMES = ['passport', 'sin', 'citizenship', 'immigration'];

export function registerInventoryPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'cases.inventory',
    paths: { en: '/en/cases', fr: '/fr/dossiers' },
    access: CASE_STAFF,
    modified: '2026-11-24',
    async handler(context) {
      const { t, language, request, href } = context;
      const query = request.query as Record<string, unknown>;
      const programme = PROGRAMMES.find((p) => p === fieldText(query.programme, 20));
      const band = BANDS.find((b) => b === fieldText(query.band, 20));
      const page = Math.min(Math.max(1, Number.parseInt(fieldText(query.page, 6), 10) || 1), 10_000);
      const catalogue = await loadCatalogue(deps.database.db);
      const result = await listInventory({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), filter: { programme, band }, page });
      const pageHref = (n: number) => `${href('cases.inventory')}?${new URLSearchParams({ ...(programme ? { programme } : {}), ...(band ? { band } : {}), page: String(n) }).toString()}`;
      return {
        title: t('cases.inventory.title'),
        breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
        body: (
          <>
            <p>
              <a href={href('cases.intake')}>{t('cases.intake.title')}</a>
            </p>
            <ul className="figures">
              {BANDS.map((b) => (
                <li key={b}>{t(`cases.band.count_${b}`, { count: result.counts[b] })}</li>
              ))}
            </ul>
            <form method="get" action={href('cases.inventory')} className="filters">
              <SelectField id="programme" label={t('cases.inventory.programme')} value={programme ?? ''} options={[{ value: '', label: t('cases.inventory.all') }, ...PROGRAMMES.map((p) => ({ value: p, label: t(`cases.programme.${p}`) }))]} />
              <SelectField id="band" label={t('cases.inventory.band')} value={band ?? ''} options={[{ value: '', label: t('cases.inventory.all') }, ...BANDS.map((b) => ({ value: b, label: t(`cases.band.${b}`) }))]} />
              <button type="submit">{t('cases.inventory.filter')}</button>
            </form>
            <table>
              <caption>{t('cases.inventory.caption', { count: result.total, today: formatDay(result.today, language) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.status.number')}</th>
                  <th scope="col">{t('cases.inventory.client')}</th>
                  <th scope="col">{t('cases.status.type')}</th>
                  <th scope="col">{t('cases.status.stage')}</th>
                  <th scope="col">{t('cases.status.received')}</th>
                  <th scope="col">{t('cases.status.expected')}</th>
                  <th scope="col">{t('cases.inventory.band')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => {
                  const type = catalogue.get(row.type_code)!;
                  const stage = type.stages.find((s) => s.code === row.stage_code)!;
                  return (
                    <tr key={row.id}>
                      <td>
                        <a href={href('cases.case', { caseNumber: row.number })}>{row.number}</a>
                      </td>
                      <td>{`${row.surname}, ${row.given_names}`}</td>
                      <td>{pick(type.name, language)}</td>
                      <td>{pick({ en: stage.name_en, fr: stage.name_fr }, language)}</td>
                      <td>{formatDay(row.received_at.toISOString().slice(0, 10), language)}</td>
                      <td>{formatDay(row.expected_by, language)}</td>
                      <td>{t(`cases.band.${row.band}`)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <nav aria-label={t('cases.inventory.pages')}>
              <ul className="inline-list">
                {page > 1 ? (
                  <li>
                    <a href={pageHref(page - 1)}>{t('cases.inventory.previous')}</a>
                  </li>
                ) : null}
                {page * PAGE_SIZE < result.total ? (
                  <li>
                    <a href={pageHref(page + 1)}>{t('cases.inventory.next')}</a>
                  </li>
                ) : null}
              </ul>
            </nav>
          </>
        ),
      };
    },
  });
}
