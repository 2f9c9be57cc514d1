/** The cases JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { may } from '../../platform/auth/roles.js';
import type { ModuleDeps } from '../../platform/deps.js';
import type { Application } from '../../platform/db/tables.cases.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/actor.js';
import { loadCatalogue } from './catalogue.js';
import * as schemas from './cases.schemas.js';
import { assign, decide, moveStage, receiveDocument, requestDocument } from './casework.service.js';
import { answerInquiry, askInquiry, listDelegatedFiles, recordConsent } from './delegation.service.js';
import { intakeApplication } from './intake.service.js';
import { getCaseFile, listInventory } from './inventory.service.js';
import type { Change } from './notices.service.js';
import { describeForClient, findForClient } from './status.service.js';

export const CASE_STAFF = may('cases.work');
export const PARTNERS = may('cases.delegated');

export interface CaseHooks {
  /** After a change the client should hear of has committed. */
  changed(file: Application, change: Change): void;
}

export const toSummary = (a: Application & { band?: string }) => ({
  id: a.id,
  applicationNumber: a.number,
  type: a.type_code,
  programme: a.programme_code,
  channel: a.channel,
  stage: a.stage_code,
  state: a.state,
  surname: a.surname,
  givenNames: a.given_names,
  receivedAt: a.received_at.toISOString(),
  expectedBy: a.expected_by,
  band: a.band ?? '',
  siteId: a.site_id,
  assignedSiteId: a.assigned_site_id,
  assignedAgentId: a.assigned_agent_id,
  decision: a.decision,
});

export function registerCasesRoutes(app: FastifyInstance, deps: ModuleDeps, hooks: CaseHooks): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;
  const base = { db, clock: deps.clock };
  const tags = ['cases'];
  const Ok = Type.Object({ ok: Type.Boolean() });

  // The number and the date of birth travel in the body, never in the URL (which proxies and logs keep).
  api.post('/api/v1/status', { config: { access: 'public' }, schema: { tags, operationId: 'lookUpApplicationStatus', summary: 'A client’s application status by number and date of birth, sent in the body (every miss is the same 404)', body: schemas.StatusLookup, response: { 200: schemas.ClientView } } }, async (request, reply) => {
    const file = await findForClient({ ...base, guard: deps.guard, actor: actorOf(request), applicationNumber: request.body.applicationNumber, dateOfBirth: request.body.dateOfBirth, channel: 'api' }).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 429) void reply.header('retry-after', String(Number(error.params.minutes) * 60));
      throw error;
    });
    if (!file) throw new AppError('cases.not_found', 404);
    return describeForClient({ ...base, file });
  });

  api.get('/api/v1/application-types', { config: { access: 'public' }, schema: { tags, operationId: 'listApplicationTypes', summary: 'Application types with their stages and service standards', response: { 200: schemas.ApplicationTypeList } } }, async () => {
    const catalogue = await loadCatalogue(db);
    return {
      items: [...catalogue.values()].map((type) => ({
        code: type.code,
        programme: type.programme,
        name: type.name,
        channels: type.channels,
        stages: type.stages.map((s) => ({ code: s.code, name: { en: s.name_en, fr: s.name_fr }, expectedBusinessDays: s.expected_business_days, channel: s.channel, completes: s.completes, next: s.next_codes })),
      })),
    };
  });

  api.post('/api/v1/applications', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'createApplication', summary: 'Intake of an application', body: schemas.IntakeBody, response: { 201: schemas.IntakeResult } } }, async (request, reply) => {
    const file = await intakeApplication({ ...base, actor: actorOf(request), ...request.body });
    return reply.status(201).send({ id: file.id, applicationNumber: file.number, expectedBy: file.expected_by, stage: file.stage_code });
  });

  api.get('/api/v1/applications', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'listApplications', summary: 'Open files by age against the standard (the read is audited)', querystring: schemas.InventoryQuery, response: { 200: schemas.Inventory } } }, async (request) => {
    const q = request.query;
    const result = await listInventory({ ...base, actor: actorOf(request), filter: { programme: q.programme, typeCode: q.type, siteId: q.siteId, agentId: q.agentId, band: q.band }, page: q.page ?? 1 });
    return { items: result.rows.map(toSummary), total: result.total, counts: result.counts };
  });

  api.get('/api/v1/applications/:number', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'getApplication', summary: 'One file (the read is audited)', params: schemas.NumberParams } }, async (request) => {
    const { file, events, requests } = await getCaseFile({ db, actor: actorOf(request), number: request.params.number });
    return { application: toSummary(file), decisionNote: file.decision_note, events, documentRequests: requests };
  });

  api.post('/api/v1/applications/:number/transitions', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'moveApplicationStage', summary: 'Move a file to its next stage', params: schemas.NumberParams, body: schemas.TransitionBody } }, async (request) => {
    const file = await moveStage({ ...base, actor: actorOf(request), number: request.params.number, to: request.body.to, reason: request.body.reason });
    hooks.changed(file, 'stage');
    return { application: toSummary(file) };
  });

  api.post('/api/v1/applications/:number/document-requests', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'requestDocument', summary: 'Ask the client for a document', params: schemas.NumberParams, body: schemas.DocumentRequestBody } }, async (request, reply) => {
    const { file, request: created } = await requestDocument({ ...base, actor: actorOf(request), number: request.params.number, ...request.body });
    hooks.changed(file, 'document_requested');
    return reply.status(201).send({ id: created.id, kind: created.kind, dueDay: created.due_day });
  });

  api.post('/api/v1/applications/:number/document-requests/:requestId/received', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'receiveDocument', summary: 'Record that a requested document arrived', params: schemas.RequestParams, response: { 200: Ok } } }, async (request) => {
    await receiveDocument({ ...base, actor: actorOf(request), number: request.params.number, requestId: request.params.requestId });
    return { ok: true };
  });

  api.post('/api/v1/applications/:number/decision', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'decideApplication', summary: 'Record the decision and its plain-language note', params: schemas.NumberParams, body: schemas.DecisionBody } }, async (request) => {
    const file = await decide({ ...base, actor: actorOf(request), number: request.params.number, ...request.body });
    hooks.changed(file, 'decision');
    return { application: toSummary(file) };
  });

  api.post('/api/v1/applications/:number/assignment', { config: { access: may('cases.assign') }, schema: { tags, operationId: 'assignApplication', summary: 'Assign a file to an office and an agent', params: schemas.NumberParams, body: schemas.AssignmentBody } }, async (request) => {
    const file = await assign({ ...base, actor: actorOf(request), number: request.params.number, ...request.body });
    return { application: toSummary(file) };
  });

  api.post('/api/v1/applications/:number/consents', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'recordConsent', summary: 'Record a client’s consent for an MP or Senator office, with its expiry', params: schemas.NumberParams, body: schemas.ConsentBody } }, async (request, reply) => {
    const consent = await recordConsent({ ...base, actor: actorOf(request), number: request.params.number, ...request.body });
    return reply.status(201).send({ id: consent.id, expiresOn: consent.expires_on });
  });

  api.get('/api/v1/delegated/applications', { config: { access: PARTNERS }, schema: { tags, operationId: 'listDelegatedApplications', summary: 'The files an MP or Senator office may see (the read is audited)' } }, async (request) => {
    const { office, files, inquiries } = await listDelegatedFiles({ ...base, actor: actorOf(request) });
    return { office: office ? { id: office.id, name: { en: office.name_en, fr: office.name_fr } } : null, items: files.map((f) => ({ ...toSummary(f), consentExpiresOn: f.consent_expires_on })), inquiries };
  });

  api.post('/api/v1/delegated/inquiries', { config: { access: PARTNERS }, schema: { tags, operationId: 'askInquiry', summary: 'An office’s inquiry about a consented file', body: schemas.InquiryBody } }, async (request, reply) => {
    const inquiry = await askInquiry({ ...base, actor: actorOf(request), applicationNumber: request.body.applicationNumber, urgent: request.body.urgent ?? false, question: request.body.question });
    return reply.status(201).send({ id: inquiry.id, dueAt: inquiry.due_at.toISOString() });
  });

  api.post('/api/v1/inquiries/:inquiryId/answer', { config: { access: CASE_STAFF }, schema: { tags, operationId: 'answerInquiry', summary: 'Answer an office’s inquiry', params: schemas.InquiryParams, body: schemas.AnswerBody, response: { 200: Ok } } }, async (request) => {
    await answerInquiry({ ...base, actor: actorOf(request), inquiryId: request.params.inquiryId, answer: request.body.answer });
    return { ok: true };
  });
}
