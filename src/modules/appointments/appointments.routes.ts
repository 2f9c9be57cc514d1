/** The appointments JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/actor.js';
import { may } from '../../platform/auth/roles.js';
import { getServicePointFor } from '../network/index.js';
import { FRONT_DESK } from '../visits/index.js';
import { bookAppointment, cancelAppointment, listAvailableDays, listAvailableSlots } from './booking.service.js';
import { checkInAppointment, listRoster, replaceRoster } from './lifecycle.service.js';
import type { AppointmentHooks } from './index.js';

const ServiceCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });
const SiteParams = Type.Object({ siteId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }) });
const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) });
const SlotsQuery = Type.Object({ service: ServiceCode, date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false });
const BookBody = Type.Object(
  {
    service: ServiceCode,
    startsAt: Type.String({ maxLength: 40 }),
    language: Type.Optional(Type.Unsafe<'en' | 'fr'>({ type: 'string', enum: ['en', 'fr'] })),
    email: Type.String({ maxLength: 254 }),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);
const Slot = Type.Object({ startsAt: Type.String(), endsAt: Type.String(), time: Type.String(), remaining: Type.Integer() });

export function registerAppointmentRoutes(app: FastifyInstance, deps: ModuleDeps, hooks: AppointmentHooks): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = { db: deps.database.db, clock: deps.clock };
  const tags = ['appointments'];

  api.get(
    '/api/v1/sites/:siteId/appointment-slots',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'listAppointmentSlots',
        summary: 'Free appointment slots of a service: the days with room, or the times of one day',
        params: SiteParams,
        querystring: SlotsQuery,
        response: { 200: Type.Object({ service: Type.String(), days: Type.Optional(Type.Array(Type.Object({ date: Type.String(), free: Type.Integer() }))), date: Type.Optional(Type.String()), slots: Type.Optional(Type.Array(Slot)) }) },
      },
    },
    async (request) => {
      const { service, date } = request.query;
      if (!date) return { service, days: (await listAvailableDays({ ...base, siteRef: request.params.siteId, service })).days };
      const { slots } = await listAvailableSlots({ ...base, siteRef: request.params.siteId, service, date });
      return { service, date, slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), time: s.time, remaining: s.remaining })) };
    },
  );

  api.post(
    '/api/v1/sites/:siteId/appointments',
    {
      config: { access: 'public' },
      schema: {
        tags,
        operationId: 'bookAppointment',
        summary: 'Book an appointment; the confirmation goes by email with an iCalendar file',
        params: SiteParams,
        body: BookBody,
        response: { 201: Type.Object({ id: Type.String(), reference: Type.String(), startsAt: Type.String(), manageUrl: Type.String() }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const { appointment, site } = await bookAppointment({ ...base, actor: actorOf(request), siteRef: request.params.siteId, ...body, language: body.language ?? request.language });
      await hooks.notify('booked', appointment, site);
      return reply.status(201).send({ id: appointment.id, reference: appointment.reference, startsAt: appointment.starts_at.toISOString(), manageUrl: hooks.manageUrl(appointment.language, appointment.id) });
    },
  );

  api.post(
    '/api/v1/appointments/:id/cancel',
    {
      config: { access: 'public' },
      schema: { tags, operationId: 'cancelAppointment', summary: 'Cancel an appointment with the signature of its link', params: IdParams, body: Type.Object({ signature: Type.String({ maxLength: 64 }) }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      if (!hooks.verify(request.params.id, request.body.signature)) throw new AppError('appointments.not_found', 404);
      const { appointment, site } = await cancelAppointment({ ...base, actor: actorOf(request), id: request.params.id });
      await hooks.notify('cancelled', appointment, site);
      return reply.status(204).send();
    },
  );

  api.post(
    '/api/v1/appointments/check-in',
    {
      config: { access: FRONT_DESK },
      schema: {
        tags,
        operationId: 'checkInAppointment',
        summary: 'Check an appointment holder in by booking reference: they join the queue, called when due',
        body: Type.Object({ reference: Type.String({ minLength: 3, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ visitId: Type.String(), ticket: Type.String(), position: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const { visit, position } = await checkInAppointment({ ...base, actor: actorOf(request), reference: request.body.reference });
      return reply.status(201).send({ visitId: visit.id, ticket: visit.ticket, position });
    },
  );

  const RosterWindow = Type.Object(
    {
      weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
      startsAt: Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'local time at the site, HH:MM' }),
      endsAt: Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'local time at the site, HH:MM (24:00 for midnight)' }),
      staff: Type.Integer({ minimum: 1, maximum: 500 }),
    },
    { additionalProperties: false },
  );
  const Roster = Type.Object({ windows: Type.Array(RosterWindow, { maxItems: 200 }) }, { additionalProperties: false });

  api.get(
    '/api/v1/sites/:siteId/appointment-roster',
    {
      config: { access: 'staff' },
      schema: { tags, operationId: 'getAppointmentRoster', summary: 'The weekly roster of staff serving appointments at a site', params: SiteParams, response: { 200: Roster } },
    },
    async (request) => {
      const site = await getServicePointFor({ db: base.db, actor: actorOf(request), ref: request.params.siteId });
      return { windows: await listRoster({ db: base.db, siteId: site.id }) };
    },
  );

  api.put(
    '/api/v1/sites/:siteId/appointment-roster',
    {
      config: { access: may('network.manage') },
      schema: {
        tags,
        operationId: 'replaceAppointmentRoster',
        summary: 'Replace the weekly roster: each slot holds at most the smaller of the counters set aside and the staff rostered for the whole slot',
        params: SiteParams,
        body: Roster,
        response: { 200: Roster },
      },
    },
    async (request) => {
      const site = await getServicePointFor({ db: base.db, actor: actorOf(request), ref: request.params.siteId });
      return { windows: await replaceRoster({ db: base.db, actor: actorOf(request), siteId: site.id, windows: request.body.windows }) };
    },
  );
}
