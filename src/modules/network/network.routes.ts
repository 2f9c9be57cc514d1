/** The network's JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ModuleDeps } from '../../platform/deps.js';
import { NearestQuery, NearestResult, NetworkSummary, ServicePoint, ServicePointList, ServicePointListQuery, ServicePointParams } from './network.schemas.js';
import type { PointCache } from './point-cache.js';
import { findNearestServicePoints } from './search.service.js';
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

export function registerNetworkRoutes(app: FastifyInstance, deps: ModuleDeps, cache: PointCache): void {
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
    '/api/v1/service-points/nearest',
    {
      config: { access: 'public' },
      schema: { tags: ['network'], operationId: 'findNearestServicePoints', summary: 'Serving sites nearest a position, optionally offering one service', querystring: NearestQuery, response: { 200: NearestResult } },
    },
    async (request) => {
      const { lat, lon, service, limit, maxKm } = request.query;
      const found = await findNearestServicePoints({ db, cache, latitude: lat, longitude: lon, service, limit, maxKm });
      return {
        items: found.map(({ point, distanceKm }) => ({
          id: point.id,
          externalId: point.externalId,
          code: point.code,
          name: request.language === 'fr' ? point.nameFr : point.nameEn,
          nameEn: point.nameEn,
          nameFr: point.nameFr,
          type: point.type,
          city: point.city,
          province: point.provinceCode,
          latitude: point.latitude,
          longitude: point.longitude,
          status: point.status,
          distanceKm,
        })),
      };
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
