/**
 * Reactivation of scheduled outreach sites, week by week, against the plan: a line chart drawn as
 * plain SVG on the server (no script), with the same figures in a table beside it.
 */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { isIsoDate } from '../../../platform/clock.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { ErrorSummary, type FieldError } from '../../../web/components.js';
import { trackReactivation } from '../analysis.service.js';
import type { WeekOfReactivation } from '../reactivation.js';

const text = (value: unknown) => fieldText(value, 20);

function Chart({ weeks, t }: { weeks: WeekOfReactivation[]; t: PageContext['t'] }) {
  const width = 720;
  const height = 260;
  const pad = { left: 48, right: 12, top: 12, bottom: 28 };
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.active, w.plannedActive ?? 0, w.suspended)));
  const x = (i: number) => pad.left + ((width - pad.left - pad.right) * i) / Math.max(1, weeks.length - 1);
  const y = (v: number) => height - pad.bottom - ((height - pad.top - pad.bottom) * v) / max;
  const line = (values: (number | null)[]) => values.map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(' ');
  const last = weeks.at(-1);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">{t('network.reactivation.chart_title')}</title>
        <desc id="chart-desc">{last ? t('network.reactivation.chart_desc', { active: last.active, planned: last.plannedActive ?? 0, week: last.weekStart }) : ''}</desc>
        <line className="axis" x1={pad.left} y1={height - pad.bottom} x2={width - pad.right} y2={height - pad.bottom} />
        <line className="axis" x1={pad.left} y1={pad.top} x2={pad.left} y2={height - pad.bottom} />
        <text className="tick" x={pad.left - 6} y={y(max) + 4} textAnchor="end">{max}</text>
        <text className="tick" x={pad.left - 6} y={y(0) + 4} textAnchor="end">0</text>
        <text className="tick" x={pad.left} y={height - 8}>{weeks[0]?.weekStart}</text>
        <text className="tick" x={width - pad.right} y={height - 8} textAnchor="end">{last?.weekStart}</text>
        <polyline className="series-plan" points={line(weeks.map((w) => w.plannedActive))} />
        <polyline className="series-active" points={line(weeks.map((w) => w.active))} />
        <polyline className="series-suspended" points={line(weeks.map((w) => w.suspended))} />
      </svg>
      <figcaption>
        <span className="key key-active">{t('network.reactivation.active')}</span> <span className="key key-plan">{t('network.reactivation.planned')}</span>{' '}
        <span className="key key-suspended">{t('network.reactivation.suspended')}</span>
      </figcaption>
    </figure>
  );
}

export function registerReactivationPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'network.reactivation',
    paths: { en: '/en/network/reactivation', fr: '/fr/reseau/reactivation' },
    access: may('network.analyse'),
    modified: '2026-11-23',
    async handler({ t, href, request }) {
      const q = request.query as Record<string, unknown>;
      const from = text(q.from) || '2022-05-02';
      const to = text(q.to) || '2023-07-31';
      const errors: FieldError[] = [];
      const valid = isIsoDate;
      if (!valid(from)) errors.push({ field: 'from', message: t('network.date_invalid') });
      if (!valid(to) || (valid(from) && to < from)) errors.push({ field: 'to', message: t('network.reactivation.to_invalid') });
      const weeks = errors.length === 0 ? await trackReactivation({ db: deps.database.db, from, to }) : [];
      return {
        title: t('network.reactivation.title'),
        status: errors.length > 0 ? 400 : 200,
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href('portal.staff'), label: t('staff.title') }],
        body: (
          <>
            <ErrorSummary errors={errors} t={t} />
            <p>{t('network.reactivation.intro')}</p>
            <form method="get" action={href('network.reactivation')} className="filters">
              <div className="field">
                <label htmlFor="from">{t('network.reactivation.from')}</label>
                <input id="from" name="from" type="date" defaultValue={from} />
              </div>
              <div className="field">
                <label htmlFor="to">{t('network.reactivation.to')}</label>
                <input id="to" name="to" type="date" defaultValue={to} />
              </div>
              <button type="submit">{t('network.reactivation.submit')}</button>
            </form>
            {weeks.length > 0 ? (
              <div className="chart-and-table">
                <Chart weeks={weeks} t={t} />
                <table>
                  <caption>{t('network.reactivation.table_caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('network.reactivation.week')}</th>
                      <th scope="col">{t('network.reactivation.active')}</th>
                      <th scope="col">{t('network.reactivation.planned')}</th>
                      <th scope="col">{t('network.reactivation.suspended')}</th>
                      <th scope="col">{t('network.reactivation.reactivated_week')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {weeks.map((w) => (
                      <tr key={w.weekStart}>
                        <th scope="row">{w.weekStart}</th>
                        <td>{w.active}</td>
                        <td>{w.plannedActive ?? '—'}</td>
                        <td>{w.suspended}</td>
                        <td>{w.reactivatedThisWeek}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        ),
      };
    },
  });
}
