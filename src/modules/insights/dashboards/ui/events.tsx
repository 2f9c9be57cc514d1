/** Known events (`insights.events`): the list, and a form that records one (analysts and administrators). */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../../platform/deps.js';
import { actorOf } from '../../../../platform/http/actor.js';
import { registerFormPage, type FormState } from '../../../../platform/ssr/form-page.js';
import { fieldText } from '../../../../platform/ssr/input.js';
import type { PageContext, PageResult } from '../../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice } from '../../../../web/components.js';
import { listProvinces } from '../../../network/index.js';
import { listKnownEvents, recordEvent } from '../events.service.js';
import { addDays } from '../forecast/model.js';
import { PLANNERS } from '../routes.js';
import { CHANNELS } from '../sources.js';
import { formatters } from './format.js';
import { Field, Select } from './form.js';
import { INSIGHTS_PAGES, InsightsNav } from './nav.js';

const FIELDS = ['name', 'startsOn', 'endsOn', 'province', 'channel', 'effectPercent'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

async function render(context: PageContext, deps: ModuleDeps, state: FormState<Values>): Promise<PageResult> {
  const { t, href, language } = context;
  const db = deps.database.db;
  const today = deps.clock.now().toISOString().slice(0, 10);
  const [events, provinces] = await Promise.all([listKnownEvents({ db, from: addDays(today, -730), to: addDays(today, 730) }), listProvinces({ db })]);
  const format = formatters(language, t);
  const values = state.values ?? { name: '', startsOn: '', endsOn: '', province: '', channel: '', effectPercent: '' };
  const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
  const all = { value: '', label: t('insights.filter.all') };
  const provinceName = (code: string | null) => {
    const p = provinces.find((x) => x.code === code);
    return p ? (language === 'fr' ? p.name_fr : p.name_en) : t('insights.filter.all');
  };
  return {
    title: t('insights.events.title'),
    status: state.status ?? 200,
    breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }, { href: href(INSIGHTS_PAGES.home), label: t('insights.home.title') }],
    body: (
      <>
        <ErrorSummary errors={state.errors ?? []} t={t} />
        <InsightsNav current="forecast" href={href} t={t} />
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        <p>{t('insights.events.intro')}</p>
        {events.length === 0 ? (
          <p>{t('insights.events.none')}</p>
        ) : (
          <table>
            <caption>{t('insights.events.caption')}</caption>
            <thead>
              <tr>
                {['name', 'dates', 'province', 'channel', 'effect'].map((k) => (
                  <th scope="col" key={k}>
                    {t(`insights.events.${k}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.name}</th>
                  <td>{t('insights.events.range', { from: format.date(e.startsOn), to: format.date(e.endsOn) })}</td>
                  <td>{provinceName(e.province)}</td>
                  <td>{e.channel ? t(`insights.channel.${e.channel}`) : t('insights.filter.all')}</td>
                  <td>{format.share(e.effectPercent / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('insights.events.record')}</h2>
        <form method="post" action={href('insights.events')} noValidate>
          <CsrfField token={context.csrfToken()} />
          <Field id="name" label={t('insights.events.name')} value={values.name} error={error('name')} t={t} />
          <div className="filters">
            <Field id="startsOn" label={t('insights.events.starts')} type="date" value={values.startsOn} error={error('startsOn')} t={t} />
            <Field id="endsOn" label={t('insights.events.ends')} type="date" value={values.endsOn} error={error('endsOn')} t={t} />
          </div>
          <Select id="province" label={t('insights.filter.province')} value={values.province} options={[all, ...provinces.map((p) => ({ value: p.code, label: language === 'fr' ? p.name_fr : p.name_en }))]} error={error('province')} t={t} />
          <Select id="channel" label={t('insights.filter.channel')} value={values.channel} options={[all, ...CHANNELS.map((c) => ({ value: c, label: t(`insights.channel.${c}`) }))]} error={error('channel')} t={t} />
          <Field id="effectPercent" label={t('insights.events.effect')} hint={t('insights.events.effect_hint')} type="number" value={values.effectPercent} error={error('effectPercent')} t={t} />
          <button type="submit">{t('insights.events.submit')}</button>
        </form>
      </>
    ),
  };
}

export function registerEventsPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<Values>(app, deps.shell, {
    id: 'insights.events',
    paths: { en: '/en/insights/events', fr: '/fr/analyses/evenements' },
    access: PLANNERS,
    modified: '2026-11-24',
    render: (context, state) => render(context, deps, state),
    read: (context) => {
      const body = (context.request.body ?? {}) as Record<string, unknown>;
      return Object.fromEntries(FIELDS.map((k) => [k, fieldText(body[k], 200).trim()])) as Values;
    },
    async submit(context, values) {
      // An empty or non-numeric effect is NaN, which the service refuses with its own message.
      const effectPercent = values.effectPercent === '' ? Number.NaN : Number(values.effectPercent);
      await recordEvent({ db: deps.database.db, actor: actorOf(context.request), input: { ...values, effectPercent } });
      return context.t('insights.events.recorded');
    },
  });
}
