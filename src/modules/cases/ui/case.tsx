/**
 * One file, for staff: its facts, journey, full history, document requests, decision, assignment,
 * consents and inquiries, with a form for each action. Each form posts back here (an `action`
 * field says which); the page then redirects to itself with what was done.
 */
import type { FastifyInstance } from 'fastify';
import { allows, may } from '../../../platform/auth/roles.js';
import type { ModuleDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/actor.js';
import { fieldErrors, fieldText } from '../../../platform/ssr/input.js';
import { registerPage, type PageContext, type PageResult } from '../../../platform/ssr/pages.js';
import { ErrorSummary, Notice } from '../../../web/components.js';
import { loadCatalogue } from '../catalogue.js';
import { CASE_STAFF, type CaseHooks } from '../cases.routes.js';
import { assertFileReachable, assign, decide, moveStage, receiveDocument, requestDocument } from '../casework.service.js';
import { answerInquiry, listOffices, recordConsent } from '../delegation.service.js';
import { getCaseFile } from '../inventory.service.js';
import { describeForClient } from '../status.service.js';
import { DecisionSection, DelegationSection, DocumentsSection, FileFacts, HistorySection, StageSection, type SectionProps } from './case-sections.js';

const PATHS = { en: '/en/cases/:caseNumber', fr: '/fr/dossiers/:caseNumber' };
const MODIFIED = '2026-11-24';
type Values = Record<string, string>;

async function render(deps: ModuleDeps, context: PageContext, state: { errors?: { field: string; message: string }[]; values?: Values; status?: number }): Promise<PageResult> {
  const { t, request } = context;
  const db = deps.database.db;
  const data = await getCaseFile({ db, actor: actorOf(request), number: (request.params as { caseNumber: string }).caseNumber });
  const errors = state.errors ?? [];
  const props: SectionProps = {
    context,
    data,
    type: (await loadCatalogue(db)).get(data.file.type_code)!,
    view: await describeForClient({ db, clock: deps.clock, file: data.file }),
    offices: await listOffices(db),
    values: state.values ?? {},
    error: (field) => errors.find((e) => e.field === field)?.message,
  };
  const done = fieldText((request.query as Record<string, unknown>).done, 40);
  return {
    title: t('cases.case.title', { number: data.file.number, name: `${data.file.given_names} ${data.file.surname}` }),
    status: state.status ?? 200,
    breadcrumbs: [
      { href: context.href('portal.staff'), label: t('shell.staff_home') },
      { href: context.href('cases.inventory'), label: t('cases.inventory.title') },
    ],
    body: (
      <>
        <ErrorSummary errors={errors} t={t} />
        {done ? <Notice kind="success">{t('cases.case.done')}</Notice> : null}
        <FileFacts {...props} />
        <StageSection {...props} />
        <DocumentsSection {...props} />
        <DecisionSection {...props} />
        <DelegationSection {...props} />
        <HistorySection {...props} />
      </>
    ),
  };
}

/** Carries out the posted action; a refusal with per-field problems re-shows the page. */
async function act(deps: ModuleDeps, context: PageContext, hooks: CaseHooks, values: Values) {
  const base = { db: deps.database.db, clock: deps.clock, actor: actorOf(context.request), number: (context.request.params as { caseNumber: string }).caseNumber };
  switch (values.action) {
    case 'move':
      return hooks.changed(await moveStage({ ...base, to: values.to ?? '', reason: values.reason }), 'stage');
    case 'request':
      return hooks.changed((await requestDocument({ ...base, kind: values.kind ?? '', note: values.note })).file, 'document_requested');
    case 'received':
      return void (await receiveDocument({ ...base, requestId: values.requestId ?? '' }));
    case 'decide':
      return hooks.changed(await decide({ ...base, outcome: values.outcome ?? '', note: values.decisionNote ?? '' }), 'decision');
    case 'assign':
      if (!allows(may('cases.assign'), context.request.principal?.role)) throw new AppError('auth.forbidden', 403);
      return void (await assign({ ...base, agentId: values.agentId || null }));
    case 'consent':
      return void (await recordConsent({ ...base, officeId: values.officeId ?? '', expiresOn: values.expiresOn ?? '' }));
    case 'answer':
      return void (await answerInquiry({ ...base, inquiryId: values.inquiryId ?? '', answer: values[`answer-${values.inquiryId}`] ?? '' }));
    default:
      // No action is no change; still, someone working elsewhere learns only that the file is not theirs.
      await assertFileReachable(base);
      throw new AppError('common.invalid_input', 400);
  }
}

const UUID_FIELDS = ['requestId', 'inquiryId'];

export function registerCasePage(app: FastifyInstance, deps: ModuleDeps, hooks: CaseHooks): void {
  const common = { id: 'cases.case', paths: PATHS, access: CASE_STAFF, modified: MODIFIED };
  registerPage(app, deps.shell, { ...common, handler: (context) => render(deps, context, {}) });
  registerPage(app, deps.shell, {
    ...common,
    method: 'POST',
    async handler(context) {
      const body = (context.request.body ?? {}) as Record<string, unknown>;
      const values: Values = Object.fromEntries(Object.keys(body).map((key) => [key, fieldText(body[key], 2000)]));
      for (const field of UUID_FIELDS) if (values[field] && !/^[0-9a-f-]{36}$/i.test(values[field])) throw new AppError('common.invalid_input', 400);
      try {
        await act(deps, context, hooks, values);
        return { redirect: `${context.href('cases.case', { caseNumber: (context.request.params as { caseNumber: string }).caseNumber })}?done=${encodeURIComponent(values.action ?? '')}` };
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400 || Object.keys(error.fields).length === 0) throw error;
        // The services name their fields; on this page some inputs carry a more specific id.
        const rename: Record<string, string> = values.action === 'decide' ? { note: 'decisionNote' } : values.action === 'answer' ? { answer: `answer-${values.inquiryId}` } : {};
        const errors = fieldErrors(error, context.t).map((e) => ({ ...e, field: rename[e.field] ?? e.field }));
        return render(deps, context, { errors, values, status: 400 });
      }
    },
  });
}
