/** Supervisors and administrators record a site's accessibility features and languages of service. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MANAGERS } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { fieldErrors, fieldList } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, type FieldError } from '../../../web/components.js';
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

async function render(context: PageContext, deps: ModuleDeps, options: { errors?: FieldError[]; saved?: boolean; status?: number; chosen?: { features: string[]; languages: string[] } }) {
  const { t, href, language, request } = context;
  const site = await network.getServicePoint({ db: deps.database.db, ref: (request.params as { code: string }).code });
  const access = options.chosen ?? (await getAccess({ db: deps.database.db, servicePointId: site.id }));
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
        {options.saved ? <Notice kind="success">{t('network.access.saved')}</Notice> : null}
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
  registerPage(app, deps.shell, { id: 'network.access', paths: PATHS, access: MANAGERS, modified: '2026-11-23', handler: (context) => render(context, deps, {}) });
  registerPage(app, deps.shell, {
    id: 'network.access',
    paths: PATHS,
    access: MANAGERS,
    modified: '2026-11-23',
    method: 'POST',
    schema: { body: AccessForm },
    async handler(context) {
      const body = context.request.body as Record<string, unknown>;
      const chosen = { features: body.features === undefined ? [] : fieldList(body.features, 40), languages: body.languages === undefined ? [] : fieldList(body.languages, 40) };
      const site = await network.getServicePoint({ db: deps.database.db, ref: (context.request.params as { code: string }).code });
      try {
        await updateAccess({ db: deps.database.db, actor: actorOf(context.request), servicePointId: site.id, ...chosen });
        return render(context, deps, { saved: true });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(context, deps, { errors: fieldErrors(error, context.t), status: 400, chosen });
      }
    },
  });
}
