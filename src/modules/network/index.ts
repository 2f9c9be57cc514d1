/** Public API of the network module: what app.ts and other modules may use. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { registerNetworkRoutes } from './network.routes.js';
import { registerNetworkPages } from './ui/pages.js';

export { getNetworkSummary, getServicePoint, isNetworkEmpty, listProvinces, listServices, loadDemoNetwork } from './network.service.js';

export function registerNetworkModule(app: FastifyInstance, deps: ModuleDeps): void {
  registerNetworkRoutes(app, deps);
  registerNetworkPages(app, deps);
}
