/** Public API of the service standards module (issue 6): standards, results, open data. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { registerStandardsRoutes } from './standards.routes.js';
import { registerStandardsPages, STANDARDS_PAGES } from './ui/pages.js';

export { computeResults, type StandardResults } from './results.service.js';
export { fiscalYearOfDay, parseFiscalYear } from './fiscal.js';
export { STANDARDS_PAGES };

export function registerStandardsModule(app: FastifyInstance, deps: ModuleDeps): void {
  registerStandardsPages(app, deps);
  const pageUrl = (language: 'en' | 'fr', serviceId: string) => new URL(deps.shell.pages.path(STANDARDS_PAGES.service, language, { serviceCode: serviceId }), deps.config.publicUrl).toString();
  registerStandardsRoutes(app, deps, pageUrl);
}
