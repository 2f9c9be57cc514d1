/** Wire schemas of the cases API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';

const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });
const Day = Type.String({ maxLength: 10 });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const NumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9]+$' }) });
export type NumberParams = Static<typeof NumberParams>;
export const RequestParams = Type.Object({ number: NumberParams.properties.number, requestId: Uuid });
export const InquiryParams = Type.Object({ inquiryId: Uuid });

/** Deliberately loose: a malformed look-up must get the same 404 as a miss, never a 400. */
const Loose = (description: string) => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description }));
export const StatusLookup = Type.Object({ applicationNumber: Loose('The application number, e.g. P123456789'), dateOfBirth: Loose('The applicant’s date of birth, YYYY-MM-DD') });

export const ClientView = Type.Object({
  applicationNumber: Type.String(),
  type: Bilingual,
  programme: Type.String(),
  channel: Type.String(),
  state: Type.String(),
  stage: Type.Object({ code: Type.String(), name: Bilingual }),
  receivedOn: Day,
  expectedBy: Day,
  late: Type.Boolean(),
  journey: Type.Array(Type.Object({ code: Type.String(), name: Bilingual, status: Type.String() })),
  needed: Type.Array(Type.Object({ kind: Type.String(), note: Type.String(), dueDay: Day })),
  history: Type.Array(Type.Object({ at: Type.String(), type: Type.String(), stage: Type.Union([Bilingual, Type.Null()]), details: Type.Record(Type.String(), Type.Unknown()) })),
  decision: Type.Union([Type.Object({ outcome: Type.String(), note: Type.String(), decidedOn: Day }), Type.Null()]),
});

export const ApplicationTypeList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      programme: Type.String(),
      name: Bilingual,
      channels: Type.Array(Type.Object({ channel: Type.String(), standardBusinessDays: Type.Integer(), targetPercent: Type.Integer() })),
      stages: Type.Array(Type.Object({ code: Type.String(), name: Bilingual, expectedBusinessDays: Type.Integer(), channel: NullableString, completes: Type.Boolean(), next: Type.Array(Type.String()) })),
    }),
  ),
});

export const IntakeBody = Type.Object(
  {
    type: Type.String({ maxLength: 40 }),
    channel: Type.String({ maxLength: 20 }),
    siteId: Type.Optional(Type.String({ maxLength: 100 })),
    language: Type.Optional(Type.String({ maxLength: 5 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    applicant: Type.Object(
      { surname: Type.String({ maxLength: 200 }), givenNames: Type.String({ maxLength: 200 }), dateOfBirth: Type.String({ maxLength: 20 }) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type IntakeBody = Static<typeof IntakeBody>;

export const IntakeResult = Type.Object({ id: Type.String(), applicationNumber: Type.String(), expectedBy: Day, stage: Type.String() });

export const TransitionBody = Type.Object({ to: Type.String({ maxLength: 40 }), reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
export const DocumentRequestBody = Type.Object(
  { kind: Type.String({ maxLength: 40 }), note: Type.Optional(Type.String({ maxLength: 1000 })), dueDay: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object({ outcome: Type.String({ maxLength: 20 }), note: Type.String({ maxLength: 4000 }) }, { additionalProperties: false });
export const AssignmentBody = Type.Object(
  { siteId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])), agentId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])) },
  { additionalProperties: false },
);
export const ConsentBody = Type.Object({ officeId: Type.String({ maxLength: 100 }), expiresOn: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export const InquiryBody = Type.Object(
  { applicationNumber: Type.String({ maxLength: 20 }), urgent: Type.Optional(Type.Boolean()), question: Type.String({ maxLength: 4000 }) },
  { additionalProperties: false },
);
export const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 4000 }) }, { additionalProperties: false });

export const ApplicationSummary = Type.Object({
  id: Type.String(),
  applicationNumber: Type.String(),
  type: Type.String(),
  programme: Type.String(),
  channel: Type.String(),
  stage: Type.String(),
  state: Type.String(),
  surname: Type.String(),
  givenNames: Type.String(),
  receivedAt: Type.String(),
  expectedBy: Day,
  band: Type.String(),
  siteId: NullableString,
  assignedSiteId: NullableString,
  assignedAgentId: NullableString,
  decision: NullableString,
});

export const InventoryQuery = Type.Object({
  programme: Type.Optional(Type.String({ maxLength: 40 })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  siteId: Type.Optional(Uuid),
  agentId: Type.Optional(Uuid),
  band: Type.Optional(Type.Unsafe<'within' | 'at_risk' | 'overdue'>({ type: 'string', enum: ['within', 'at_risk', 'overdue'] })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});
export type InventoryQuery = Static<typeof InventoryQuery>;

export const Inventory = Type.Object({
  items: Type.Array(ApplicationSummary),
  total: Type.Integer(),
  counts: Type.Object({ within: Type.Integer(), at_risk: Type.Integer(), overdue: Type.Integer() }),
});
