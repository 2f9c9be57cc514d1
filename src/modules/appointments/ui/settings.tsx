/** Supervisors set a site's booking rules (counters set aside, lead time, horizon, grace) and its blackout days. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../web/components.js';
import { getServicePointFor } from '../../network/index.js';
import { getBookingRules } from '../booking.service.js';
import { addBlackout, listBlackouts, removeBlackout, replaceRoster, updateBookingSettings, updateServiceRules } from '../lifecycle.service.js';
import { formatRosterDay, parseRosterDay, type RosterWindow } from '../roster.js';
import { addDays, instantToLocal } from '../slots.js';
import { dayLabel, siteName } from './parts.js';

const PATHS = { en: '/en/appointments/:code/settings', fr: '/fr/rendez-vous/:code/parametres' };
const SettingsForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 300 }));

async function render(context: PageContext, deps: ModuleDeps, options: FormState<Record<string, string>>) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const site = await getServicePointFor({ actor: actorOf(request), db, ref: (request.params as { code: string }).code });
  const rules = await getBookingRules({ db, site });
  const today = instantToLocal(deps.clock.now(), site.time_zone).date;
  const blackouts = await listBlackouts({ db, siteId: site.id, from: today, to: addDays(today, 365) });
  const errors = options.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const values = options.values ?? {};
  const csrf = context.csrfToken();
  return {
    title: t('appointments.settings.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <form method="post" noValidate>
          <h2>{t('appointments.settings.rules')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="rules" />
          <TextField id="counters" type="number" label={t('appointments.settings.counters')} hint={t('appointments.settings.counters_hint')} value={values.counters ?? String(rules.counters)} error={error('counters')} t={t} />
          <TextField id="leadMinutes" type="number" label={t('appointments.settings.lead')} value={values.leadMinutes ?? String(rules.leadMinutes)} error={error('leadMinutes')} t={t} />
          <TextField id="horizonDays" type="number" label={t('appointments.settings.horizon')} value={values.horizonDays ?? String(rules.horizonDays)} error={error('horizonDays')} t={t} />
          <TextField id="graceMinutes" type="number" label={t('appointments.settings.grace')} value={values.graceMinutes ?? String(rules.graceMinutes)} error={error('graceMinutes')} t={t} />
          <button type="submit">{t('appointments.settings.save')}</button>
        </form>
        <form method="post" noValidate>
          <h2>{t('appointments.settings.services')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="services" />
          <table>
            <caption className="visually-hidden">{t('appointments.settings.services')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('appointments.field.service')}</th>
                <th scope="col">{t('appointments.settings.bookable')}</th>
                <th scope="col">{t('appointments.settings.slot_minutes')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.services.map((s) => {
                const label = language === 'fr' ? s.name_fr : s.name_en;
                const slotError = error(`slot-${s.code}`);
                return (
                  <tr key={s.code}>
                    <th scope="row">{label}</th>
                    <td>
                      <input type="checkbox" id={`bookable-${s.code}`} name={`bookable-${s.code}`} value="1" defaultChecked={s.bookable} aria-label={t('appointments.settings.bookable_named', { service: label })} />
                    </td>
                    <td>
                      {slotError ? <p className="error-message">{slotError}</p> : null}
                      <input type="number" id={`slot-${s.code}`} name={`slot-${s.code}`} defaultValue={values[`slot-${s.code}`] ?? String(s.slotMinutes)} min={5} max={240} aria-label={t('appointments.settings.slot_named', { service: label })} aria-invalid={slotError ? true : undefined} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button type="submit">{t('appointments.settings.save_services')}</button>
        </form>
        <form method="post" noValidate>
          <h2>{t('appointments.roster.heading')}</h2>
          <p id="roster-hint">{t('appointments.roster.hint')}</p>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="roster" />
          {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
            <TextField key={weekday} id={`day-${weekday}`} label={t(`network.weekday.${weekday}`)} value={values[`day-${weekday}`] ?? formatRosterDay(rules.roster, weekday)} error={error(`day-${weekday}`)} t={t} />
          ))}
          <button type="submit">{t('appointments.roster.save')}</button>
        </form>
        <form method="post" noValidate>
          <h2>{t('appointments.settings.blackouts')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="blackout" />
          <TextField id="day" type="date" label={t('appointments.settings.day')} value={values.day ?? ''} error={error('day')} required t={t} />
          <TextField id="reason" label={t('appointments.settings.reason')} value={values.reason ?? ''} error={error('reason')} required t={t} />
          <button type="submit">{t('appointments.settings.add_blackout')}</button>
        </form>
        <ul>
          {blackouts.map((b) => (
            <li key={b.day}>
              {dayLabel(b.day, language)} · {b.reason}{' '}
              <form method="post" className="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="day" value={b.day} />
                <button type="submit" aria-label={t('appointments.settings.remove_day', { day: dayLabel(b.day, language) })}>
                  {t('appointments.settings.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </>
    ),
  };
}

/** The seven weekday fields as windows; a field that does not read is reported on that field. */
function readRoster(values: Record<string, string>): RosterWindow[] {
  const windows: RosterWindow[] = [];
  const unreadable: Record<string, string> = {};
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day = parseRosterDay(weekday, values[`day-${weekday}`] ?? '');
    if (day) windows.push(...day);
    else unreadable[`day-${weekday}`] = 'appointments.roster.unreadable';
  }
  if (Object.keys(unreadable).length > 0) throw new AppError('common.invalid_input', 400, {}, unreadable);
  return windows;
}

export function registerSettingsPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<Record<string, string>>(app, deps.shell, {
    id: 'appointments.settings',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    schema: { body: SettingsForm },
    render: (context, state) => render(context, deps, state),
    // Every posted field, as text (the services form names its fields per service).
    read: (context) => Object.fromEntries(Object.entries(context.request.body as Record<string, unknown>).map(([key, value]) => [key, fieldText(value, 300)])),
    async submit(context, values) {
      const site = await getServicePointFor({ actor: actorOf(context.request), db: deps.database.db, ref: (context.request.params as { code: string }).code });
      const base = { db: deps.database.db, actor: actorOf(context.request), siteId: site.id };
      const action = values.action;
      if (action === 'rules') await updateBookingSettings({ ...base, clock: deps.clock, counters: values.counters ?? '', leadMinutes: values.leadMinutes ?? '', horizonDays: values.horizonDays ?? '', graceMinutes: values.graceMinutes ?? '' });
      else if (action === 'blackout') await addBlackout({ ...base, day: values.day ?? '', reason: values.reason ?? '' });
      else if (action === 'remove') await removeBlackout({ ...base, day: values.day ?? '' });
      else if (action === 'roster') await replaceRoster({ ...base, windows: readRoster(values) });
      else if (action === 'services') {
        const offered = site.services.map((s) => s.code);
        const current = (await getBookingRules({ db: deps.database.db, site })).services;
        // A length left empty keeps the current one; an unticked box stops appointments for that service.
        const rules = offered.map((service) => ({
          service,
          bookable: values[`bookable-${service}`] === '1',
          slotMinutes: values[`slot-${service}`] || String(current.find((c) => c.code === service)?.slotMinutes ?? 20),
        }));
        await updateServiceRules({ ...base, offered, rules });
      } else throw new AppError('common.invalid_input', 400, {}, { action: 'appointments.action_invalid' });
      return context.t('appointments.settings.saved');
    },
  });
}
