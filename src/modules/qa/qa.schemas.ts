/** Wire schemas of the QA API; each schema and its type share one name. */
import { Type, type Static } from 'typebox';
import { QA_FINDING_TYPES, QA_OBSERVATION_MODES, QA_RESULTS, QA_SEVERITIES } from '../../platform/db/tables.qa.js';
import { RATE_DIMENSIONS } from './rates.repo.js';

const StringEnum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });
const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' });
const Quarter = Type.String({ pattern: '^[0-9]{4}-Q[1-4]$', description: 'A fiscal quarter: `2026-Q3` is the third quarter of fiscal year 2026–27 (1 October – 31 December 2026, Ottawa time); fiscal years run 1 April – 31 March and are named by the year they begin.' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const SampleParams = Type.Object({ sampleId: Uuid });
export const ProgrammeParams = Type.Object({ programme: Code });
export const ReviewParams = Type.Object({ reviewId: Uuid });
export const AgentParams = Type.Object({ agentId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' }) });

export const SamplesQuery = Type.Object({
  programme: Type.Optional(Code),
  quarter: Type.Optional(Quarter),
  status: Type.Optional(StringEnum(['pending', 'reviewed', 'all'] as const)),
});
export type SamplesQuery = Static<typeof SamplesQuery>;

export const Sample = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  applicationNumber: Type.String(),
  programme: Type.String(),
  type: Type.String(),
  stage: Type.String(),
  siteId: Nullable(Type.String()),
  siteCode: Nullable(Type.String()),
  agentId: Nullable(Type.String()),
  reachedAt: Type.String({ format: 'date-time' }),
  quarter: Type.String(),
  rate: Type.Number(),
  keyVersion: Type.Integer(),
  status: StringEnum(['pending', 'reviewed'] as const),
  inError: Nullable(Type.Boolean()),
});

export const SampleList = Type.Object({
  items: Type.Array(Sample),
  counts: Type.Array(Type.Object({ programme: Type.String(), quarter: Type.String(), considered: Type.Integer(), drawn: Type.Integer(), reviewed: Type.Integer() })),
});

const ItemResult = Type.Object({ code: Code, result: StringEnum(QA_RESULTS) }, { additionalProperties: false });
const Finding = Type.Object(
  { itemCode: Type.Optional(Code), type: StringEnum(QA_FINDING_TYPES), severity: StringEnum(QA_SEVERITIES), description: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    items: Type.Array(ItemResult, { maxItems: 60 }),
    findings: Type.Array(Finding, { maxItems: 30 }),
    comments: Type.Optional(Type.String({ maxLength: 4000 })),
    feedback: Type.Optional(Type.String({ maxLength: 4000, description: 'What the agent who did the work will read.' })),
  },
  { additionalProperties: false },
);
export type ReviewBody = Static<typeof ReviewBody>;

export const ReviewResult = Type.Object({ reviewId: Type.String(), inError: Type.Boolean(), feedbackSent: Type.Boolean() });

export const VerifyBody = Type.Object(
  {
    programme: Code,
    quarter: Quarter,
    keys: Type.Optional(Type.Array(Type.Object({ version: Type.Integer({ minimum: 1 }), secret: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }, { additionalProperties: false }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type VerifyBody = Static<typeof VerifyBody>;

export const RotateKeyBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }), activateAt: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false });

export const ErrorRatesQuery = Type.Object({
  by: Type.Optional(StringEnum(RATE_DIMENSIONS)),
  programme: Type.Optional(Code),
  from: Type.Optional(Quarter),
  to: Type.Optional(Quarter),
});

export const PlanBody = Type.Object({ stage: Code, active: Type.Boolean() }, { additionalProperties: false });
export const RateBody = Type.Object({ fromQuarter: Quarter, rate: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false });
export const ChecklistItemBody = Type.Object(
  { code: Code, labelEn: Type.String({ minLength: 1, maxLength: 300 }), labelFr: Type.String({ minLength: 1, maxLength: 300 }), sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const TeamBody = Type.Object({ team: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

export const ObservationBody = Type.Object(
  {
    site: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Service point id or code; may be left out when a visit is given.' })),
    visitId: Type.Optional(Uuid),
    mode: StringEnum(QA_OBSERVATION_MODES),
    items: Type.Array(ItemResult, { maxItems: 30 }),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type ObservationBody = Static<typeof ObservationBody>;
export const ObservationsQuery = Type.Object({ site: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$' })) });
