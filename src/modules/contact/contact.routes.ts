/** The contact centre's JSON API (issue 5 §10 and the agent's work): schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { may } from '../../platform/auth/roles.js';
import type { ModuleDeps } from '../../platform/deps.js';
import type { ContactCall, ContactLine } from '../../platform/db/tables.contact.js';
import { actorOf } from '../../platform/http/actor.js';
import { AppError } from '../../platform/errors.js';
import { completeCall, recordCallbackResult, transferCall } from './agent-work.service.js';
import { enrolAgent, findOwnAgent, setAgentState, type AgentProfile } from './agents.service.js';
import { arriveCall, CHOICES, chooseOption, hangUp, takeNext } from './calls.service.js';
import {
  AgentParams,
  AgentProfileView,
  AgentStateBody,
  AgentView,
  ArrivalBody,
  ArrivalResult,
  CallbackParams,
  CallbackResultBody,
  CallEnvelope,
  CallParams,
  ChoiceBody,
  CompleteBody,
  Created,
  LineList,
  LineParams,
  NewAgentBody,
  NewLineBody,
  NextResult,
  StatusCheckBody,
  TransferBody,
  WaitTimes,
  AccuracyQuery,
} from './contact.schemas.js';
import { CONTACT_TOPIC, createLine, listLinesInScope } from './lines.service.js';
import { getEstimateAccuracy, getSupervisorView, visibleChange } from './metrics.service.js';
import { publishedWaitTimes } from './wait-times.js';
import { checkStatusByPhone } from './self-service.js';
import { streamTopic } from '../../platform/http/sse.js';
import { sendUnreachableNotice } from './notices.js';

/** Agents, and the telephony platform's integration token, which acts for the phone system. */
export const CONTACT_STAFF = may('contact.work');
export const CONTACT_MANAGERS = may('contact.manage');
export const CONTACT_OVERSIGHT = may('contact.oversee');

export const toLine = (l: ContactLine) => ({ id: l.id, code: l.code, nameEn: l.name_en, nameFr: l.name_fr, timeZone: l.time_zone, hours: l.hours, languages: l.languages, priority: l.priority, inquiryDueDays: l.inquiry_due_days });
export const toCall = (c: ContactCall) => ({
  id: c.id,
  lineId: c.line_id,
  kind: c.kind,
  state: c.state,
  language: c.language,
  arrivedAt: c.arrived_at.toISOString(),
  enqueuedAt: c.queue_time ? c.queue_time.toISOString() : null,
  attempts: c.attempts,
  agentId: c.agent_id,
  outcome: c.outcome_code,
});

const toProfile = (p: AgentProfile) => ({ id: p.agent.id, staffUserId: p.agent.staff_user_id, name: p.agent.name, state: p.agent.state, languages: p.agent.languages, lines: p.lines, currentCallId: p.agent.current_call_id });

export function registerContactRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;
  const base = { db, clock: deps.clock };
  const tags = ['contact'];

  api.get(
    '/api/v1/contact/wait-times',
    { config: { access: 'public' }, schema: { tags, operationId: 'getContactWaitTimes', summary: 'Each line’s hours and current estimated wait, so that clients choose their channel', response: { 200: WaitTimes } } },
    async (request) => ({ items: await publishedWaitTimes(db, deps.clock.now(), request.language, request.t) }),
  );

  api.get(
    '/api/v1/contact/supervisor',
    { config: { access: CONTACT_OVERSIGHT }, schema: { tags, operationId: 'getContactSupervisorView', summary: 'Live: queues, longest waits, callbacks, agents by state, today’s answer rate, abandonment, service level, inquiries by due date' } },
    async (request) => getSupervisorView({ db, actor: actorOf(request), now: deps.clock.now() }),
  );

  api.get(
    '/api/v1/contact/estimate-accuracy',
    { config: { access: CONTACT_OVERSIGHT }, schema: { tags, operationId: 'getContactEstimateAccuracy', summary: 'Mean absolute error of wait estimates: ours, Asterisk’s running average, Genesys’ AHT × ahead / agents', querystring: AccuracyQuery } },
    async (request) => getEstimateAccuracy({ db, actor: actorOf(request), since: new Date(deps.clock.now().getTime() - (request.query.days ?? 28) * 86_400_000), lineId: request.query.lineId }),
  );

  api.get(
    '/api/v1/live/contact',
    { config: { access: CONTACT_OVERSIGHT }, schema: { tags, operationId: 'streamContactCentre', summary: 'Server-sent events: the supervisor view, then each change' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const visible = await visibleChange({ db, actor });
      await streamTopic(request, reply, { bus: deps.database.bus, topic: CONTACT_TOPIC, snapshot: () => getSupervisorView({ db, actor, now: deps.clock.now() }), map: visible });
    },
  );

  api.get('/api/v1/contact/lines', { config: { access: 'staff' }, schema: { tags, operationId: 'listContactLines', summary: 'The lines of business one works on, with hours and languages', response: { 200: LineList } } }, async (request) => ({
    items: (await listLinesInScope({ db, actor: actorOf(request) })).map(toLine),
  }));

  api.post(
    '/api/v1/contact/lines',
    { config: { access: CONTACT_MANAGERS }, schema: { tags, operationId: 'createContactLine', summary: 'Add a line of business (always open when hours are omitted)', body: NewLineBody, response: { 201: Created } } },
    async (request, reply) => reply.status(201).send({ id: (await createLine({ db, actor: actorOf(request), line: request.body })).id }),
  );

  api.post(
    '/api/v1/contact/agents',
    {
      config: { access: CONTACT_STAFF },
      schema: { tags, operationId: 'enrolContactAgent', summary: 'A staff account becomes an agent on its assigned lines (yourself, or, for a supervisor, an account on their lines); again: its languages change', body: NewAgentBody, response: { 200: AgentProfileView, 201: AgentProfileView } },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { staffUserId, email, languages } = request.body;
      const profile = await enrolAgent({ ...base, actor, staffUserId: staffUserId ?? (email ? undefined : (actor.id ?? undefined)), email, languages });
      return reply.status(profile.created ? 201 : 200).send(toProfile(profile));
    },
  );

  api.get('/api/v1/contact/agents/me', { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'getOwnContactAgent', summary: 'The signed-in person as an agent: state, languages, lines (404: not an agent)', response: { 200: AgentProfileView } } }, async (request) => {
    const profile = await findOwnAgent({ db, actor: actorOf(request) });
    if (!profile) throw new AppError('contact.agent_not_found', 404);
    return toProfile(profile);
  });

  api.post(
    '/api/v1/contact/agents/:agentId/state',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'setContactAgentState', summary: 'Available, wrap-up, break or offline', params: AgentParams, body: AgentStateBody, response: { 200: AgentView } } },
    async (request) => {
      const agent = await setAgentState({ ...base, actor: actorOf(request), agentId: request.params.agentId, state: request.body.state });
      return { id: agent.id, name: agent.name, state: agent.state, stateSince: agent.state_since.toISOString(), currentCallId: agent.current_call_id };
    },
  );

  api.post(
    '/api/v1/contact/lines/:lineId/calls',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'arriveContactCall', summary: 'A caller reaches a line: the estimate and the options', params: LineParams, body: ArrivalBody, response: { 200: ArrivalResult } } },
    async (request) => {
      const { call, estimatedWaitSeconds } = await arriveCall({ ...base, actor: actorOf(request), lineRef: request.params.lineId, from: request.body.from, language: request.body.language });
      return { callId: call.id, estimatedWaitSeconds, options: [...CHOICES] };
    },
  );

  api.post(
    '/api/v1/contact/calls/:callId/choice',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'chooseContactOption', summary: 'The caller chooses self-service, to wait, or a callback', params: CallParams, body: ChoiceBody, response: { 200: CallEnvelope } } },
    async (request) => ({ call: toCall(await chooseOption({ ...base, actor: actorOf(request), callId: request.params.callId, ...request.body })) }),
  );

  api.post(
    '/api/v1/contact/calls/:callId/status-check',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'contactSelfServiceStatus', summary: 'Self-service: an application’s status by number and date of birth', params: CallParams, body: StatusCheckBody } },
    async (request) => {
      const status = await checkStatusByPhone({ ...base, guard: deps.guard, actor: actorOf(request), callId: request.params.callId, ...request.body });
      return { found: status !== null, status };
    },
  );

  api.post(
    '/api/v1/contact/calls/:callId/hangup',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'hangUpContactCall', summary: 'The caller hung up', params: CallParams, response: { 200: CallEnvelope } } },
    async (request) => ({ call: toCall(await hangUp({ ...base, actor: actorOf(request), callId: request.params.callId })) }),
  );

  api.post(
    '/api/v1/contact/agents/:agentId/next',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'takeNextContact', summary: 'The earliest waiting call or due callback on the agent’s lines (204: none)', params: AgentParams, response: { 200: NextResult, 204: Type.Null() } } },
    async (request, reply) => {
      const call = await takeNext({ ...base, actor: actorOf(request), agentId: request.params.agentId });
      if (!call) return reply.status(204).send(null);
      return { kind: call.kind, callId: call.id, enqueuedAt: call.queue_time!.toISOString() };
    },
  );

  api.post(
    '/api/v1/contact/callbacks/:id/result',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'recordCallbackResult', summary: 'Whether the dialled caller answered (no answer: retried, then closed with a notice)', params: CallbackParams, body: CallbackResultBody, response: { 200: CallEnvelope } } },
    async (request) => {
      const { call } = await recordCallbackResult({ ...base, actor: actorOf(request), callId: request.params.id, answered: request.body.answered });
      if (call.state === 'unreachable') sendUnreachableNotice(deps, call, (error) => request.log.error({ err: error }, 'unreachable notice failed'));
      return { call: toCall(call) };
    },
  );

  api.post(
    '/api/v1/contact/calls/:callId/complete',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'completeContactCall', summary: 'End the call with an outcome and first-contact resolution', params: CallParams, body: CompleteBody, response: { 200: CallEnvelope } } },
    async (request) => ({ call: toCall(await completeCall({ ...base, actor: actorOf(request), callId: request.params.callId, ...request.body })) }),
  );

  api.post(
    '/api/v1/contact/calls/:callId/transfer',
    { config: { access: CONTACT_STAFF }, schema: { tags, operationId: 'transferContactCall', summary: 'Transfer to another line, keeping the caller’s time in queue', params: CallParams, body: TransferBody, response: { 200: CallEnvelope } } },
    async (request) => ({ call: toCall(await transferCall({ ...base, actor: actorOf(request), callId: request.params.callId, toLine: request.body.lineId })) }),
  );
}
