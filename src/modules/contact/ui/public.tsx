/**
 * The public pages: published wait times and hours per line (so clients choose their channel),
 * and the written inquiry form, which posts back to itself and needs no JavaScript.
 */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import type { LineOpening } from '../../../platform/db/tables.contact.js';
import type { HolidayCalendar } from '../../../platform/holidays.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { actorOf } from '../../../platform/http/actor.js';
import { registerFormPage } from '../../../platform/ssr/form-page.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerPage } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, OfficialLanguageChoice, TextField } from '../../../web/components.js';
import { listLines } from '../contact.repo.js';
import { receiveInquiry } from '../inquiries.service.js';
import { publishedWaitTimes } from '../wait-times.js';

export const CONTACT_PAGES = { home: 'contact.home', inquiry: 'contact.inquiry', console: 'contact.console', inquiries: 'contact.inquiries', inquiry_reply: 'contact.inquiry_reply', supervisor: 'contact.supervisor' } as const;

export function hoursText(hours: LineOpening[], t: Translate): string {
  if (hours.length === 0) return t('contact.home.always_open');
  return hours.map((h) => t('contact.home.opening', { day: t(`contact.weekday.${h.weekday}`), opens: h.opens, closes: h.closes })).join('; ');
}

export function registerPublicPages(app: FastifyInstance, deps: ModuleDeps, holidays: HolidayCalendar): void {
  const { db } = deps.database;
  registerPage(app, deps.shell, {
    id: CONTACT_PAGES.home,
    paths: { en: '/en/contact', fr: '/fr/contact' },
    access: 'public',
    modified: '2026-11-24',
    async handler({ t, href, language }) {
      const lines = await publishedWaitTimes(db, deps.clock.now(), language, t);
      return {
        title: t('contact.home.title'),
        breadcrumbs: [{ href: href('portal.home'), label: t('shell.home') }],
        body: (
          <>
            <p className="lead">{t('contact.home.lead')}</p>
            <table>
              <caption>{t('contact.home.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contact.home.line')}</th>
                  <th scope="col">{t('contact.home.hours')}</th>
                  <th scope="col">{t('contact.home.wait')}</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.lineId}>
                    <th scope="row">{l.name}</th>
                    <td>{`${hoursText(l.hours, t)}${l.alwaysOpen ? '' : ` (${l.timeZone})`}`}</td>
                    <td>{l.open ? l.announcement : t('contact.home.closed')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('contact.home.options_title')}</h2>
            <ul>
              <li>{t('contact.home.option_wait')}</li>
              <li>{t('contact.home.option_callback')}</li>
              <li>{t('contact.home.option_self_service')}</li>
              <li>
                <a href={href(CONTACT_PAGES.inquiry)}>{t('contact.home.option_write')}</a>
              </li>
            </ul>
          </>
        ),
      };
    },
  });

  type Values = { line: string; name: string; email: string; subject: string; body: string; language: string };
  registerFormPage<Values>(app, deps.shell, {
    id: CONTACT_PAGES.inquiry,
    paths: { en: '/en/contact/write-to-us', fr: '/fr/contact/ecrivez-nous' },
    access: 'public',
    modified: '2026-11-24',
    read: ({ request, language }) => {
      const b = (request.body ?? {}) as Record<string, unknown>;
      return { line: fieldText(b.line, 40), name: fieldText(b.name, 120), email: fieldText(b.email, 254), subject: fieldText(b.subject, 200), body: fieldText(b.body, 10_000), language: fieldText(b.language, 2) || language };
    },
    async submit({ request, t }, v) {
      const { inquiry } = await receiveInquiry({ db, clock: deps.clock, holidays, actor: actorOf(request), inquiry: { ...v, language: v.language === 'fr' ? 'fr' : 'en', channel: 'web' } });
      return t('contact.inquiry.received', { reference: inquiry.reference, due: inquiry.due_on });
    },
    async render({ t, href, language, csrfToken }, state) {
      const lines = await listLines(db);
      const v = state.notice ? undefined : state.values;
      const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
      return {
        title: t('contact.inquiry.title'),
        status: state.status ?? 200,
        breadcrumbs: [
          { href: href('portal.home'), label: t('shell.home') },
          { href: href(CONTACT_PAGES.home), label: t('contact.home.title') },
        ],
        body: (
          <>
            <ErrorSummary errors={state.errors ?? []} t={t} />
            {state.notice ? (
              <Notice kind="success">
                <p role="status">{state.notice}</p>
              </Notice>
            ) : null}
            <p>{t('contact.inquiry.lead')}</p>
            <form method="post" action={href(CONTACT_PAGES.inquiry)} noValidate>
              <CsrfField token={csrfToken()} />
              <div className={error('line') ? 'field field-error' : 'field'}>
                <label htmlFor="line">{t('contact.inquiry.line')}</label>
                {error('line') ? (
                  <p className="error-message" id="line-error">
                    {error('line')}
                  </p>
                ) : null}
                <select id="line" name="line" defaultValue={v?.line ?? ''} aria-describedby={error('line') ? 'line-error' : undefined}>
                  <option value="">{t('contact.inquiry.choose')}</option>
                  {lines.map((l) => (
                    <option key={l.id} value={l.code}>
                      {language === 'fr' ? l.name_fr : l.name_en}
                    </option>
                  ))}
                </select>
              </div>
              <TextField id="name" label={t('contact.inquiry.name')} value={v?.name ?? ''} error={error('name')} autoComplete="name" required t={t} />
              <TextField id="email" type="email" label={t('contact.inquiry.email')} value={v?.email ?? ''} error={error('email')} autoComplete="email" required t={t} />
              <TextField id="subject" label={t('contact.inquiry.subject')} value={v?.subject ?? ''} error={error('subject')} required t={t} />
              <div className={error('body') ? 'field field-error' : 'field'}>
                <label htmlFor="body">{t('contact.inquiry.body')}</label>
                {error('body') ? (
                  <p className="error-message" id="body-error">
                    {error('body')}
                  </p>
                ) : null}
                <textarea id="body" name="body" rows={8} defaultValue={v?.body ?? ''} aria-describedby={error('body') ? 'body-error' : undefined} />
              </div>
              <OfficialLanguageChoice legend={t('contact.inquiry.language')} value={v?.language ?? language} label={(l) => t(`contact.language.${l}`)} />
              <button type="submit">{t('contact.inquiry.submit')}</button>
            </form>
          </>
        ),
      };
    },
  });
}
