/** Wire schemas of the network API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';
import { SERVICE_POINT_STATUSES, SERVICE_POINT_TYPES } from '../../platform/db/tables.js';

/** A string enum as plain JSON Schema (`enum`), which OpenAPI readers show best. */
const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const ServicePointType = StringEnum(SERVICE_POINT_TYPES);

export const SiteListQuery = Type.Object(
  {
    province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    type: Type.Optional(ServicePointType),
    service: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type SiteListQuery = Static<typeof SiteListQuery>;

export const SiteParams = Type.Object({ siteId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }) });
export type SiteParams = Static<typeof SiteParams>;

export const SiteSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
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
});
export type SiteSummary = Static<typeof SiteSummary>;

export const SiteList = Type.Object({
  items: Type.Array(SiteSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type SiteList = Static<typeof SiteList>;

export const Site = Type.Evaluate(Type.Intersect([
  SiteSummary,
  Type.Object({
    addressLine: Type.String(),
    postalCode: Type.Union([Type.String(), Type.Null()]),
    counters: Type.Integer(),
    services: Type.Array(Type.Object({ code: Type.String(), nameEn: Type.String(), nameFr: Type.String() })),
    hours: Type.Array(Type.Object({ weekday: Type.Integer(), opensAt: Type.String(), closesAt: Type.String() })),
  }),
]));
export type Site = Static<typeof Site>;

export const NetworkSummary = Type.Object({
  total: Type.Integer(),
  byType: Type.Record(Type.String(), Type.Integer()),
  byProvince: Type.Array(Type.Object({ code: Type.String(), nameEn: Type.String(), nameFr: Type.String(), count: Type.Integer() })),
});
export type NetworkSummary = Static<typeof NetworkSummary>;
