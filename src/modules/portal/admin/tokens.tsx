/** API tokens, for administrators: create one with its role and scope (the secret shown once), list them, revoke. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAssignable } from '../../../platform/auth/admin.repo.js';
import { createToken, describeAssignments, listTokens, revokeToken } from '../../../platform/auth/admin.service.js';
import { may, ROLES } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, ScrollTable, TextField } from '../../../web/components.js';
import { AdminForm, AssignmentsFieldset, breadcrumbs, emptyAssignments, readAssignments, ScopeSummary, SecretOnce, Select, toInput, type AssignmentValues } from './parts.js';

interface TokenForm extends AssignmentValues {
  action: string;
  name: string;
  role: string;
  tokenId: string;
}

const secrets = new WeakMap<FastifyRequest, string>();

async function render(context: PageContext, deps: ModuleDeps, state: FormState<TokenForm>) {
  const { t, language, request } = context;
  const db = deps.database.db;
  const tokens = await listTokens({ db, actor: actorOf(request) });
  const { describe } = await describeAssignments({ db, language, accounts: tokens });
  const errors = state.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const values = state.values && errors.length > 0 ? state.values : { ...emptyAssignments, action: 'create', name: '', role: 'reception', tokenId: '' };
  const format = new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const when = (date: Date | null) => (date ? `${format.format(date)} UTC` : '—');
  const csrf = context.csrfToken();
  const secret = secrets.get(request);
  return {
    title: t('admin.tokens.title'),
    status: state.status ?? 200,
    breadcrumbs: breadcrumbs(context),
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        {secret ? <SecretOnce label={t('admin.tokens.secret')} secret={secret} t={t} /> : null}
        <p>{t('admin.tokens.intro')}</p>
        <ScrollTable id="tokens-caption" caption={t('admin.tokens.caption', { count: tokens.length })}>
          <thead>
            <tr>
              <th scope="col">{t('admin.field.name')}</th>
              <th scope="col">{t('admin.field.role')}</th>
              <th scope="col">{t('admin.field.works')}</th>
              <th scope="col">{t('admin.tokens.created')}</th>
              <th scope="col">{t('admin.tokens.last_used')}</th>
              <th scope="col">{t('admin.tokens.revoked')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <th scope="row">{token.name}</th>
                <td>{t(`role.${token.role}`)}</td>
                <td>
                  <ScopeSummary scope={describe(token)} t={t} />
                </td>
                <td>{when(token.created_at)}</td>
                <td>{when(token.last_used_at)}</td>
                <td>
                  {token.revoked_at ? (
                    when(token.revoked_at)
                  ) : (
                    <form method="post" className="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="action" value="revoke" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" aria-label={t('admin.tokens.revoke_named', { name: token.name })}>
                        {t('admin.tokens.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
        <form method="post" noValidate aria-labelledby="create-heading">
          <h2 id="create-heading">{t('admin.tokens.create_heading')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="create" />
          <TextField id="name" label={t('admin.tokens.name')} hint={t('admin.tokens.name_hint')} value={values.name} error={error('name')} required autoComplete="off" t={t} />
          <Select id="role" label={t('admin.field.role')} value={values.role} error={error('role')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <AssignmentsFieldset t={t} language={language} assignable={await listAssignable(db)} values={values} error={error} national />
          <button type="submit">{t('admin.tokens.create')}</button>
        </form>
      </>
    ),
  };
}

export function registerTokensPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<TokenForm>(app, deps.shell, {
    id: 'portal.tokens',
    paths: { en: '/en/staff/api-tokens', fr: '/fr/personnel/jetons-api' },
    access: may('platform.audit'),
    modified: '2026-12-04',
    schema: { body: AdminForm },
    render: (context, state) => render(context, deps, state),
    read(context) {
      const body = context.request.body as Record<string, unknown>;
      return { action: fieldText(body.action, 20), name: fieldText(body.name, 200), role: fieldText(body.role, 40), tokenId: fieldText(body.tokenId, 40), ...readAssignments(body) };
    },
    async submit(context, values) {
      const { t, request } = context;
      const base = { db: deps.database.db, actor: actorOf(request) };
      if (values.action === 'revoke') {
        await revokeToken({ ...base, clock: deps.clock, id: values.tokenId });
        return t('admin.tokens.revoked_notice');
      }
      const created = await createToken({ ...base, name: values.name, role: values.role, assignments: toInput(values) });
      secrets.set(request, created.token);
      return t('admin.tokens.created_notice', { name: created.name });
    },
  });
}
