/** Join a site's queue from a phone: a service, a language, optionally a way to be told. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, OfficialLanguageChoice, TextField, type FieldError } from '../../../web/components.js';
import { getServicePoint } from '../../network/index.js';
import { checkInVisit } from '../visits.service.js';
import { siteOpening } from '../wait.service.js';
import { ServiceSelect, siteName } from './parts.js';

const PATHS = { en: '/en/visits/:code/join', fr: '/fr/visites/:code/rejoindre' };
const JoinForm = Type.Object({
  service: Type.Optional(Type.String({ maxLength: 40 })),
  language: Type.Optional(Type.String({ maxLength: 5 })),
  email: Type.Optional(Type.String({ maxLength: 300 })),
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String({ maxLength: 500 })),
});

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; values?: Record<string, string>; status?: number }) {
  const { t, href, language, request } = context;
  const site = await getServicePoint({ db: deps.database.db, ref: (request.params as { code: string }).code });
  const { isOpen } = siteOpening(site, deps.clock.now());
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const services = site.services.filter((s) => s.code !== 'self_service');
  return {
    title: t('visits.join.title', { site: siteName(site, language) }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('visits.home'), label: t('visits.home.title') },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {!isOpen ? <Notice kind="warning">{t('visits.join.closed')}</Notice> : null}
        <p>{t('visits.join.lead')}</p>
        <form method="post" action={href('visits.join', { code: site.code })} noValidate>
          <CsrfField token={context.csrfToken()} />
          <ServiceSelect id="service" label={t('visits.field.service')} services={services} value={values.service} error={error('service')} language={language} t={t} />
          <OfficialLanguageChoice legend={t('visits.field.language')} value={values.language ?? language} label={(lang) => t(`visits.language.${lang}`)} />
          <TextField id="email" type="email" label={t('visits.field.email')} hint={t('visits.field.contact_hint')} value={values.email ?? ''} error={error('email')} autoComplete="email" t={t} />
          <TextField id="phone" type="tel" label={t('visits.field.phone')} hint={t('visits.field.phone_hint')} value={values.phone ?? ''} error={error('phone')} autoComplete="tel" t={t} />
          <button type="submit">{t('visits.join.submit')}</button>
        </form>
      </>
    ),
  };
}

export function registerJoinPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, { id: 'visits.join', paths: PATHS, access: 'public', modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'visits.join',
    paths: PATHS,
    access: 'public',
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: JoinForm },
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      const values = { service: fieldText(body.service), language: fieldText(body.language) || context.language, email: fieldText(body.email, 300), phone: fieldText(body.phone) };
      try {
        const { visit } = await checkInVisit({
          db: deps.database.db,
          clock: deps.clock,
          actor: actorOf(context.request),
          siteRef: (context.request.params as { code: string }).code,
          service: values.service,
          channel: 'remote',
          language: values.language,
          contact: { email: values.email, phone: values.phone },
          inBuilding: false,
          requireOpen: true,
          isOpen: (site) => siteOpening(site, deps.clock.now()).isOpen,
        });
        return { redirect: context.href('visits.ticket', { token: visit.public_token }, visit.language) };
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 400 && error.code !== 'visits.site_closed')) throw error;
        const errors = error.status === 400 ? fieldErrors(error, context.t) : [{ field: 'service', message: context.t(error.code) }];
        return render(context, deps, { errors, values, status: error.status });
      }
    },
  });
}
