/**
 * Import service points in the browser (supervisors, administrators): a file form that works
 * without JavaScript. A bad file is refused whole; every problem is listed with its line.
 */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice } from '../../../web/components.js';
import { importServicePoints, type ImportOutcome } from '../transfer.service.js';

const PATHS = { en: '/en/network/import', fr: '/fr/reseau/importation' };

function Result({ outcome, context }: { outcome: ImportOutcome; context: PageContext }) {
  const { t } = context;
  if (!outcome.ok) {
    return (
      <section aria-labelledby="problems-heading">
        <h2 id="problems-heading">{t('network.import.refused', { count: outcome.problems.length })}</h2>
        <ul>
          {outcome.problems.map((p, i) => (
            <li key={i}>{t(p.code, { line: p.line, field: p.field, ...p.values })}</li>
          ))}
        </ul>
      </section>
    );
  }
  const s = outcome.summary;
  return (
    <Notice kind="success">
      <p>{t(s.dryRun ? 'network.import.checked' : 'network.import.done', { rows: s.rows, created: s.created, updated: s.updated })}</p>
      {s.addedServices.length > 0 ? <p>{t('network.import.added_services', { codes: s.addedServices.join(', ') })}</p> : null}
    </Notice>
  );
}

function page(context: PageContext, outcome?: ImportOutcome, missingFile = false) {
  const { t, href } = context;
  const errors = missingFile
    ? [{ field: 'file', message: t('network.import_page.file_required') }]
    : outcome && !outcome.ok
      ? [{ field: 'file', message: t('network.import.refused', { count: outcome.problems.length }) }]
      : [];
  return {
    title: t('network.import_page.title'),
    status: errors.length > 0 ? 400 : 200,
    breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {outcome ? <Result outcome={outcome} context={context} /> : null}
        <p>{t('network.import_page.intro')}</p>
        <p>
          <code>external_id, name_en, name_fr, type, province, latitude, longitude, services</code>
        </p>
        <form method="post" action={href('network.import')} encType="multipart/form-data">
          <CsrfField token={context.csrfToken()} />
          <div className={errors.length > 0 ? 'field field-error' : 'field'}>
            <label htmlFor="file">{t('network.import_page.file')}</label>
            <p className="hint" id="file-hint">
              {t('network.import_page.file_hint')}
            </p>
            <input id="file" name="file" type="file" accept=".csv,.geojson,.json,text/csv,application/geo+json" aria-describedby="file-hint" />
          </div>
          <div className="field checkbox">
            <input id="dryRun" name="dryRun" type="checkbox" value="on" defaultChecked />
            <label htmlFor="dryRun">{t('network.import_page.dry_run')}</label>
          </div>
          <button type="submit">{t('network.import_page.submit')}</button>
        </form>
        <h2>{t('network.import_page.export_heading')}</h2>
        <ul>
          <li>
            <a href="/api/v1/service-points/export?format=csv">{t('network.import_page.export_csv')}</a>
          </li>
          <li>
            <a href="/api/v1/service-points/export?format=geojson">{t('network.import_page.export_geojson')}</a>
          </li>
        </ul>
      </>
    ),
  };
}

interface UploadBody {
  file?: Buffer | string;
  dryRun?: string;
  _csrf?: string;
}

export function registerImportPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, { id: 'network.import', paths: PATHS, access: may('network.manage'), modified: '2026-11-23', handler: (context) => page(context) });
  registerPage(app, deps.shell, {
    id: 'network.import',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    method: 'POST',
    async handler(context) {
      const body = (context.request.body ?? {}) as UploadBody;
      const content = Buffer.isBuffer(body.file) ? body.file.toString('utf8') : typeof body.file === 'string' ? body.file : '';
      if (!content.trim()) return page(context, undefined, true);
      const outcome = await importServicePoints({
        db: deps.database.db,
        clock: deps.clock,
        actor: actorOf(context.request),
        content,
        fileName: content.trimStart().startsWith('{') ? 'upload.geojson' : 'upload.csv',
        dryRun: body.dryRun === 'on',
      });
      return page(context, outcome);
    },
  });
}
