/** The insights module's staffing: Erlang formulas, the simulator and the "what if" pages; registered by `../index.ts`. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { SimulationRuns } from './runs.js';
import { registerStaffingRoutes } from './staffing.routes.js';
import { registerWhatIfPages } from './ui/what-if.js';

export { agentsNeeded, erlangA, erlangB, erlangC, erlangCProbability, type AgentsNeededInput, type AgentsNeededResult, type ErlangCInput, type ErlangCResult } from './erlang.js';
export { simulate } from './sim/engine.js';
export { mmcModel } from './sim/mmc.js';
export { WHAT_IF_PAGES } from './ui/what-if.js';
export { registerSimulateCommand } from './cli.js';

export function registerStaffing(app: FastifyInstance, deps: ModuleDeps): void {
  const runs = new SimulationRuns();
  registerStaffingRoutes(app, runs);
  registerWhatIfPages(app, deps, runs);
  app.addHook('onClose', async () => runs.close());
}
