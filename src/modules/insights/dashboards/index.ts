/** The insights module's dashboards, forecasts and staffing plans: registered by `../index.ts`. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import { registerInsightsRoutes } from './routes.js';
import { registerEventsPage } from './ui/events.js';
import { registerForecastPage } from './ui/forecast.js';
import { registerHomePage } from './ui/home.js';
import { registerPlanPage } from './ui/plan.js';

export { INSIGHTS_PAGES } from './ui/nav.js';

export function registerDashboards(app: FastifyInstance, deps: ModuleDeps): void {
  registerInsightsRoutes(app, deps);
  registerHomePage(app, deps);
  registerForecastPage(app, deps);
  registerPlanPage(app, deps);
  registerEventsPage(app, deps);
}
