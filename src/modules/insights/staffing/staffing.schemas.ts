/** Wire schemas of the staffing API; the bounds repeat the domain's so bad input is a 400 per field. */
import { Type, type Static } from 'typebox';
import { LIMITS } from './erlang.js';
import { ScenarioSchema } from './sim/scenario.schema.js';

const Rate = Type.Number({ minimum: 0, maximum: LIMITS.maxArrivalsPerHour, description: 'Calls per hour' });
const Aht = Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxSeconds, description: 'Average handle time, seconds' });
const Seconds = Type.Number({ minimum: 0, maximum: LIMITS.maxSeconds });
const Agents = Type.Integer({ minimum: 1, maximum: LIMITS.maxAgents });
const Share = Type.Number({ minimum: 0, maximum: 1 });

export const ErlangCQuery = Type.Object({ arrivalsPerHour: Rate, ahtSeconds: Aht, agents: Agents, targetSeconds: Seconds }, { additionalProperties: false });
export type ErlangCQuery = Static<typeof ErlangCQuery>;
export const ErlangCAnswer = Type.Object({
  probabilityOfWaiting: Type.Number(),
  serviceLevel: Type.Number(),
  averageSpeedOfAnswerSeconds: Type.Number(),
  occupancy: Type.Number(),
});

export const ErlangAQuery = Type.Object(
  { arrivalsPerHour: Rate, ahtSeconds: Aht, agents: Agents, patienceSeconds: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxSeconds }), targetSeconds: Seconds },
  { additionalProperties: false },
);
export type ErlangAQuery = Static<typeof ErlangAQuery>;
export const ErlangAAnswer = Type.Object({ probabilityOfWaiting: Type.Number(), probabilityOfAbandoning: Type.Number(), serviceLevel: Type.Number() });

export const ErlangBQuery = Type.Object(
  { trafficErlangs: Type.Number({ minimum: 0, maximum: LIMITS.maxTraffic }), servers: Type.Integer({ minimum: 0, maximum: LIMITS.maxAgents }) },
  { additionalProperties: false },
);
export type ErlangBQuery = Static<typeof ErlangBQuery>;
export const ErlangBAnswer = Type.Object({ blockingProbability: Type.Number() });

export const AgentsNeededQuery = Type.Object(
  {
    arrivalsPerHour: Rate,
    ahtSeconds: Aht,
    targetServiceLevel: Share,
    targetSeconds: Seconds,
    shrinkage: Type.Optional(Type.Number({ minimum: 0, maximum: 0.95 })),
    maxOccupancy: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    /** Optional average-speed-of-answer target, met as well (targetServiceLevel=0 for an ASA target alone). */
    targetAsaSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.maxSeconds })),
  },
  { additionalProperties: false },
);
export type AgentsNeededQuery = Static<typeof AgentsNeededQuery>;
export const AgentsNeededAnswer = Type.Object({ agents: Type.Integer(), serviceLevel: Type.Number(), occupancy: Type.Number() });

export const SimulationBody = Type.Object(
  {
    scenarios: Type.Array(ScenarioSchema, { minItems: 1, maxItems: 2 }),
    labels: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 2 })),
  },
  { additionalProperties: false },
);
export type SimulationBody = Static<typeof SimulationBody>;
export const RunParams = Type.Object({ runId: Type.String({ format: 'uuid' }) });
export const RunAnswer = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  progress: Type.Number(),
  labels: Type.Array(Type.String()),
  results: Type.Union([Type.Array(Type.Unknown()), Type.Null()]),
});
