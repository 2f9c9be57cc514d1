/** Supervisors and administrators record a site's accessibility features and languages of service. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { fieldList } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice } from '../../../web/components.js';
import { ACCESSIBILITY_FEATURES, getAccess, SERVICE_LANGUAGES, updateAccess } from '../access.service.js';
import * as network from '../network.service.js';

const PATHS = { en: '/en/service-points/:code/accessibility', fr: '/fr/points-de-service/:code/accessibilite' };
const AccessForm = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 500 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 })]));

/** The two lists on a site's page. */
export function AccessFacts({ access, t }: { access: { features: string[]; languages: string[] }; t: Translate }) {
  return (
    <>
      <h2>{t('network.access.languages_title')}</h2>
      <p>{access.languages.length > 0 ? access.languages.map((l) => t(`network.language.${l}`)).join(', ') : t('network.access.unknown')}</p>
      <h2>{t('network.access.features_title')}</h2>
      {access.features.length > 0 ? (
        <ul>
          {access.features.map((f) => (
            <li key={f}>{t(`network.feature.${f}`)}</li>
          ))}
        </ul>
      ) : (
        <p>{t('network.access.unknown')}</p>
      )}
    </>
  );
}

function Checkboxes({ id, legend, options, chosen, error, label }: { id: string; legend: string; options: readonly string[]; chosen: string[]; error?: string | undefined; label(code: string): string }) {
  return (
    <fieldset className={error ? 'field field-error' : 'field'} id={id}>
      <legend>{legend}</legend>
      {error ? <p className="error-message">{error}</p> : null}
      {options.map((code) => (
        <div key={code}>
          <input type="checkbox" id={`${id}-${code}`} name={id} value={code} defaultChecked={chosen.includes(code)} />
          <label htmlFor={`${id}-${code}`}>{label(code)}</label>
        </div>
      ))}
    </fieldset>
  );
}

type Chosen = { features: string[]; languages: string[] };

async function render(context: PageContext, deps: ModuleDeps, options: FormState<Chosen>) {
  const { t, href, language, request } = context;
  const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
  const access = options.values ?? (await getAccess({ db: deps.database.db, servicePointId: site.id }));
  const errors = options.errors ?? [];
  const name = language === 'fr' ? site.name_fr : site.name_en;
  return {
    title: t('network.access.edit_title', { name }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('network.site', { code: site.code }), label: name },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <form method="post" noValidate>
          <CsrfField token={context.csrfToken()} />
          <Checkboxes id="languages" legend={t('network.access.languages_title')} options={SERVICE_LANGUAGES} chosen={access.languages} error={errors.find((e) => e.field === 'languages')?.message} label={(c) => t(`network.language.${c}`)} />
          <Checkboxes id="features" legend={t('network.access.features_title')} options={ACCESSIBILITY_FEATURES} chosen={access.features} error={errors.find((e) => e.field === 'features')?.message} label={(c) => t(`network.feature.${c}`)} />
          <button type="submit">{t('network.access.save')}</button>
        </form>
      </>
    ),
  };
}

export function registerAccessPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<Chosen>(app, deps.shell, {
    id: 'network.access',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    schema: { body: AccessForm },
    render: (context, state) => render(context, deps, state),
    read: (context) => {
      const body = context.request.body as Record<string, unknown>;
      return { features: body.features === undefined ? [] : fieldList(body.features, 40), languages: body.languages === undefined ? [] : fieldList(body.languages, 40) };
    },
    async submit(context, chosen) {
      const site = await network.getServicePointFor({ actor: actorOf(context.request), db: deps.database.db, ref: (context.request.params as { code: string }).code });
      await updateAccess({ db: deps.database.db, actor: actorOf(context.request), servicePointId: site.id, ...chosen });
      return context.t('network.access.saved');
    },
  });
}
