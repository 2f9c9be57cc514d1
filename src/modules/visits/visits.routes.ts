/** The visits JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { may } from '../../platform/auth/roles.js';
import type { ModuleDeps } from '../../platform/deps.js';
import type { Visit as VisitRow } from '../../platform/db/tables.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/actor.js';
import { streamTopic } from '../../platform/http/sse.js';
import { callNext, closeCounter, listCounters, openCounter } from './counters.service.js';
import { rollOverSite } from './rollover.service.js';
import {
  AccuracyQuery,
  Board,
  CheckInBody,
  CheckInResult,
  CounterList,
  CounterOnlyParams,
  CounterParams,
  OpenCounterBody,
  RemoteJoinBody,
  SiteParams,
  Ticket,
  TicketParams,
  TransitionBody,
  TransitionParams,
  VisitEnvelope,
  VisitParams,
  WaitTimes,
} from './visits.schemas.js';
import { checkInVisit, getVisit, getVisitByToken, placeInQueue, transitionVisit, VISITS_TOPIC } from './visits.service.js';
import { getBoardSnapshot, getEstimateAccuracy, getSiteMetrics, getWaitTimes, siteOpening } from './wait.service.js';
import { getServicePoint } from '../network/index.js';
import { getCounter } from './counters.service.js';

export const FRONT_DESK = may('visits.front_desk');
export const COUNTER_STAFF = may('visits.counter');
export const OVERSIGHT = may('visits.oversee');

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const toVisit = (v: VisitRow) => ({
  id: v.id,
  siteId: v.service_point_id,
  ticket: v.ticket,
  service: v.service_code,
  channel: v.channel,
  language: v.language,
  needs: v.needs,
  destination: v.destination,
  priority: v.priority,
  state: v.state,
  arrivedAt: v.arrived_at.toISOString(),
  checkedInAt: iso(v.checked_in_at),
  runningLate: v.running_late,
  counterId: v.counter_id,
  calledAt: iso(v.called_at),
  callCount: v.call_count,
  completedAt: iso(v.completed_at),
  outcome: v.outcome_code,
});

const ACTION: Record<string, 'recall' | 'no_show' | 'hold' | 'resume' | 'transfer' | 'complete' | 'arrive'> = {
  recall: 'recall',
  'no-show': 'no_show',
  hold: 'hold',
  resume: 'resume',
  transfer: 'transfer',
  complete: 'complete',
  'check-in': 'arrive',
};

export function registerVisitsRoutes(app: FastifyInstance, deps: ModuleDeps, hooks: { afterQueueMoved(siteId: string): void; ticketUrl(language: 'en' | 'fr', token: string): string }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;
  const base = { clock: deps.clock, db };
  const tags = ['visits'];

  api.post(
    '/api/v1/sites/:siteId/visits',
    { config: { access: FRONT_DESK }, schema: { tags, operationId: 'checkInVisit', summary: 'Check a client in at reception (or record a remote or appointment arrival)', params: SiteParams, body: CheckInBody, response: { 201: CheckInResult } } },
    async (request, reply) => {
      const body = request.body;
      const { visit, position, estimate } = await checkInVisit({ ...base, actor: actorOf(request), siteRef: request.params.siteId, ...body, language: body.language ?? request.language, inBuilding: true });
      return reply.status(201).send({ id: visit.id, ticket: visit.ticket, position, estimatedWait: estimate });
    },
  );

  api.post(
    '/api/v1/sites/:siteId/virtual-queue',
    { config: { access: 'public' }, schema: { tags, operationId: 'joinVirtualQueue', summary: 'Join a site’s queue remotely; check in on arrival', params: SiteParams, body: RemoteJoinBody, response: { 201: CheckInResult } } },
    async (request, reply) => {
      const body = request.body;
      const { visit, position, estimate } = await checkInVisit({
        ...base,
        actor: actorOf(request),
        siteRef: request.params.siteId,
        service: body.service,
        channel: 'remote',
        language: body.language ?? request.language,
        contact: body.contact,
        inBuilding: false,
        requireOpen: true,
        isOpen: (site) => siteOpening(site, deps.clock.now()).isOpen,
      });
      return reply.status(201).send({ id: visit.id, ticket: visit.ticket, position, estimatedWait: estimate, ticketUrl: hooks.ticketUrl(visit.language, visit.public_token) });
    },
  );

  api.get(
    '/api/v1/tickets/:token',
    { config: { access: 'public' }, schema: { tags, operationId: 'getTicket', summary: 'A client’s own ticket: state, place in line and estimated wait', params: TicketParams, response: { 200: Ticket } } },
    async (request) => {
      const visit = await getVisitByToken({ db, token: request.params.token });
      const site = await getServicePoint({ db, ref: visit.service_point_id });
      const { position, estimate } = await placeInQueue({ ...base, visit, timeZone: site.time_zone });
      const counter = visit.counter_id && visit.state === 'called' ? (await getCounter({ db, counterId: visit.counter_id })).name : null;
      return { ticket: visit.ticket, state: visit.state, service: visit.service_code, position, estimatedWait: estimate, checkedIn: visit.checked_in_at !== null, counter };
    },
  );

  api.get(
    '/api/v1/visits/:id',
    { config: { access: FRONT_DESK }, schema: { tags, operationId: 'getVisit', summary: 'One visit (the read is audited)', params: VisitParams, response: { 200: VisitEnvelope } } },
    async (request) => {
      const visit = await getVisit({ db, actor: actorOf(request), visitId: request.params.id });
      await recordAudit(db, actorOf(request), { action: 'visits.read', entityType: 'visit', entityId: visit.id });
      return { visit: toVisit(visit) };
    },
  );

  api.post(
    '/api/v1/visits/:id/:action',
    {
      config: { access: FRONT_DESK },
      schema: { tags, operationId: 'transitionVisit', summary: 'recall, no-show, hold, resume, transfer, complete or check-in', params: TransitionParams, body: TransitionBody, response: { 200: VisitEnvelope } },
      // Most actions carry nothing: an absent body is an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const action = ACTION[request.params.action]!;
      const requiresCounter = action !== 'arrive' && action !== 'transfer';
      if (requiresCounter && request.principal?.role === 'reception') throw new AppError('auth.forbidden', 403);
      const body = request.body;
      const visit = await transitionVisit({ ...base, actor: actorOf(request), visitId: request.params.id, action, outcome: body.outcome, toService: body.toService, toCounterId: body.toCounterId });
      hooks.afterQueueMoved(visit.service_point_id);
      return { visit: toVisit(visit) };
    },
  );

  api.get(
    '/api/v1/sites/:siteId/counters',
    { config: { access: FRONT_DESK }, schema: { tags, operationId: 'listCounters', summary: 'Open counters of a site and whom they serve', params: SiteParams, response: { 200: CounterList } } },
    async (request) => {
      const items = await listCounters({ db, actor: actorOf(request), siteRef: request.params.siteId });
      return { items: items.map((c) => ({ id: c.id, name: c.name, services: c.services, openedAt: c.opened_at.toISOString(), current: c.current ? { id: c.current.id, ticket: c.current.ticket } : null })) };
    },
  );

  api.post(
    '/api/v1/sites/:siteId/counters',
    { config: { access: COUNTER_STAFF }, schema: { tags, operationId: 'openCounter', summary: 'Open a counter for a set of services', params: SiteParams, body: OpenCounterBody, response: { 201: Type.Object({ id: Type.String() }) } } },
    async (request, reply) => {
      const counter = await openCounter({ ...base, actor: actorOf(request), siteRef: request.params.siteId, name: request.body.name, services: request.body.services });
      return reply.status(201).send({ id: counter.id });
    },
  );

  api.post(
    '/api/v1/counters/:counterId/close',
    { config: { access: COUNTER_STAFF }, schema: { tags, operationId: 'closeCounter', summary: 'Close a counter (it must not be serving anyone)', params: CounterOnlyParams } },
    async (request, reply) => {
      await closeCounter({ ...base, actor: actorOf(request), counterId: request.params.counterId });
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/v1/sites/:siteId/counters/:counterId/call-next',
    {
      config: { access: COUNTER_STAFF },
      schema: {
        tags,
        operationId: 'callNextClient',
        summary: 'Call the next client to a counter (send an Idempotency-Key to make retries safe)',
        params: CounterParams,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: { 200: VisitEnvelope },
      },
    },
    async (request: FastifyRequest<{ Params: { siteId: string; counterId: string }; Headers: { 'idempotency-key'?: string } }>, reply) => {
      const visit = await callNext({ ...base, actor: actorOf(request), siteRef: request.params.siteId, counterId: request.params.counterId, idempotencyKey: request.headers['idempotency-key'] });
      if (!visit) return reply.status(204).send();
      hooks.afterQueueMoved(visit.service_point_id);
      return { visit: toVisit(visit) };
    },
  );

  api.get(
    '/api/v1/sites/:siteId/wait-times',
    { config: { access: 'public' }, schema: { tags, operationId: 'getWaitTimes', summary: 'Live wait estimates per service at a site', params: SiteParams, response: { 200: WaitTimes } } },
    async (request) => getWaitTimes({ db, siteRef: request.params.siteId, now: deps.clock.now() }),
  );

  api.get(
    '/api/v1/sites/:siteId/board',
    { config: { access: 'public' }, schema: { tags, operationId: 'getLobbyBoard', summary: 'What the lobby display shows: tickets called and their counter', params: SiteParams, response: { 200: Board } } },
    async (request) => getBoardSnapshot({ db, siteRef: request.params.siteId, now: deps.clock.now() }),
  );

  api.get(
    '/api/v1/live/sites/:siteId/visits',
    { config: { access: 'public' }, schema: { tags, operationId: 'streamSiteVisits', summary: 'Server-sent events: a board snapshot, then each change at the site', params: SiteParams } },
    async (request, reply) => {
      const site = await getServicePoint({ db, ref: request.params.siteId });
      await streamTopic(request, reply, {
        bus: deps.database.bus,
        topic: VISITS_TOPIC,
        snapshot: () => getBoardSnapshot({ db, siteRef: site.id, now: deps.clock.now() }),
        // Only this site's changes, and only what a public screen may show (tickets, counters).
        map: (payload) => {
          const change = payload as { siteId?: string; change?: string; ticket?: string; counter?: string };
          return change.siteId === site.id ? { change: change.change, ticket: change.ticket, counter: change.counter } : undefined;
        },
      });
    },
  );

  api.get(
    '/api/v1/sites/:siteId/visit-metrics',
    { config: { access: OVERSIGHT }, schema: { tags, operationId: 'getVisitMetrics', summary: 'Live metrics of a site today: waiting, longest wait, counters, served, within target, abandonment', params: SiteParams } },
    async (request) => getSiteMetrics({ db, actor: actorOf(request), siteRef: request.params.siteId, now: deps.clock.now() }),
  );

  api.get(
    '/api/v1/visits/estimate-accuracy',
    { config: { access: OVERSIGHT }, schema: { tags, operationId: 'getWaitEstimateAccuracy', summary: 'Wait estimates given at join against the waits that happened', querystring: AccuracyQuery } },
    async (request) => {
      const days = request.query.days ?? 28;
      return getEstimateAccuracy({ db, actor: actorOf(request), ...(request.query.siteId ? { siteId: request.query.siteId } : {}), since: new Date(deps.clock.now().getTime() - days * 86_400_000) });
    },
  );

  api.post(
    '/api/v1/sites/:siteId/rollover',
    { config: { access: may('visits.manage') }, schema: { tags, operationId: 'rollOverSiteDay', summary: 'End earlier days at a site now (closes or carries over open tickets, per the site’s policy)', params: SiteParams } },
    async (request) => {
      const site = await getServicePoint({ db, ref: request.params.siteId });
      return rollOverSite({ ...base, actor: actorOf(request), siteId: site.id, timeZone: site.time_zone });
    },
  );
}
