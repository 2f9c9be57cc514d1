/** Public API of the network module: what app.ts and other modules may use. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { registerUploadRoutes } from '../../platform/http/bodies.js';
import { NETWORK_TOPIC } from './network.service.js';
import { registerNetworkRoutes } from './network.routes.js';
import { createPointCache } from './point-cache.js';
import { registerMapRoutes } from './map/map.routes.js';
import { createOsrmRouting } from './routing.js';
import { registerMapPage } from './ui/map.js';
import { registerFindPage } from './ui/find.js';
import { registerAnalysisRoutes } from './analysis.routes.js';
import { MAX_IMPORT_BYTES, registerTransferRoutes } from './transfer.routes.js';
import { registerCoveragePage } from './ui/coverage.js';
import { registerEditPage } from './ui/edit.js';
import { registerImportPage } from './ui/import.js';
import { registerReactivationPage } from './ui/reactivation.js';
import { registerNetworkPages } from './ui/pages.js';
import { registerStatusPages } from './ui/status.js';
import { registerOutreachPage } from './ui/outreach.js';
import { registerAccessPage } from './ui/access.js';
import { registerPartnersPage } from './ui/partners.js';

export { MAX_IMPORT_BYTES } from './transfer.routes.js';
export { exportServicePoints, importServicePoints, type ImportOutcome, type ImportSummary, type TransferFormat } from './transfer.service.js';
// Pure building blocks, for benchmarks and for other modules (visits will ask "nearest site").
export { bruteForceCoverage, computeCoverage, type CoverageOptions } from './coverage.js';
export { generateDemoNetwork } from './demo/generate.js';
export { bruteForceNearest, createPointIndex, distanceKm, type GeoPoint, type NearestQuery } from './geo.js';
export { listCanadianPlaces, type Place } from './places.js';
export { SITE_PANEL } from './ui/pages.js';
export { FIND_RESULT_PANEL } from './ui/find.js';
export { localWeekdayAndTime, openingStatus, type OpeningStatus, type WeeklyHours } from './opening.js';
export { assertSiteAccess, getNetworkSummary, getServicePoint, getServicePointFor, isNetworkEmpty, listProvinces, listServicePoints, listServices, loadDemoNetwork } from './network.service.js';

export async function registerNetworkModule(app: FastifyInstance, deps: ModuleDeps): Promise<void> {
  const cache = await createPointCache({ db: deps.database.db, bus: deps.database.bus, topic: NETWORK_TOPIC });
  app.addHook('onClose', () => cache.close());
  const router = deps.config.routingUrl ? createOsrmRouting({ url: deps.config.routingUrl }) : undefined;
  registerNetworkRoutes(app, deps, cache);
  registerNetworkPages(app, deps);
  registerFindPage(app, deps, cache);
  registerStatusPages(app, deps);
  registerAnalysisRoutes(app, deps, cache, router);
  registerTransferRoutes(app, deps);
  await registerUploadRoutes(app, { fileBytes: MAX_IMPORT_BYTES, fields: 2 }, (uploads) => registerImportPage(uploads, deps));
  registerReactivationPage(app, deps);
  registerEditPage(app, deps);
  registerOutreachPage(app, deps);
  registerAccessPage(app, deps);
  registerPartnersPage(app, deps);
  registerCoveragePage(app, deps, cache, router);
  registerMapPage(app, deps, cache);
  registerMapRoutes(app, cache);
}
