/** Staff accounts: the list of those one may manage, and a form to create one (its password shown once). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAssignable } from '../../../platform/auth/admin.repo.js';
import { createManagedAccount, describeAssignments, listManagedAccounts, statusOf } from '../../../platform/auth/admin.service.js';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import { registerPage, type PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, OfficialLanguageChoice, ScrollTable, TextField } from '../../../web/components.js';
import { AdminForm, AssignmentsFieldset, breadcrumbs, emptyAssignments, grantableRoles, mayGrantNational, readAssignments, ScopeSummary, SecretOnce, Select, toInput, type AssignmentValues } from './parts.js';

export const ACCOUNTS_PATHS = { en: '/en/staff/accounts', fr: '/fr/personnel/comptes' };

interface NewAccount extends AssignmentValues {
  displayName: string;
  email: string;
  role: string;
  language: string;
  password: string;
}

/** The password generated for an account created by this request, shown once in the answer. */
const generated = new WeakMap<FastifyRequest, string>();

async function renderList(context: PageContext, deps: ModuleDeps) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const accounts = await listManagedAccounts({ db, actor: actorOf(request) });
  const { describe } = await describeAssignments({ db, language, accounts });
  const now = deps.clock.now();
  return {
    title: t('admin.accounts.title'),
    breadcrumbs: breadcrumbs(context),
    body: (
      <>
        <p>{request.principal?.role === 'admin' ? t('admin.accounts.intro_admin') : t('admin.accounts.intro_supervisor')}</p>
        <p>
          <a href={href('portal.account_new')}>{t('admin.accounts.create_link')}</a>
        </p>
        <ScrollTable id="accounts-caption" caption={t('admin.accounts.caption', { count: accounts.length })}>
          <thead>
            <tr>
              <th scope="col">{t('admin.field.name')}</th>
              <th scope="col">{t('admin.field.email')}</th>
              <th scope="col">{t('admin.field.role')}</th>
              <th scope="col">{t('admin.field.works')}</th>
              <th scope="col">{t('admin.field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">
                  <a href={href('portal.account', { userId: account.id })}>{account.display_name}</a>
                </th>
                <td className="admin-email">{account.email}</td>
                <td>{t(`role.${account.role}`)}</td>
                <td>
                  <ScopeSummary scope={describe(account)} t={t} />
                </td>
                <td>{t(`admin.status.${statusOf(account, now)}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      </>
    ),
  };
}

async function renderNew(context: PageContext, deps: ModuleDeps, state: FormState<NewAccount>) {
  const { t, href, language, request } = context;
  const actor = actorOf(request);
  const errors = state.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const created = state.notice !== undefined;
  const values: NewAccount = !created && state.values ? state.values : { ...emptyAssignments, displayName: '', email: '', role: 'agent', language: 'en', password: '' };
  const secret = generated.get(request);
  return {
    title: t('admin.account_new.title'),
    status: state.status ?? 200,
    breadcrumbs: breadcrumbs(context, [{ href: href('portal.accounts'), label: t('admin.accounts.title') }]),
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {created ? <Notice kind="success">{state.notice}</Notice> : null}
        {secret ? <SecretOnce label={t('admin.password.generated')} secret={secret} t={t} /> : null}
        <form method="post" noValidate>
          <CsrfField token={context.csrfToken()} />
          <TextField id="displayName" label={t('admin.field.name')} value={values.displayName} error={error('displayName')} required autoComplete="off" t={t} />
          <TextField id="email" type="email" label={t('admin.field.email')} value={values.email} error={error('email')} required autoComplete="off" t={t} />
          <Select id="role" label={t('admin.field.role')} value={values.role} error={error('role')} options={grantableRoles(actor).map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <OfficialLanguageChoice legend={t('admin.field.language')} value={values.language} label={(l) => t(`admin.language.${l}`)} />
          <AssignmentsFieldset t={t} language={language} assignable={await listAssignable(deps.database.db)} values={values} error={error} national={mayGrantNational(actor)} />
          <TextField id="password" type="password" label={t('admin.field.initial_password')} hint={t('admin.password.hint')} error={error('password')} autoComplete="new-password" t={t} />
          <button type="submit">{t('admin.account_new.submit')}</button>
        </form>
        <p>
          <a href={href('portal.accounts')}>{t('admin.accounts.back')}</a>
        </p>
      </>
    ),
  };
}

export function registerAccountsPages(app: FastifyInstance, deps: ModuleDeps): void {
  registerPage(app, deps.shell, {
    id: 'portal.accounts',
    paths: ACCOUNTS_PATHS,
    access: may('platform.administer'),
    modified: '2026-12-04',
    handler: (context) => renderList(context, deps),
  });

  registerFormPage<NewAccount>(app, deps.shell, {
    id: 'portal.account_new',
    paths: { en: '/en/staff/accounts/new', fr: '/fr/personnel/comptes/nouveau' },
    access: may('platform.administer'),
    modified: '2026-12-04',
    schema: { body: AdminForm },
    render: (context, state) => renderNew(context, deps, state),
    read(context) {
      const body = context.request.body as Record<string, unknown>;
      return {
        displayName: fieldText(body.displayName, 200),
        email: fieldText(body.email, 300),
        role: fieldText(body.role, 40),
        language: fieldText(body.language, 10),
        password: fieldText(body.password, 500),
        ...readAssignments(body),
      };
    },
    async submit(context, values) {
      const { user, password } = await createManagedAccount({
        db: deps.database.db,
        actor: actorOf(context.request),
        displayName: values.displayName,
        email: values.email,
        role: values.role,
        language: values.language,
        password: values.password,
        assignments: toInput(values),
      });
      if (password) generated.set(context.request, password);
      return context.t('admin.account_new.created', { name: user.display_name });
    },
  });
}
