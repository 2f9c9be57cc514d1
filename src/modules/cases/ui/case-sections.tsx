/** The sections of the staff case page, each with its form posting back to the page (an `action` field says which). */
import type { ReactNode } from 'react';
import { allows, may } from '../../../platform/auth/roles.js';
import type { PageContext } from '../../../platform/ssr/pages.js';
import { CsrfField, TextField } from '../../../web/components.js';
import { stageOf, type ApplicationType } from '../catalogue.js';
import { DOCUMENT_KINDS } from '../casework.service.js';
import type { CaseFile } from '../inventory.service.js';
import type { ClientView } from '../status.service.js';
import { SelectField, TextArea } from './fields.js';
import { formatDay, formatInstant, historyText, Journey, pick } from './parts.js';

export interface SectionProps {
  context: PageContext;
  data: CaseFile;
  type: ApplicationType;
  view: ClientView;
  offices: { id: string; name_en: string; name_fr: string }[];
  values: Record<string, string>;
  error(field: string): string | undefined;
}

function ActionForm({ context, action, children, submit }: { context: PageContext; action: string; children: ReactNode; submit: string }) {
  const number = (context.request.params as { caseNumber: string }).caseNumber;
  return (
    <form method="post" action={context.href('cases.case', { caseNumber: number })} noValidate>
      <CsrfField token={context.csrfToken()} />
      <input type="hidden" name="action" value={action} />
      {children}
      <button type="submit">{submit}</button>
    </form>
  );
}

export function FileFacts({ context, data: { file }, type, view }: SectionProps) {
  const { t, language } = context;
  return (
    <>
      <dl className="facts">
        <dt>{t('cases.status.type')}</dt>
        <dd>{pick(type.name, language)}</dd>
        <dt>{t('cases.case.channel')}</dt>
        <dd>{t(`cases.channel.${file.channel}`)}</dd>
        <dt>{t('cases.status.date_of_birth')}</dt>
        <dd>{file.date_of_birth}</dd>
        <dt>{t('cases.status.received')}</dt>
        <dd>{formatDay(view.receivedOn, language)}</dd>
        <dt>{t('cases.status.expected')}</dt>
        <dd>
          {formatDay(file.expected_by, language)} — {t(view.late ? 'cases.status.late' : 'cases.status.on_time')}
        </dd>
        <dt>{t('cases.case.state')}</dt>
        <dd>{t(`cases.state.${file.state}`)}</dd>
      </dl>
      <p>
        <a href={context.href('cases.letter', { caseNumber: file.number }, file.language)}>{t('cases.case.letter', { language: t(`cases.language.${file.language}`) })}</a>
      </p>
    </>
  );
}

export function StageSection({ context, data: { file }, type, view, values, error }: SectionProps) {
  const { t, language } = context;
  const next = stageOf(type, file.stage_code)!.next_codes.map((code) => stageOf(type, code)!).filter((s) => s.channel === null || s.channel === file.channel);
  return (
    <>
      <h2>{t('cases.status.journey')}</h2>
      <Journey steps={view.journey} language={language} t={t} />
      {next.length > 0 ? (
        <ActionForm context={context} action="move" submit={t('cases.case.move_submit')}>
          <SelectField id="to" label={t('cases.case.move_to')} value={values.to} error={error('to')} options={next.map((s) => ({ value: s.code, label: pick({ en: s.name_en, fr: s.name_fr }, language) }))} />
          <TextField id="reason" label={t('cases.case.reason')} value={values.reason ?? ''} error={error('reason')} t={t} />
        </ActionForm>
      ) : null}
    </>
  );
}

export function DocumentsSection({ context, data: { file, requests }, values, error }: SectionProps) {
  const { t, language } = context;
  return (
    <>
      <h2>{t('cases.status.needed')}</h2>
      <ul>
        {requests.map((r) => (
          <li key={r.id}>
            {t(`cases.document.${r.kind}`)} — {r.received_at ? t('cases.case.received_on', { day: formatInstant(r.received_at, language) }) : t('cases.status.due', { day: formatDay(r.due_day, language) })}
            {r.note ? <p>{r.note}</p> : null}
            {!r.received_at ? (
              <ActionForm context={context} action="received" submit={t('cases.case.mark_received', { kind: t(`cases.document.${r.kind}`) })}>
                <input type="hidden" name="requestId" value={r.id} />
              </ActionForm>
            ) : null}
          </li>
        ))}
      </ul>
      {file.state === 'open' ? (
        <ActionForm context={context} action="request" submit={t('cases.case.request_submit')}>
          <SelectField id="kind" label={t('cases.case.kind')} value={values.kind} error={error('kind')} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`cases.document.${k}`) }))} />
          <TextArea id="note" label={t('cases.case.note')} hint={t('cases.case.note_hint')} value={values.note} error={error('note')} />
        </ActionForm>
      ) : null}
    </>
  );
}

export function DecisionSection({ context, data: { file }, view, values, error }: SectionProps) {
  const { t, language, request } = context;
  return (
    <>
      <h2>{t('cases.status.decision')}</h2>
      {file.decision ? (
        <p>
          {t(`cases.decision.${file.decision}`, { day: formatDay(view.decision!.decidedOn, language) })} {file.decision_note}
        </p>
      ) : (
        <ActionForm context={context} action="decide" submit={t('cases.case.decide_submit')}>
          <SelectField id="outcome" label={t('cases.case.outcome')} value={values.outcome} error={error('outcome')} options={['approved', 'refused'].map((o) => ({ value: o, label: t(`cases.outcome.${o}`) }))} />
          <TextArea id="decisionNote" label={t('cases.case.decision_note')} hint={t('cases.case.decision_note_hint')} value={values.decisionNote} error={error('decisionNote')} />
        </ActionForm>
      )}
      {allows(may('cases.assign'), request.principal?.role) ? (
        <>
          <h2>{t('cases.case.assignment')}</h2>
          <ActionForm context={context} action="assign" submit={t('cases.case.assign_submit')}>
            <TextField id="agentId" label={t('cases.case.agent')} hint={t('cases.case.agent_hint')} value={values.agentId ?? file.assigned_agent_id ?? ''} error={error('agentId')} t={t} />
          </ActionForm>
        </>
      ) : null}
    </>
  );
}

export function DelegationSection({ context, data: { consents, inquiries }, offices, values, error }: SectionProps) {
  const { t, language } = context;
  const name = (o: { name_en: string; name_fr: string }) => (language === 'fr' ? o.name_fr : o.name_en);
  return (
    <>
      <h2>{t('cases.case.consents')}</h2>
      <ul>
        {consents.map((c) => (
          <li key={c.id}>{t('cases.case.consent_row', { office: name(c), until: formatDay(c.expires_on, language) })}</li>
        ))}
      </ul>
      {offices.length > 0 ? (
        <ActionForm context={context} action="consent" submit={t('cases.case.consent_submit')}>
          <SelectField id="officeId" label={t('cases.case.office')} value={values.officeId} error={error('officeId')} options={offices.map((o) => ({ value: o.id, label: name(o) }))} />
          <TextField id="expiresOn" label={t('cases.case.expires_on')} hint={t('cases.status.date_hint')} value={values.expiresOn ?? ''} error={error('expiresOn')} t={t} />
        </ActionForm>
      ) : null}
      <h2>{t('cases.case.inquiries')}</h2>
      <ul>
        {inquiries.map((i) => (
          <li key={i.id}>
            <p>
              {t(i.urgent ? 'cases.inquiry.urgent' : 'cases.inquiry.regular', { office: name(i), due: formatInstant(i.due_at, language) })} {i.question}
            </p>
            {i.answer ? (
              <p>{t('cases.inquiry.answer', { answer: i.answer })}</p>
            ) : (
              <ActionForm context={context} action="answer" submit={t('cases.case.answer_submit')}>
                <input type="hidden" name="inquiryId" value={i.id} />
                <TextArea id={`answer-${i.id}`} label={t('cases.case.answer')} error={error(`answer-${i.id}`)} />
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function HistorySection({ context, data: { events }, type }: SectionProps) {
  const { t, language } = context;
  const stageName = (code: string) => {
    const stage = stageOf(type, code);
    return stage ? { en: stage.name_en, fr: stage.name_fr } : { en: code, fr: code };
  };
  return (
    <>
      <h2>{t('cases.status.history')}</h2>
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            <time dateTime={e.occurred_at.toISOString()}>{formatInstant(e.occurred_at, language)}</time> — {historyText({ at: '', type: e.type, stage: e.to_stage ? stageName(e.to_stage) : null, details: e.details }, language, t)}
            {e.reason ? ` (${e.reason})` : ''} — {e.actor}
          </li>
        ))}
      </ol>
    </>
  );
}
