/**
 * A scheduled outreach site's visit calendar: the next visits (public, on the site's page) and
 * its rules and closed days (supervisors and administrators edit them here). Rules are chosen
 * from plain patterns (every week, every second week, the first Tuesday of the month…) and kept
 * as RFC 5545 recurrence rules.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { createHolidayCalendar } from '../../../platform/holidays.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../web/components.js';
import * as network from '../network.service.js';
import { addClosure, addOutreachSchedule, listNextVisits, listSchedules, removeOutreachSchedule } from '../outreach.service.js';
import { visitDay } from './find.js';

const PATHS = { en: '/en/service-points/:code/outreach', fr: '/fr/points-de-service/:code/services-mobiles' };
const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const PATTERNS = ['weekly', 'biweekly', 'monthly_1', 'monthly_2', 'monthly_3', 'monthly_last'] as const;
const holidays = createHolidayCalendar();
const AnyForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 300 }));

/** The RRULE of a plain pattern on a weekday (1 = Monday). */
export function ruleOf(pattern: string, weekday: number): string {
  const day = BYDAY[weekday - 1] ?? '';
  switch (pattern) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${day}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${day}`;
    case 'monthly_last':
      return `FREQ=MONTHLY;BYDAY=-1${day}`;
    default: {
      const nth = /^monthly_([123])$/.exec(pattern)?.[1];
      return nth ? `FREQ=MONTHLY;BYDAY=${nth}${day}` : '';
    }
  }
}

/** The words of a rule in the page's language, for the patterns the form offers. */
export function describeRule(rule: string, t: PageContext['t'], language: 'en' | 'fr'): string {
  const match = /^FREQ=(WEEKLY|MONTHLY)(?:;INTERVAL=(\d+))?;BYDAY=(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(rule);
  if (!match) return rule;
  const name = t(`network.weekday.${BYDAY.indexOf(match[4]!) + 1}`);
  // French writes weekdays in lower case within a sentence.
  const day = language === 'fr' ? name.toLocaleLowerCase('fr-CA') : name;
  if (match[1] === 'WEEKLY') return t('network.outreach.every_weeks', { weeks: Number(match[2] ?? 1), day });
  const nth = { '-1': 'last', '1': 'first', '2': 'second', '3': 'third', '4': 'fourth' }[match[3] ?? '1'] ?? 'first';
  return t('network.outreach.monthly', { nth, day });
}

/** The calendar section of a site's page: the next visits and where they are held. */
export async function OutreachCalendar({ deps, site, context }: { deps: ModuleDeps; site: { id: string; time_zone: string; province_code: string }; context: PageContext }) {
  const { t, language } = context;
  const schedules = await listSchedules({ db: deps.database.db, servicePointId: site.id });
  if (schedules.length === 0) return null;
  const visits = (await listNextVisits({ db: deps.database.db, holidays, now: deps.clock.now(), count: 5, sites: [{ id: site.id, timeZone: site.time_zone, provinceCode: site.province_code }] })).get(site.id) ?? [];
  return (
    <section aria-labelledby="outreach-title">
      <h2 id="outreach-title">{t('network.outreach.title')}</h2>
      <ul>
        {schedules.map((s) => (
          <li key={s.id}>{t('network.outreach.rule_line', { rule: describeRule(s.rule, t, language), opens: s.opens_at, closes: s.closes_at, host: s.host_community })}</li>
        ))}
      </ul>
      <h3>{t('network.outreach.next_visits')}</h3>
      <ol>
        {visits.map((v) => (
          <li key={v.date}>{t('network.outreach.visit_line', { date: visitDay(v.date, language), opens: v.opensAt, closes: v.closesAt })}</li>
        ))}
      </ol>
    </section>
  );
}

async function render(context: PageContext, deps: ModuleDeps, options: FormState<Record<string, string>>) {
  const { t, href, language, request } = context;
  const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
  const schedules = await listSchedules({ db: deps.database.db, servicePointId: site.id });
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const csrf = context.csrfToken();
  const calendar = await OutreachCalendar({ deps, site, context });
  return {
    title: t('network.outreach.edit_title', { name: language === 'fr' ? site.name_fr : site.name_en }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('network.site', { code: site.code }), label: language === 'fr' ? site.name_fr : site.name_en },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        {calendar}
        <ul>
          {schedules.map((s) => (
            <li key={s.id}>
              {describeRule(s.rule, t, language)}{' '}
              <form method="post" className="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="scheduleId" value={s.id} />
                <button type="submit" aria-label={t('network.outreach.remove_rule', { rule: describeRule(s.rule, t, language) })}>{t('network.outreach.remove')}</button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" noValidate>
          <h2>{t('network.outreach.add_rule')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="add" />
          <div className="field">
            <label htmlFor="pattern">{t('network.outreach.pattern')}</label>
            <select id="pattern" name="pattern" defaultValue={values.pattern ?? 'weekly'}>
              {PATTERNS.map((p) => (
                <option key={p} value={p}>
                  {t(`network.outreach.pattern.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="weekday">{t('network.day')}</label>
            <select id="weekday" name="weekday" defaultValue={values.weekday ?? '2'}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <option key={d} value={String(d)}>
                  {t(`network.weekday.${d}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField id="opensAt" label={t('network.outreach.opens')} hint={t('network.outreach.time_hint')} value={values.opensAt ?? '09:00'} error={error('opensAt')} t={t} />
          <TextField id="closesAt" label={t('network.outreach.closes')} value={values.closesAt ?? '12:00'} error={error('closesAt')} t={t} />
          <TextField id="startsOn" type="date" label={t('network.outreach.starts_on')} value={values.startsOn ?? ''} error={error('startsOn')} required t={t} />
          <TextField id="hostCommunity" label={t('network.outreach.host')} value={values.hostCommunity ?? site.city} error={error('hostCommunity')} required t={t} />
          <button type="submit">{t('network.outreach.add_rule')}</button>
        </form>
        <form method="post" noValidate>
          <h2>{t('network.outreach.add_closure')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="closure" />
          <TextField id="day" type="date" label={t('network.day')} value={values.day ?? ''} error={error('day')} required t={t} />
          <TextField id="reason" label={t('network.status_page.reason')} value={values.reason ?? ''} error={error('reason')} required t={t} />
          <button type="submit">{t('network.outreach.add_closure')}</button>
        </form>
      </>
    ),
  };
}

export function registerOutreachPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<Record<string, string>>(app, deps.shell, {
    id: 'network.outreach',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    schema: { body: AnyForm },
    render: (context, state) => render(context, deps, state),
    read: (context) => {
      const body = context.request.body as Record<string, unknown>;
      return Object.fromEntries(['action', 'pattern', 'weekday', 'opensAt', 'closesAt', 'startsOn', 'hostCommunity', 'day', 'reason', 'scheduleId'].map((k) => [k, fieldText(body[k], 200)]));
    },
    async submit(context, values) {
      const site = await network.getServicePointFor({ actor: actorOf(context.request), db: deps.database.db, ref: (context.request.params as { code: string }).code });
      const base = { db: deps.database.db, actor: actorOf(context.request), servicePointId: site.id };
      if (values.action === 'add') {
        const rule = ruleOf(values.pattern!, Number(values.weekday));
        await addOutreachSchedule({ ...base, rule, startsOn: values.startsOn!, endsOn: '', opensAt: values.opensAt!, closesAt: values.closesAt!, hostCommunity: values.hostCommunity! });
      } else if (values.action === 'remove') await removeOutreachSchedule({ ...base, scheduleId: values.scheduleId! });
      else if (values.action === 'closure') await addClosure({ ...base, day: values.day!, reason: values.reason! });
      else throw new AppError('common.invalid_input', 400, {}, { action: 'network.outreach.rule_invalid' });
      return context.t('network.outreach.saved');
    },
  });
}
