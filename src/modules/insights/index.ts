/** Public API of the insights module: dashboards and forecasts, staffing and simulation. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';

// The formulas, the simulator and its command are light; the pages load when the server registers
// them, so that a command line using the simulator does not load the web application.
export { agentsNeeded, erlangC, erlangCProbability } from './staffing/erlang.js';
export { simulate } from './staffing/sim/engine.js';
export { mmcModel } from './staffing/sim/mmc.js';
export { registerSimulateCommand } from './staffing/cli.js';

export async function registerInsightsModule(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const [{ registerStaffing }, { registerDashboards }] = await Promise.all([import('./staffing/index.js'), import('./dashboards/index.js')]);
  registerStaffing(app, deps);
  registerDashboards(app, deps);
}
