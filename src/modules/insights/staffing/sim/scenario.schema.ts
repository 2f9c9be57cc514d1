/**
 * Scenario files (`guichet simulate --scenario file.json`, the "what if" page, the API): a contact
 * centre (lines, teams with skills and schedules, patience, callbacks) or a service centre
 * (walk-ins, triage, counters by service, appointments, a virtual queue). Every size is bounded so
 * a run always ends in reasonable time.
 */
import { Type, type Static } from 'typebox';

const Seconds = Type.Number({ minimum: 0, maximum: 86_400 });
const PositiveSeconds = Type.Number({ exclusiveMinimum: 0, maximum: 86_400 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const PerPeriod = (max: number) => Type.Array(Type.Number({ minimum: 0, maximum: max }), { minItems: 1, maxItems: 672 });

export const DistributionSchema = Type.Union([
  Type.Object({ kind: Type.Literal('exponential'), mean: PositiveSeconds }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('lognormal'), mean: PositiveSeconds, cv: Type.Number({ exclusiveMinimum: 0, maximum: 5 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('erlang'), mean: PositiveSeconds, phases: Type.Integer({ minimum: 1, maximum: 20 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('fixed'), mean: PositiveSeconds }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('uniform'), min: Seconds, max: PositiveSeconds }, { additionalProperties: false }),
]);

export const CallbackSchema = Type.Object(
  {
    offerAfterSeconds: Seconds,
    acceptShare: Share,
    reachShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    attemptSeconds: PositiveSeconds,
    retryAfterSeconds: PositiveSeconds,
    maxAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { additionalProperties: false },
);

const Common = {
  seed: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }),
  periodMinutes: Type.Number({ minimum: 5, maximum: 240 }),
  periods: Type.Integer({ minimum: 1, maximum: 672 }),
  serviceLevelSeconds: Seconds,
};

export const ContactCentreSchema = Type.Object(
  {
    kind: Type.Literal('contact-centre'),
    ...Common,
    lines: Type.Array(
      Type.Object(
        {
          name: Name,
          callsPerPeriod: PerPeriod(100_000),
          handle: DistributionSchema,
          patience: Type.Optional(Type.Union([DistributionSchema, Type.Null()])),
          callback: Type.Optional(Type.Union([CallbackSchema, Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    teams: Type.Array(
      Type.Object({ name: Name, skills: Type.Array(Name, { minItems: 1, maxItems: 20 }), agentsPerPeriod: PerPeriod(10_000) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type ContactCentreScenario = Static<typeof ContactCentreSchema>;

export const ServiceCentreSchema = Type.Object(
  {
    kind: Type.Literal('service-centre'),
    ...Common,
    walkInsPerPeriod: PerPeriod(100_000),
    triage: Type.Object({ handle: DistributionSchema, desksPerPeriod: PerPeriod(1_000) }, { additionalProperties: false }),
    virtualQueueShare: Type.Optional(Share),
    lobbyLeadMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 240 })),
    services: Type.Array(
      Type.Object(
        {
          name: Name,
          /** Share of walk-ins triaged to this service. */
          share: Share,
          handle: DistributionSchema,
          patience: Type.Optional(Type.Union([DistributionSchema, Type.Null()])),
          appointmentsPerPeriod: Type.Optional(PerPeriod(10_000)),
          noShowShare: Type.Optional(Share),
          punctualityMinutes: Type.Optional(Type.Number({ minimum: 0, maximum: 120 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    counters: Type.Array(
      Type.Object({ name: Name, services: Type.Array(Name, { minItems: 1, maxItems: 20 }), countersPerPeriod: PerPeriod(1_000) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type ServiceCentreScenario = Static<typeof ServiceCentreSchema>;

export const ScenarioSchema = Type.Union([ContactCentreSchema, ServiceCentreSchema]);
export type Scenario = ContactCentreScenario | ServiceCentreScenario;
