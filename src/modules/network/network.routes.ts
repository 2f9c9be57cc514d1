/** The network's JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import { NetworkSummary, ServicePoint, ServicePointList, ServicePointListQuery, ServicePointParams } from './network.schemas.js';
import { streamTopic } from '../../platform/http/sse.js';
import * as service from './network.service.js';

type Point = Awaited<ReturnType<typeof service.getServicePoint>>;

const toSummary = (p: Omit<Point, 'services' | 'hours'>) => ({
  id: p.id,
  externalId: p.external_id,
  code: p.code,
  type: p.type,
  nameEn: p.name_en,
  nameFr: p.name_fr,
  city: p.city,
  province: p.province_code,
  latitude: p.latitude,
  longitude: p.longitude,
  timeZone: p.time_zone,
  status: p.status,
  jurisdiction: p.jurisdiction,
});

export function registerNetworkRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;

  api.get(
    '/api/v1/network/summary',
    { config: { access: 'public' }, schema: { tags: ['network'], operationId: 'getNetworkSummary', summary: 'Service points counted by type and province', response: { 200: NetworkSummary } } },
    async () => service.getNetworkSummary({ db }),
  );

  api.get(
    '/api/v1/service-points',
    { config: { access: 'public' }, schema: { tags: ['network'], operationId: 'listServicePoints', summary: 'List service points', querystring: ServicePointListQuery, response: { 200: ServicePointList } } },
    async (request) => {
      const result = await service.listServicePoints({ db, ...request.query });
      return { items: result.items.map(toSummary), total: result.total, page: result.page, pageSize: result.pageSize };
    },
  );

  api.get(
    '/api/v1/service-points/:id',
    { config: { access: 'public' }, schema: { tags: ['network'], operationId: 'getServicePoint', summary: 'One service point, by id, external id or code', params: ServicePointParams, response: { 200: ServicePoint } } },
    async (request) => {
      const p = await service.getServicePoint({ db, ref: request.params.id });
      return {
        ...toSummary(p),
        addressLine: p.address_line,
        postalCode: p.postal_code,
        counters: p.counters,
        services: p.services.map((s) => ({ code: s.code, nameEn: s.name_en, nameFr: s.name_fr })),
        hours: p.hours,
      };
    },
  );

  // Live changes of the network (status changes, imports), from whichever process made them.
  api.get(
    '/api/v1/live/network',
    { config: { access: 'public' }, schema: { tags: ['network'], operationId: 'streamNetworkChanges', summary: 'Server-sent events: network changes, after a snapshot of the counts' } },
    async (request, reply) =>
      streamTopic(request, reply, { bus: deps.database.bus, topic: service.NETWORK_TOPIC, snapshot: () => service.getNetworkSummary({ db }) }),
  );
}
