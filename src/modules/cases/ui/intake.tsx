/** Intake by staff: the type, channel, office and applicant; then the new file's page. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext, type PageResult } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, OfficialLanguageChoice, TextField } from '../../../web/components.js';
import { loadCatalogue } from '../catalogue.js';
import { CASE_STAFF } from '../cases.routes.js';
import { intakeApplication } from '../intake.service.js';
import { SelectField } from './fields.js';
import { pick } from './parts.js';

const PATHS = { en: '/en/cases/new', fr: '/fr/dossiers/nouveau' };
type Values = Record<string, string>;

async function render(deps: ModuleDeps, context: PageContext, state: { errors?: { field: string; message: string }[]; values?: Values; status?: number }): Promise<PageResult> {
  const { t, language, href } = context;
  const catalogue = await loadCatalogue(deps.database.db);
  const values = state.values ?? {};
  const errors = state.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return {
    title: t('cases.intake.title'),
    status: state.status ?? 200,
    breadcrumbs: [
      { href: href('portal.staff'), label: t('shell.staff_home') },
      { href: href('cases.inventory'), label: t('cases.inventory.title') },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        <form method="post" action={href('cases.intake')} noValidate>
          <CsrfField token={context.csrfToken()} />
          <SelectField id="type" label={t('cases.status.type')} value={values.type} error={error('type')} options={[...catalogue.values()].map((type) => ({ value: type.code, label: pick(type.name, language) }))} />
          <SelectField id="channel" label={t('cases.case.channel')} value={values.channel} error={error('channel')} options={['in_person', 'mail', 'online'].map((c) => ({ value: c, label: t(`cases.channel.${c}`) }))} />
          <TextField id="siteId" label={t('cases.intake.site')} hint={t('cases.intake.site_hint')} value={values.siteId ?? ''} error={error('siteId')} t={t} />
          <TextField id="surname" label={t('cases.intake.surname')} value={values.surname ?? ''} error={error('surname')} t={t} />
          <TextField id="givenNames" label={t('cases.intake.given_names')} value={values.givenNames ?? ''} error={error('givenNames')} t={t} />
          <TextField id="dateOfBirth" label={t('cases.status.date_of_birth')} hint={t('cases.status.date_hint')} value={values.dateOfBirth ?? ''} error={error('dateOfBirth')} t={t} />
          <OfficialLanguageChoice legend={t('cases.intake.language')} value={values.language ?? language} label={(l) => t(`cases.language.${l}`)} />
          <TextField id="email" type="email" label={t('cases.status.email')} hint={t('cases.intake.email_hint')} value={values.email ?? ''} error={error('email')} t={t} />
          <button type="submit">{t('cases.intake.submit')}</button>
        </form>
      </>
    ),
  };
}

export function registerIntakePage(app: FastifyInstance, deps: ModuleDeps): void {
  const common = { id: 'cases.intake', paths: PATHS, access: CASE_STAFF, modified: '2026-11-24' };
  registerPage(app, deps.shell, { ...common, handler: (context) => render(deps, context, {}) });
  registerPage(app, deps.shell, {
    ...common,
    method: 'POST',
    async handler(context) {
      const body = (context.request.body ?? {}) as Record<string, unknown>;
      const values: Values = Object.fromEntries(['type', 'channel', 'siteId', 'surname', 'givenNames', 'dateOfBirth', 'language', 'email'].map((key) => [key, fieldText(body[key], 200)]));
      try {
        const file = await intakeApplication({
          db: deps.database.db,
          clock: deps.clock,
          actor: actorOf(context.request),
          type: values.type!,
          channel: values.channel!,
          siteId: values.siteId || undefined,
          language: values.language,
          email: values.email || undefined,
          applicant: { surname: values.surname!, givenNames: values.givenNames!, dateOfBirth: values.dateOfBirth! },
        });
        return { redirect: `${context.href('cases.case', { caseNumber: file.number })}?done=intake` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const errors = fieldErrors(error, context.t).map((e) => ({ ...e, field: e.field.replace(/^applicant\./, '') }));
        return render(deps, context, { errors, values, status: 400 });
      }
    },
  });
}
