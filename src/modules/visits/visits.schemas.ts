/** Wire schemas of the visits API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';
import { VISIT_CHANNELS, VISIT_DESTINATIONS, VISIT_STATES } from '../../platform/db/tables.js';
import { OUTCOMES, VISIT_NEEDS } from './visits.service.js';

const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const ServiceCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });
const Language = StringEnum(['en', 'fr'] as const);

export const SiteParams = Type.Object({ siteId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }) });
export type SiteParams = Static<typeof SiteParams>;
export const CounterParams = Type.Object({ siteId: SiteParams.properties.siteId, counterId: Uuid });
export const CounterOnlyParams = Type.Object({ counterId: Uuid });
export const VisitParams = Type.Object({ id: Uuid });
export const TicketParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

const Contact = Type.Object(
  { email: Type.Optional(Type.String({ maxLength: 254 })), phone: Type.Optional(Type.String({ maxLength: 30 })) },
  { additionalProperties: false },
);

export const CheckInBody = Type.Object(
  {
    service: ServiceCode,
    channel: StringEnum(VISIT_CHANNELS),
    needs: Type.Optional(Type.Array(StringEnum(VISIT_NEEDS), { maxItems: 10 })),
    destination: Type.Optional(StringEnum(VISIT_DESTINATIONS)),
    language: Type.Optional(Language),
    contact: Type.Optional(Contact),
  },
  { additionalProperties: false },
);
export type CheckInBody = Static<typeof CheckInBody>;

export const RemoteJoinBody = Type.Object({ service: ServiceCode, language: Type.Optional(Language), contact: Type.Optional(Contact) }, { additionalProperties: false });
export type RemoteJoinBody = Static<typeof RemoteJoinBody>;

export const WaitRange = Type.Object({ minMinutes: Type.Integer(), maxMinutes: Type.Integer() });

export const CheckInResult = Type.Object({ id: Type.String(), ticket: Type.String(), position: Type.Integer(), estimatedWait: WaitRange, ticketUrl: Type.Optional(Type.String()) });

export const Visit = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  ticket: Type.String(),
  service: Type.String(),
  channel: StringEnum(VISIT_CHANNELS),
  language: Language,
  needs: Type.Array(Type.String()),
  destination: StringEnum(VISIT_DESTINATIONS),
  priority: Type.Boolean(),
  state: StringEnum(VISIT_STATES),
  arrivedAt: Type.String(),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
  runningLate: Type.Boolean(),
  counterId: Type.Union([Type.String(), Type.Null()]),
  calledAt: Type.Union([Type.String(), Type.Null()]),
  callCount: Type.Integer(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
});
export const VisitEnvelope = Type.Object({ visit: Visit });

export const TransitionBody = Type.Object(
  {
    outcome: Type.Optional(StringEnum(OUTCOMES)),
    toService: Type.Optional(ServiceCode),
    toCounterId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;
export const TRANSITION_ACTIONS = ['recall', 'no-show', 'hold', 'resume', 'transfer', 'complete', 'check-in'] as const;
export const TransitionParams = Type.Object({ id: Uuid, action: StringEnum(TRANSITION_ACTIONS) });

export const OpenCounterBody = Type.Object({ name: Type.String({ maxLength: 100 }), services: Type.Array(ServiceCode, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false });
export type OpenCounterBody = Static<typeof OpenCounterBody>;

export const Counter = Type.Object({
  id: Type.String(),
  name: Type.String(),
  services: Type.Array(Type.String()),
  openedAt: Type.String(),
  current: Type.Union([Type.Object({ id: Type.String(), ticket: Type.String() }), Type.Null()]),
});
export const CounterList = Type.Object({ items: Type.Array(Counter) });

export const WaitTimes = Type.Object({
  siteId: Type.String(),
  code: Type.String(),
  isOpen: Type.Boolean(),
  isHoliday: Type.Boolean(),
  services: Type.Array(Type.Object({ service: Type.String(), waiting: Type.Integer(), countersOpen: Type.Integer(), estimatedWait: WaitRange })),
  updatedAt: Type.String(),
});

export const Board = Type.Object({
  siteId: Type.String(),
  code: Type.String(),
  nameEn: Type.String(),
  nameFr: Type.String(),
  called: Type.Array(Type.Object({ ticket: Type.String(), counter: Type.String(), calledAt: Type.String(), calls: Type.Integer(), serving: Type.Boolean() })),
  waiting: Type.Integer(),
  updatedAt: Type.String(),
});

export const Ticket = Type.Object({
  ticket: Type.String(),
  state: StringEnum(VISIT_STATES),
  service: Type.String(),
  position: Type.Union([Type.Integer(), Type.Null()]),
  estimatedWait: Type.Union([WaitRange, Type.Null()]),
  checkedIn: Type.Boolean(),
  counter: Type.Union([Type.String(), Type.Null()]),
});

export const AccuracyQuery = Type.Object({ siteId: Type.Optional(Uuid), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 28 })) }, { additionalProperties: false });
