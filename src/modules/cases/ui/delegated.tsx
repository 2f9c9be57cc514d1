/**
 * An MP or Senator office's view: the files its constituents consented to share, while the
 * consent runs, and its inquiries with their due dates. Every view is audited.
 */
import type { FastifyInstance } from 'fastify';
import { may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext, type PageResult } from '../../../platform/ssr/pages.js';
import { CsrfField, ErrorSummary, Notice } from '../../../web/components.js';
import { loadCatalogue } from '../catalogue.js';
import { askInquiry, listDelegatedFiles } from '../delegation.service.js';
import { SelectField, TextArea } from './fields.js';
import { formatDay, formatInstant, pick } from './parts.js';

const PATHS = { en: '/en/delegated-files', fr: '/fr/dossiers-delegues' };
type Values = Record<string, string>;

async function render(deps: ModuleDeps, context: PageContext, state: { errors?: { field: string; message: string }[]; values?: Values; status?: number; notice?: string }): Promise<PageResult> {
  const { t, language, href, request } = context;
  const base = { title: t('cases.delegated.title'), breadcrumbs: [{ href: href('portal.staff'), label: t('shell.staff_home') }] };
  const seen = await listDelegatedFiles({ db: deps.database.db, clock: deps.clock, actor: actorOf(request) });
  if (!seen.office) return { ...base, status: state.status ?? 200, body: <Notice kind="info">{t('cases.error.no_office')}</Notice> };
  const office = seen.office;
  const catalogue = await loadCatalogue(deps.database.db);
  const errors = state.errors ?? [];
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  const values = state.values ?? {};
  const numbers = new Map(seen.files.map((f) => [f.id, f.number]));
  return {
    ...base,
    status: state.status ?? 200,
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {state.notice ? <Notice kind="success">{state.notice}</Notice> : null}
        <p>{t('cases.delegated.lead', { office: language === 'fr' ? office.name_fr : office.name_en })}</p>
        <table>
          <caption>{t('cases.delegated.caption', { count: seen.files.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.status.number')}</th>
              <th scope="col">{t('cases.inventory.client')}</th>
              <th scope="col">{t('cases.status.type')}</th>
              <th scope="col">{t('cases.status.stage')}</th>
              <th scope="col">{t('cases.status.expected')}</th>
              <th scope="col">{t('cases.delegated.consent_until')}</th>
            </tr>
          </thead>
          <tbody>
            {seen.files.map((f) => {
              const type = catalogue.get(f.type_code)!;
              const stage = type.stages.find((s) => s.code === f.stage_code)!;
              const late = f.completed_day ? f.completed_day > f.expected_by : seen.today > f.expected_by;
              return (
                <tr key={f.id}>
                  <td>{f.number}</td>
                  <td>{`${f.surname}, ${f.given_names}`}</td>
                  <td>{pick(type.name, language)}</td>
                  <td>{pick({ en: stage.name_en, fr: stage.name_fr }, language)}</td>
                  <td>
                    {formatDay(f.expected_by, language)} — {t(late ? 'cases.delegated.late' : 'cases.delegated.on_time')}
                  </td>
                  <td>{f.consent_expires_on ? formatDay(f.consent_expires_on, language) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {seen.files.length > 0 ? (
          <>
            <h2>{t('cases.delegated.ask')}</h2>
            <p>{t('cases.delegated.standard')}</p>
            <form method="post" action={href('cases.delegated')} noValidate>
              <CsrfField token={context.csrfToken()} />
              <SelectField id="applicationNumber" label={t('cases.status.number')} value={values.applicationNumber} error={error('applicationNumber')} options={seen.files.map((f) => ({ value: f.number, label: f.number }))} />
              <div className="field">
                <input type="checkbox" id="urgent" name="urgent" value="yes" defaultChecked={values.urgent === 'yes'} />
                <label htmlFor="urgent">{t('cases.delegated.urgent')}</label>
              </div>
              <TextArea id="question" label={t('cases.delegated.question')} value={values.question} error={error('question')} />
              <button type="submit">{t('cases.delegated.submit')}</button>
            </form>
          </>
        ) : null}
        <h2>{t('cases.delegated.inquiries')}</h2>
        <ul>
          {seen.inquiries.map((i) => (
            <li key={i.id}>
              {numbers.get(i.application_id) ?? ''} — {i.question} — {i.answer ? t('cases.inquiry.answer', { answer: i.answer }) : t('cases.delegated.due', { due: formatInstant(i.due_at, language) })}
            </li>
          ))}
        </ul>
      </>
    ),
  };
}

export function registerDelegatedPage(app: FastifyInstance, deps: ModuleDeps): void {
  const common = { id: 'cases.delegated', paths: PATHS, access: may('cases.delegated_page'), modified: '2026-11-24' };
  registerPage(app, deps.shell, { ...common, handler: (context) => render(deps, context, {}) });
  registerPage(app, deps.shell, {
    ...common,
    method: 'POST',
    async handler(context) {
      const body = (context.request.body ?? {}) as Record<string, unknown>;
      const values = { applicationNumber: fieldText(body.applicationNumber, 20), urgent: fieldText(body.urgent, 5), question: fieldText(body.question, 2000) };
      try {
        const inquiry = await askInquiry({ db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), applicationNumber: values.applicationNumber, urgent: values.urgent === 'yes', question: values.question });
        return render(deps, context, { notice: context.t('cases.delegated.asked', { due: formatInstant(inquiry.due_at, context.language) }) });
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        return render(deps, context, { errors: fieldErrors(error, context.t), values, status: 400 });
      }
    },
  });
}
