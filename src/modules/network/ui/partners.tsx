/** Partners at a site: listed on its page, added and removed by supervisors and administrators. */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { JURISDICTIONS, PARTNERSHIP_MODELS } from '../../../platform/db/tables.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import type { Language, Translate } from '../../../platform/i18n/index.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../web/components.js';
import * as network from '../network.service.js';
import { addPartner, listPartners, removePartner } from '../partners.service.js';

const PATHS = { en: '/en/service-points/:code/partners', fr: '/fr/points-de-service/:code/partenaires' };
const PartnerForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }));
type Partner = Awaited<ReturnType<typeof listPartners>>[number];

/** The partners section of a site's page (nothing when the site has none). */
export function PartnerList({ partners, t, language }: { partners: Partner[]; t: Translate; language: Language }) {
  if (partners.length === 0) return null;
  return (
    <>
      <h2>{t('network.partners.title')}</h2>
      <ul>
        {partners.map((p) => (
          <li key={p.id}>{t('network.partners.line', { name: language === 'fr' ? p.name_fr : p.name_en, type: t(`network.partner_type.${p.partner_type}`), model: t(`network.partner_model.${p.model}`) })}</li>
        ))}
      </ul>
    </>
  );
}

function Choice({ id, label, options, value, t, prefix }: { id: string; label: string; options: readonly string[]; value: string; t: Translate; prefix: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={id} defaultValue={value}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`${prefix}.${o}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

async function render(context: PageContext, deps: ModuleDeps, options: FormState<Record<string, string>>) {
  const { t, href, language, request } = context;
  const site = await network.getServicePointFor({ actor: actorOf(request), db: deps.database.db, ref: (request.params as { code: string }).code });
  const partners = await listPartners({ db: deps.database.db, servicePointId: site.id });
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const csrf = context.csrfToken();
  const name = language === 'fr' ? site.name_fr : site.name_en;
  return {
    title: t('network.partners.edit_title', { name }),
    status: options.status ?? 200,
    breadcrumbs: [
      { href: href('portal.home'), label: t('shell.home') },
      { href: href('network.site', { code: site.code }), label: name },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {options.notice ? <Notice kind="success">{options.notice}</Notice> : null}
        <ul>
          {partners.map((p) => (
            <li key={p.id}>
              {language === 'fr' ? p.name_fr : p.name_en}{' '}
              <form method="post" className="inline-form">
                <CsrfField token={csrf} />
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="partnerId" value={p.id} />
                <button type="submit" aria-label={t('network.partners.remove_named', { name: language === 'fr' ? p.name_fr : p.name_en })}>
                  {t('network.outreach.remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
        {partners.length === 0 ? <p>{t('network.partners.none')}</p> : null}
        <form method="post" noValidate>
          <h2>{t('network.partners.add')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="add" />
          <TextField id="nameEn" label={t('network.partners.name_en')} value={values.nameEn ?? ''} error={errors.find((e) => e.field === 'nameEn')?.message} required t={t} />
          <TextField id="nameFr" label={t('network.partners.name_fr')} value={values.nameFr ?? ''} error={errors.find((e) => e.field === 'nameFr')?.message} required t={t} />
          <Choice id="partnerType" label={t('network.partners.type')} options={JURISDICTIONS} value={values.partnerType ?? 'provincial'} t={t} prefix="network.partner_type" />
          <Choice id="model" label={t('network.partners.model')} options={PARTNERSHIP_MODELS} value={values.model ?? 'co_location'} t={t} prefix="network.partner_model" />
          <button type="submit">{t('network.partners.add')}</button>
        </form>
      </>
    ),
  };
}

export function registerPartnersPage(app: FastifyInstance, deps: ModuleDeps): void {
  const siteOf = (context: PageContext) => network.getServicePointFor({ actor: actorOf(context.request), db: deps.database.db, ref: (context.request.params as { code: string }).code });
  registerFormPage<Record<string, string>>(app, deps.shell, {
    id: 'network.partners',
    paths: PATHS,
    access: may('network.manage'),
    modified: '2026-11-23',
    schema: { body: PartnerForm },
    render: (context, state) => render(context, deps, state),
    read: (context) => {
      const body = context.request.body as Record<string, unknown>;
      return Object.fromEntries(['action', 'nameEn', 'nameFr', 'partnerType', 'model', 'partnerId'].map((k) => [k, fieldText(body[k], 200)]));
    },
    async submit(context, values) {
      const base = { db: deps.database.db, actor: actorOf(context.request), servicePointId: (await siteOf(context)).id };
      if (values.action === 'add') await addPartner({ ...base, nameEn: values.nameEn!, nameFr: values.nameFr!, partnerType: values.partnerType!, model: values.model! });
      else if (values.action === 'remove') await removePartner({ ...base, partnerId: values.partnerId! });
      else throw new AppError('common.invalid_input', 400, {}, { nameEn: 'network.partners.type_invalid' });
      return context.t('network.outreach.saved');
    },
  });
}
