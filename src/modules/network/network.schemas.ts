/** Wire schemas of the network API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';
import { JURISDICTIONS, SERVICE_POINT_STATUSES, SERVICE_POINT_TYPES } from '../../platform/db/tables.js';

/** A string enum as plain JSON Schema (`enum`), which OpenAPI readers show best. */
const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const ServicePointType = StringEnum(SERVICE_POINT_TYPES);
const ServiceCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });
const ProvinceCode = Type.String({ pattern: '^[A-Z]{2}$' });

export const ServicePointListQuery = Type.Object(
  {
    province: Type.Optional(ProvinceCode),
    type: Type.Optional(ServicePointType),
    service: Type.Optional(ServiceCode),
    status: Type.Optional(StringEnum(SERVICE_POINT_STATUSES)),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ServicePointListQuery = Static<typeof ServicePointListQuery>;

export const ServicePointParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }) });
export type ServicePointParams = Static<typeof ServicePointParams>;

export const ServicePointSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  externalId: Type.String(),
  code: Type.String(),
  type: ServicePointType,
  nameEn: Type.String(),
  nameFr: Type.String(),
  city: Type.String(),
  province: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  timeZone: Type.String(),
  status: StringEnum(SERVICE_POINT_STATUSES),
  jurisdiction: StringEnum(JURISDICTIONS),
});
export type ServicePointSummary = Static<typeof ServicePointSummary>;

export const ServicePointList = Type.Object({
  items: Type.Array(ServicePointSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type ServicePointList = Static<typeof ServicePointList>;

export const ServicePoint = Type.Evaluate(
  Type.Intersect([
    ServicePointSummary,
    Type.Object({
      addressLine: Type.String(),
      postalCode: Type.Union([Type.String(), Type.Null()]),
      counters: Type.Integer(),
      services: Type.Array(Type.Object({ code: Type.String(), nameEn: Type.String(), nameFr: Type.String() })),
      hours: Type.Array(Type.Object({ weekday: Type.Integer(), opensAt: Type.String(), closesAt: Type.String() })),
    }),
  ]),
);
export type ServicePoint = Static<typeof ServicePoint>;

export const NetworkSummary = Type.Object({
  total: Type.Integer(),
  byType: Type.Record(Type.String(), Type.Integer()),
  byProvince: Type.Array(Type.Object({ code: Type.String(), nameEn: Type.String(), nameFr: Type.String(), count: Type.Integer() })),
});
export type NetworkSummary = Static<typeof NetworkSummary>;

export const NearestQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    service: Type.Optional(ServiceCode),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
    maxKm: Type.Optional(Type.Number({ minimum: 0, maximum: 5000 })),
  },
  { additionalProperties: false },
);
export type NearestQuery = Static<typeof NearestQuery>;

export const NearestResult = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      externalId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      nameFr: Type.String(),
      type: ServicePointType,
      city: Type.String(),
      province: Type.String(),
      latitude: Type.Number(),
      longitude: Type.Number(),
      status: StringEnum(SERVICE_POINT_STATUSES),
      distanceKm: Type.Number(),
    }),
  ),
});
export type NearestResult = Static<typeof NearestResult>;
