/** "Nearest point offering service S": a query on the in-memory spatial index of serving sites. */
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import { isServing, type PointCache } from './point-cache.js';

export async function findNearestServicePoints(options: {
  db: Db;
  cache: PointCache;
  latitude: number;
  longitude: number;
  service?: string | undefined;
  limit?: number | undefined;
  maxKm?: number | undefined;
}) {
  const service = options.service;
  if (service && !(await repo.listServices(options.db)).some((s) => s.code === service)) {
    throw new AppError('common.invalid_input', 400, {}, { service: 'network.unknown_service' });
  }
  const { index } = await options.cache.get();
  const neighbours = index.nearest({
    latitude: options.latitude,
    longitude: options.longitude,
    limit: options.limit ?? 10,
    maxKm: options.maxKm,
    filter: (point) => isServing(point) && (!service || point.services.has(service)),
  });
  return neighbours.map(({ point, distanceKm }) => ({ point, distanceKm: Math.round(distanceKm * 100) / 100 }));
}
