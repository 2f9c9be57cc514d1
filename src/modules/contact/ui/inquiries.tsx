/** The inquiry inbox (open inquiries by due date, the overdue marked) and the reply page. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
import { CONTACT_STAFF } from '../contact.routes.js';
import { localDay } from '../hours.js';
import { getInquiry, listOpenInquiries, replyToInquiry, REPLY_TEMPLATES, type ReplyTemplate } from '../inquiries.service.js';
import { CONTACT_PAGES } from './public.js';

export function registerInquiryPages(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps.database;
  registerPage(app, deps.shell, {
    id: CONTACT_PAGES.inquiries,
    paths: { en: '/en/contact/inquiries', fr: '/fr/contact/demandes' },
    access: CONTACT_STAFF,
    modified: '2026-11-24',
    async handler({ t, href, language, request }) {
      const items = await listOpenInquiries({ db, actor: actorOf(request) });
      const today = localDay(deps.clock.now(), 'America/Toronto');
      const answered = fieldText((request.query as Record<string, unknown>).answered, 20);
      return {
        title: t('contact.inbox.title'),
        breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }],
        body: (
          <>
            {answered ? (
              <Notice kind="success">
                <p role="status">{t('contact.inbox.answered', { reference: answered })}</p>
              </Notice>
            ) : null}
            {items.length === 0 ? (
              <p>{t('contact.inbox.empty')}</p>
            ) : (
              <table>
                <caption>{t('contact.inbox.caption', { count: items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('contact.inbox.due')}</th>
                    <th scope="col">{t('contact.inbox.reference')}</th>
                    <th scope="col">{t('contact.inbox.subject')}</th>
                    <th scope="col">{t('contact.inbox.line')}</th>
                    <th scope="col">{t('contact.inbox.language')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.id}>
                      <td>{i.due_on < today ? t('contact.inbox.overdue', { due: i.due_on }) : i.due_on}</td>
                      <td>
                        <a href={href(CONTACT_PAGES.inquiry_reply, { inquiryId: i.id })}>{i.reference}</a>
                      </td>
                      <td>{i.subject}</td>
                      <td>{language === 'fr' ? i.name_fr : i.name_en}</td>
                      <td>{t(`contact.language.${i.language}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ),
      };
    },
  });

  const paths = { en: '/en/contact/inquiries/:inquiryId', fr: '/fr/contact/demandes/:inquiryId' };
  const render = async (context: PageContext, state: { errors?: FieldError[]; status?: number; text?: string } = {}) => {
    const { t, href } = context;
    const inquiryId = (context.request.params as { inquiryId: string }).inquiryId;
    if (!/^[0-9a-f-]{36}$/i.test(inquiryId)) throw new AppError('contact.inquiry.not_found', 404);
    const inquiry = await getInquiry({ db, actor: actorOf(context.request), inquiryId });
    const error = (field: string) => state.errors?.find((e) => e.field === field)?.message;
    return {
      title: t('contact.reply.title', { reference: inquiry.reference }),
      status: state.status ?? 200,
      breadcrumbs: [
        { href: href('portal.staff'), label: t('shell.staff_home') },
        { href: href(CONTACT_PAGES.inquiries), label: t('contact.inbox.title') },
      ],
      body: (
        <>
          <ErrorSummary errors={state.errors ?? []} t={t} />
          <dl>
            <dt>{t('contact.inbox.subject')}</dt>
            <dd>{inquiry.subject}</dd>
            <dt>{t('contact.reply.from')}</dt>
            <dd>{`${inquiry.name} <${inquiry.email}>`}</dd>
            <dt>{t('contact.inbox.due')}</dt>
            <dd>{inquiry.due_on}</dd>
          </dl>
          <blockquote lang={inquiry.language}>{inquiry.body}</blockquote>
          {inquiry.state === 'open' ? (
            <form method="post" action={href(CONTACT_PAGES.inquiry_reply, { inquiryId })} noValidate>
              <CsrfField token={context.csrfToken()} />
              <div className="field">
                <label htmlFor="template">{t('contact.reply.template')}</label>
                <select id="template" name="template">
                  {REPLY_TEMPLATES.map((k) => (
                    <option key={k} value={k}>
                      {t(`contact.template_name.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className={error('text') ? 'field field-error' : 'field'}>
                <label htmlFor="text">{t('contact.reply.text', { language: t(`contact.language.${inquiry.language}`) })}</label>
                {error('text') ? (
                  <p className="error-message" id="text-error">
                    {error('text')}
                  </p>
                ) : null}
                <textarea id="text" name="text" rows={8} defaultValue={state.text ?? ''} aria-describedby={error('text') ? 'text-error' : undefined} />
              </div>
              <button type="submit">{t('contact.reply.send')}</button>
            </form>
          ) : (
            <p>{t('contact.reply.already')}</p>
          )}
        </>
      ),
    };
  };
  registerPage(app, deps.shell, { id: CONTACT_PAGES.inquiry_reply, paths, access: CONTACT_STAFF, modified: '2026-11-24', handler: (context) => render(context) });
  registerPage(app, deps.shell, {
    id: CONTACT_PAGES.inquiry_reply,
    paths,
    access: CONTACT_STAFF,
    modified: '2026-11-24',
    method: 'POST',
    async handler(context) {
      const form = (context.request.body ?? {}) as Record<string, unknown>;
      const text = fieldText(form.text, 10_000);
      try {
        const inquiryId = (context.request.params as { inquiryId: string }).inquiryId;
        const done = await replyToInquiry({ db, clock: deps.clock, actor: actorOf(context.request), mailer: deps.mailer, i18n: deps.i18n, inquiryId, template: fieldText(form.template, 40) as ReplyTemplate, text });
        return { redirect: `${context.href(CONTACT_PAGES.inquiries)}?answered=${encodeURIComponent(done.reference)}` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, { errors: fieldErrors(error, context.t), status: 400, text });
      }
    },
  });
}
