/**
 * The supervisor's live view of a site today: waiting per service, longest wait, counters open,
 * served in the last hour, share called within the site's target, abandonment; how good the
 * wait estimates were; and the site's queue settings (supervisors and administrators).
 */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField, type FieldError } from '../../../web/components.js';
import { getServicePointFor } from '../../network/index.js';
import { getDailyHistory } from '../history.service.js';
import { getQueueSettings, updateQueueSettings } from '../settings.service.js';
import { OVERSIGHT } from '../visits.routes.js';
import { getEstimateAccuracy, getSiteMetrics } from '../wait.service.js';
import { DailyHistory, HISTORY_DAYS } from './history.js';
import { serviceLabel, siteName } from './parts.js';

const PATHS = { en: '/en/visits/:code/dashboard', fr: '/fr/visites/:code/tableau-de-bord' };
const SettingsForm = Type.Object({
  rolloverPolicy: Type.Optional(Type.String({ maxLength: 20 })),
  waitTargetMinutes: Type.Optional(Type.String({ maxLength: 10 })),
  maxPassOverMinutes: Type.Optional(Type.String({ maxLength: 10 })),
  notifyWhenAhead: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});

const percent = (share: number | null, language: string) => (share === null ? '—' : new Intl.NumberFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 }).format(share));

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; saved?: boolean; status?: number }) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const site = await getServicePointFor({ actor: actorOf(request), db, ref: (request.params as { code: string }).code });
  const now = deps.clock.now();
  const [metrics, accuracy, settings, history] = await Promise.all([
    getSiteMetrics({ db, actor: actorOf(request), siteRef: site.id, now }),
    getEstimateAccuracy({ db, actor: actorOf(request), siteId: site.id, since: new Date(now.getTime() - 28 * 86_400_000) }),
    getQueueSettings({ db, siteId: site.id }),
    // Today is still under way: the history ends yesterday (UTC days, as the history is kept).
    getDailyHistory({ db, siteId: site.id, days: HISTORY_DAYS, endDay: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10) }),
  ]);
  const canEdit = request.principal?.role === 'supervisor' || request.principal?.role === 'admin';
  const errors = options.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return {
    title: t('visits.dashboard.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    refreshSeconds: 60,
    scripts: ['/assets/visits-live.js'],
    breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
    body: (
      <div data-live-site={site.id}>
        <ErrorSummary errors={errors} t={t} />
        {options.saved ? <Notice kind="success">{t('visits.dashboard.saved')}</Notice> : null}
        <ul className="figures">
          <li>
            <strong>{metrics.waiting}</strong> {t('visits.dashboard.waiting')}
          </li>
          <li>
            <strong>{metrics.longestWaitMinutes}</strong> {t('visits.dashboard.longest_wait')}
          </li>
          <li>
            <strong>{metrics.countersOpen}</strong> {t('visits.dashboard.counters_open')}
          </li>
          <li>
            <strong>{metrics.servedLastHour}</strong> {t('visits.dashboard.served_last_hour')}
          </li>
          <li>
            <strong>{percent(metrics.shareWithinTarget, language)}</strong> {t('visits.dashboard.within_target', { minutes: metrics.waitTargetMinutes })}
          </li>
          <li>
            <strong>{percent(metrics.abandonmentRate, language)}</strong> {t('visits.dashboard.abandonment')}
          </li>
        </ul>
        <table>
          <caption>{t('visits.dashboard.by_service')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('visits.field.service')}</th>
              <th scope="col">{t('visits.dashboard.waiting')}</th>
              <th scope="col">{t('visits.dashboard.longest_wait')}</th>
            </tr>
          </thead>
          <tbody>
            {metrics.byService.map((s) => (
              <tr key={s.service}>
                <td>{serviceLabel(site.services, s.service, language)}</td>
                <td>{s.waiting}</td>
                <td>{s.longestWaitMinutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('visits.dashboard.accuracy')}</h2>
        <p>
          {accuracy.count === 0
            ? t('visits.dashboard.accuracy_none')
            : t('visits.dashboard.accuracy_value', { count: accuracy.count, within: percent(accuracy.withinRangeShare, language), error: accuracy.meanAbsoluteErrorMinutes ?? 0 })}
        </p>
        <DailyHistory history={history} t={t} language={language} />
        {canEdit ? (
          <form method="post" noValidate>
            <h2>{t('visits.dashboard.settings')}</h2>
            <CsrfField token={context.csrfToken()} />
            <fieldset className="field" id="rolloverPolicy">
              <legend>{t('visits.dashboard.rollover')}</legend>
              {(['close', 'carry_over'] as const).map((policy) => (
                <div key={policy}>
                  <input type="radio" id={`rollover-${policy}`} name="rolloverPolicy" value={policy} defaultChecked={settings.rollover_policy === policy} />
                  <label htmlFor={`rollover-${policy}`}>{t(`visits.rollover.${policy}`)}</label>
                </div>
              ))}
            </fieldset>
            <TextField id="waitTargetMinutes" type="number" label={t('visits.dashboard.wait_target')} value={String(settings.wait_target_minutes)} error={error('waitTargetMinutes')} t={t} />
            <TextField id="maxPassOverMinutes" type="number" label={t('visits.dashboard.max_pass_over')} hint={t('visits.dashboard.max_pass_over_hint')} value={String(settings.max_pass_over_minutes)} error={error('maxPassOverMinutes')} t={t} />
            <TextField id="notifyWhenAhead" type="number" label={t('visits.dashboard.notify_when_ahead')} value={String(settings.notify_when_ahead)} error={error('notifyWhenAhead')} t={t} />
            <button type="submit">{t('visits.dashboard.save')}</button>
          </form>
        ) : null}
      </div>
    ),
  };
}

export function registerDashboardPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, { id: 'visits.dashboard', paths: PATHS, access: OVERSIGHT, modified: '2026-11-23', handler: (context) => render(context, deps, { saved: (context.request.query as Record<string, unknown>).saved === '1' }) });
  registerPage(app, deps.shell, {
    id: 'visits.dashboard',
    paths: PATHS,
    access: may('visits.manage'),
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: SettingsForm },
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      const code = (context.request.params as { code: string }).code;
      const site = await getServicePointFor({ actor: actorOf(context.request), db: deps.database.db, ref: code });
      try {
        await updateQueueSettings({
          db: deps.database.db,
          clock: deps.clock,
          actor: actorOf(context.request),
          siteId: site.id,
          rolloverPolicy: fieldText(body.rolloverPolicy),
          waitTargetMinutes: fieldText(body.waitTargetMinutes),
          maxPassOverMinutes: fieldText(body.maxPassOverMinutes),
          notifyWhenAhead: fieldText(body.notifyWhenAhead),
        });
        return { redirect: `${context.href('visits.dashboard', { code: site.code })}?saved=1` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, deps, { errors: fieldErrors(error, context.t), status: 400 });
      }
    },
  });
}
