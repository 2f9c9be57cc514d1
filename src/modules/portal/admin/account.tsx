/** One staff account: what it is, its role and assignments to change, deactivation and a password reset. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAssignable } from '../../../platform/auth/admin.repo.js';
import {
  changeManagedAccount,
  describeAssignments,
  getManagedAccount,
  resetAccountPassword,
  setAccountActive,
  statusOf,
} from '../../../platform/auth/admin.service.js';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldText } from '../../../platform/ssr/input.js';
import { registerFormPage, type FormState } from '../../../platform/ssr/form-page.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice, TextField } from '../../../web/components.js';
import { AdminForm, AssignmentsFieldset, breadcrumbs, grantableRoles, mayGrantNational, readAssignments, ScopeSummary, SecretOnce, Select, toInput, type AssignmentValues } from './parts.js';

interface AccountForm extends AssignmentValues {
  action: string;
  role: string;
  password: string;
}

const generated = new WeakMap<FastifyRequest, string>();

async function render(context: PageContext, deps: ModuleDeps, state: FormState<AccountForm>) {
  const { t, href, language, request } = context;
  const db = deps.database.db;
  const actor = actorOf(request);
  const account = await getManagedAccount({ db, actor, id: (request.params as { userId: string }).userId });
  const { describe, siteCodes } = await describeAssignments({ db, language, accounts: [account] });
  const status = statusOf(account, deps.clock.now());
  const errors = state.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const current: AccountForm = { action: '', role: account.role, password: '', national: account.national, sites: siteCodes(account).join(', '), regions: account.regions, programmes: account.programmes, lines: account.lines };
  const values = state.values && state.values.action === 'assign' && errors.length > 0 ? state.values : current;
  const csrf = context.csrfToken();
  const secret = generated.get(request);
  const own = account.id === actor.id;
  const roles = grantableRoles(actor).includes(account.role) ? grantableRoles(actor) : [account.role, ...grantableRoles(actor)];
  return {
    title: account.display_name,
    status: state.status ?? 200,
    breadcrumbs: breadcrumbs(context, [{ href: href('portal.accounts'), label: t('admin.accounts.title') }]),
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        {secret ? <SecretOnce label={t('admin.password.generated')} secret={secret} t={t} /> : null}
        <dl className="facts admin-facts">
          <div>
            <dt>{t('admin.field.email')}</dt>
            <dd>{account.email}</dd>
          </div>
          <div>
            <dt>{t('admin.field.role')}</dt>
            <dd>{t(`role.${account.role}`)}</dd>
          </div>
          <div>
            <dt>{t('admin.field.language')}</dt>
            <dd>{t(`admin.language.${account.preferred_language}`)}</dd>
          </div>
          <div>
            <dt>{t('admin.field.status')}</dt>
            <dd>{t(`admin.status.${status}`)}</dd>
          </div>
          <div>
            <dt>{t('admin.field.works')}</dt>
            <dd>
              <ScopeSummary scope={describe(account)} t={t} />
            </dd>
          </div>
        </dl>

        <form method="post" noValidate aria-labelledby="assign-heading">
          <h2 id="assign-heading">{t('admin.account.assign_heading')}</h2>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="assign" />
          <Select id="role" label={t('admin.field.role')} value={values.role} error={error('role')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          <AssignmentsFieldset t={t} language={language} assignable={await listAssignable(db)} values={values} error={error} national={mayGrantNational(actor)} />
          <button type="submit">{t('admin.account.assign_submit')}</button>
        </form>

        <form method="post" noValidate aria-labelledby="password-heading">
          <h2 id="password-heading">{t('admin.account.password_heading')}</h2>
          <p>{t('admin.account.password_intro')}</p>
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value="reset" />
          <TextField id="password" type="password" label={t('admin.field.new_password')} hint={t('admin.password.hint')} error={error('password')} autoComplete="new-password" t={t} />
          <button type="submit">{t('admin.account.password_submit')}</button>
        </form>


        {own ? null : (
          <form method="post" aria-labelledby="access-heading">
            <h2 id="access-heading">{t('admin.account.access_heading')}</h2>
            <p>{account.disabled_at ? t('admin.account.reactivate_intro') : t('admin.account.deactivate_intro')}</p>
            <CsrfField token={csrf} />
            <input type="hidden" name="action" value={account.disabled_at ? 'reactivate' : 'deactivate'} />
            <button type="submit">{account.disabled_at ? t('admin.account.reactivate_submit') : t('admin.account.deactivate_submit')}</button>
          </form>
        )}
        <p>
          <a href={href('portal.accounts')}>{t('admin.accounts.back')}</a>
        </p>
      </>
    ),
  };
}

export function registerAccountPage(app: FastifyInstance, deps: ModuleDeps): void {
  registerFormPage<AccountForm>(app, deps.shell, {
    id: 'portal.account',
    paths: { en: '/en/staff/accounts/:userId', fr: '/fr/personnel/comptes/:userId' },
    access: may('platform.administer'),
    modified: '2026-12-04',
    schema: { body: AdminForm },
    render: (context, state) => render(context, deps, state),
    read(context) {
      const body = context.request.body as Record<string, unknown>;
      return { action: fieldText(body.action, 20), role: fieldText(body.role, 40), password: fieldText(body.password, 500), ...readAssignments(body) };
    },
    async submit(context, values) {
      const { t, request } = context;
      const base = { db: deps.database.db, clock: deps.clock, actor: actorOf(request), id: (request.params as { userId: string }).userId };
      switch (values.action) {
        case 'assign':
          await changeManagedAccount({ ...base, role: values.role, assignments: toInput(values) });
          return t('admin.account.assigned');
        case 'reset': {
          const { password } = await resetAccountPassword({ ...base, password: values.password });
          if (password) generated.set(request, password);
          return t('admin.account.password_reset');
        }
        case 'deactivate':
        case 'reactivate':
          await setAccountActive({ ...base, active: values.action === 'reactivate' });
          return t(values.action === 'reactivate' ? 'admin.account.reactivated' : 'admin.account.deactivated');
        default:
          throw new AppError('common.invalid_input', 400, {}, { role: 'admin.action_invalid' });
      }
    },
  });
}
