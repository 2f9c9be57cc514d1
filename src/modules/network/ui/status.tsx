/** Supervisors and administrators change a site's status with a reason, and read its history. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { SERVICE_POINT_STATUSES } from '../../../platform/db/tables.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldError } from '../../../web/components.js';
import * as network from '../network.service.js';
import { changeServicePointStatus, listStatusHistory } from '../status.service.js';

const PATHS = { en: '/en/service-points/:code/status', fr: '/fr/points-de-service/:code/etat' };
const StatusForm = Type.Object({
  status: Type.Optional(Type.String({ maxLength: 40 })),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
  effectiveOn: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; values?: Record<string, string>; saved?: boolean; status?: number }) {
  const { t, href, language, request } = context;
  const { code } = request.params as { code: string };
  const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: code });
  const history = await listStatusHistory({ db: deps.database.db, servicePointId: site.id });
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const today = deps.clock.now().toISOString().slice(0, 10);
  return {
    title: t('network.status_page.title', { name: language === 'fr' ? site.name_fr : site.name_en }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('network.site', { code: site.code }), label: language === 'fr' ? site.name_fr : site.name_en },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.saved ? <Notice kind="success">{t('network.status_page.saved', { status: t(`network.status.${site.status}`) })}</Notice> : null}
        <p>{t('network.status_page.current', { status: t(`network.status.${site.status}`) })}</p>
        <form method="post" action={href('network.status', { code: site.code })} noValidate>
          <CsrfField token={context.csrfToken()} />
          <div className={errors.some((e) => e.field === 'status') ? 'field field-error' : 'field'}>
            <label htmlFor="status">{t('network.status_page.new_status')}</label>
            <select id="status" name="status" defaultValue={values.status ?? site.status}>
              {SERVICE_POINT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`network.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField id="reason" label={t('network.status_page.reason')} hint={t('network.status_page.reason_hint')} value={values.reason ?? ''} required
            error={errors.find((e) => e.field === 'reason')?.message} t={t} />
          <TextField id="effectiveOn" label={t('network.status_page.effective_on')} type="date" value={values.effectiveOn ?? today} required
            error={errors.find((e) => e.field === 'effectiveOn')?.message} t={t} />
          <button type="submit">{t('network.status_page.submit')}</button>
        </form>
        <table>
          <caption>{t('network.status_page.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('network.status_page.effective_on')}</th>
              <th scope="col">{t('network.status')}</th>
              <th scope="col">{t('network.status_page.reason')}</th>
              <th scope="col">{t('network.status_page.recorded_by')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.effective_on}</td>
                <td>{t(`network.status.${entry.status}`)}</td>
                <td>{entry.reason ?? ''}</td>
                <td>{entry.recorded_by ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ),
  };
}

export function registerStatusPages(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'network.status',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    handler: (context) => render(context, deps, { saved: (context.request.query as Record<string, unknown>).saved === '1' }),
  });

  registerPage(app, deps.shell, {
    id: 'network.status',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: StatusForm },
    async handler(context) {
      const { request, t, href } = context;
      const { code } = request.params as { code: string };
      const body = request.body as Record<string, string | undefined>;
      const values = { status: body.status ?? '', reason: body.reason ?? '', effectiveOn: body.effectiveOn ?? '' };
      const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: code });
      try {
        await changeServicePointStatus({ db: deps.database.db, clock: deps.clock, actor: actorOf(request), servicePointId: site.id, ...values });
        return { redirect: `${href('network.status', { code: site.code })}?saved=1` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, deps, { errors: fieldErrors(error, t), values, status: 400 });
      }
    },
  });
}
