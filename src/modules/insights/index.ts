/** Public API of the insights module (issue 7): dashboards and forecasts, staffing and simulation. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { registerDashboards } from './dashboards/index.js';
import { registerStaffing } from './staffing/index.js';

export { agentsNeeded, erlangC, erlangCProbability, mmcModel, registerSimulateCommand, simulate } from './staffing/index.js';

export function registerInsightsModule(app: FastifyInstance, deps: ModuleDeps): void {
  registerStaffing(app, deps);
  registerDashboards(app, deps);
}
