/**
 * The staffing API: Erlang B, C and A, agents needed (public: pure formulas on the numbers given,
 * nothing stored, nothing personal), and simulation runs (analysts, supervisors, administrators).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { may } from '../../../platform/auth/roles.js';
import { agentsNeeded, erlangA, erlangB, erlangC } from './erlang.js';
import type { SimulationRun, SimulationRuns } from './runs.js';
import { parseScenario } from './sim/scenario.js';
import {
  AgentsNeededAnswer,
  AgentsNeededQuery,
  ErlangAAnswer,
  ErlangAQuery,
  ErlangBAnswer,
  ErlangBQuery,
  ErlangCAnswer,
  ErlangCQuery,
  RunAnswer,
  RunParams,
  SimulationBody,
} from './staffing.schemas.js';

export const PLANNERS = may('insights.view');

export const runView = (run: SimulationRun) => ({ id: run.id, status: run.status, progress: run.progress, labels: run.labels, results: run.results });

export function registerStaffingRoutes(app: FastifyInstance, runs: SimulationRuns): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['staffing'];

  api.get(
    '/api/v1/staffing/erlang-c',
    { config: { access: 'public' }, schema: { tags, operationId: 'erlangC', summary: 'Erlang C: probability of waiting, service level, average speed of answer, occupancy', querystring: ErlangCQuery, response: { 200: ErlangCAnswer } } },
    async (request) => erlangC(request.query),
  );

  api.get(
    '/api/v1/staffing/erlang-a',
    { config: { access: 'public' }, schema: { tags, operationId: 'erlangA', summary: 'Erlang A (abandonment with exponential patience)', querystring: ErlangAQuery, response: { 200: ErlangAAnswer } } },
    async (request) => {
      const { probabilityOfWaiting, probabilityOfAbandoning, serviceLevel } = erlangA(request.query);
      return { probabilityOfWaiting, probabilityOfAbandoning, serviceLevel };
    },
  );

  api.get(
    '/api/v1/staffing/erlang-b',
    { config: { access: 'public' }, schema: { tags, operationId: 'erlangB', summary: 'Erlang B blocking probability', querystring: ErlangBQuery, response: { 200: ErlangBAnswer } } },
    async (request) => ({ blockingProbability: erlangB(request.query.trafficErlangs, request.query.servers) }),
  );

  api.get(
    '/api/v1/staffing/agents-needed',
    { config: { access: 'public' }, schema: { tags, operationId: 'agentsNeeded', summary: 'Agents to schedule for a service-level target, with shrinkage and a maximum occupancy', querystring: AgentsNeededQuery, response: { 200: AgentsNeededAnswer } } },
    async (request) => agentsNeeded(request.query),
  );

  api.post(
    '/api/v1/simulations',
    { config: { access: PLANNERS }, schema: { tags, operationId: 'startSimulation', summary: 'Run one or two scenarios in the simulator (off the request path)', body: SimulationBody, response: { 202: RunAnswer } } },
    async (request, reply) => {
      const scenarios = request.body.scenarios.map(parseScenario);
      const run = runs.start({ owner: request.principal?.id ?? null, labels: request.body.labels ?? scenarios.map((_, i) => String.fromCharCode(65 + i)), scenarios });
      return reply.status(202).send(runView(run));
    },
  );

  api.get(
    '/api/v1/simulations/:runId',
    { config: { access: PLANNERS }, schema: { tags, operationId: 'getSimulation', summary: 'A simulation run: progress, then results', params: RunParams, response: { 200: RunAnswer } } },
    async (request) => runView(runs.get(request.params.runId)),
  );
}
