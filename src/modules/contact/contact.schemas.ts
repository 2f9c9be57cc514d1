/** Wire schemas of the contact centre API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';
import { AGENT_STATES } from '../../platform/db/tables.contact.js';
import { CHOICES } from './calls.service.js';
import { OUTCOME_CODES } from './agent-work.service.js';

const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Language = StringEnum(['en', 'fr'] as const);
const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const LineParams = Type.Object({ lineId: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }) });
export const AgentParams = Type.Object({ agentId: Uuid });
export const CallParams = Type.Object({ callId: Uuid });
export const CallbackParams = Type.Object({ id: Uuid });

const Opening = Type.Object({ weekday: Type.Integer({ minimum: 1, maximum: 7 }), opens: Time, closes: Time }, { additionalProperties: false });

export const NewLineBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40 }),
    nameEn: Type.String({ minLength: 1, maxLength: 120 }),
    nameFr: Type.String({ minLength: 1, maxLength: 120 }),
    hours: Type.Optional(Type.Array(Opening, { maxItems: 21 })),
    timeZone: Type.Optional(Type.String({ maxLength: 60 })),
    languages: Type.Optional(Type.Array(Language, { minItems: 1, maxItems: 2 })),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
    inquiryDueDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
    province: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);
export type NewLineBody = Static<typeof NewLineBody>;

export const Line = Type.Object({
  id: Type.String(),
  code: Type.String(),
  nameEn: Type.String(),
  nameFr: Type.String(),
  timeZone: Type.String(),
  hours: Type.Union([Type.Array(Opening), Type.Null()]),
  languages: Type.Array(Type.String()),
  priority: Type.Integer(),
  inquiryDueDays: Type.Integer(),
});
export const LineList = Type.Object({ items: Type.Array(Line) });
export const Created = Type.Object({ id: Type.String() });

/** A staff account (by id or email) becomes an agent on its assigned lines, answering in these languages. */
export const NewAgentBody = Type.Object(
  { staffUserId: Type.Optional(Uuid), email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })), languages: Type.Array(Language, { minItems: 1, maxItems: 2 }) },
  { additionalProperties: false },
);
export const AgentProfileView = Type.Object({ id: Type.String(), staffUserId: Type.Union([Type.String(), Type.Null()]), name: Type.String(), state: Type.String(), languages: Type.Array(Type.String()), lines: Type.Array(Type.String()), currentCallId: Type.Union([Type.String(), Type.Null()]) });
export const AgentStateBody = Type.Object({ state: StringEnum(AGENT_STATES) }, { additionalProperties: false });
export const AgentView = Type.Object({ id: Type.String(), name: Type.String(), state: Type.String(), stateSince: Type.String(), currentCallId: Type.Union([Type.String(), Type.Null()]) });

export const ArrivalBody = Type.Object({ from: Type.String({ minLength: 1, maxLength: 30 }), language: Type.Optional(Language) }, { additionalProperties: false });
export const ArrivalResult = Type.Object({ callId: Type.String(), estimatedWaitSeconds: Type.Integer(), options: Type.Array(StringEnum(CHOICES)) });

export const ChoiceBody = Type.Object(
  {
    choice: StringEnum(CHOICES),
    callbackNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    windowStart: Type.Optional(Type.String({ format: 'date-time' })),
    windowEnd: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const CallView = Type.Object({
  id: Type.String(),
  lineId: Type.String(),
  kind: Type.String(),
  state: Type.String(),
  language: Type.String(),
  arrivedAt: Type.String(),
  enqueuedAt: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  agentId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
});
export const CallEnvelope = Type.Object({ call: CallView });

export const NextResult = Type.Object({ kind: StringEnum(['call', 'callback'] as const), callId: Type.String(), enqueuedAt: Type.String() });
export const CallbackResultBody = Type.Object({ answered: Type.Boolean() }, { additionalProperties: false });
export const CompleteBody = Type.Object({ outcome: StringEnum(OUTCOME_CODES), resolved: Type.Boolean() }, { additionalProperties: false });
export const TransferBody = Type.Object({ lineId: LineParams.properties.lineId }, { additionalProperties: false });

export const StatusCheckBody = Type.Object(
  { applicationNumber: Type.String({ minLength: 1, maxLength: 40 }), dateOfBirth: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) },
  { additionalProperties: false },
);

export const WaitTimes = Type.Object({
  items: Type.Array(
    Type.Object({
      lineId: Type.String(),
      code: Type.String(),
      name: Type.String(),
      open: Type.Boolean(),
      alwaysOpen: Type.Boolean(),
      hours: Type.Array(Opening),
      timeZone: Type.String(),
      inQueue: Type.Integer(),
      estimatedWaitSeconds: Type.Union([Type.Integer(), Type.Null()]),
      announcement: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const AccuracyQuery = Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })), lineId: Type.Optional(Uuid) }, { additionalProperties: false });
