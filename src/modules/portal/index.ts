/** Public API of the portal: the home pages, staff sign-in, the staff landing page, administration and the audit log. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../platform/deps.js';
import { registerAccountPage } from './admin/account.js';
import { registerAccountsPages } from './admin/accounts.js';
import { registerAuditPage } from './admin/audit.js';
import { registerAuditRoutes } from './admin/audit.routes.js';
import { registerTokensPage } from './admin/tokens.js';
import { registerApiDocsPage } from './ui/api-docs.js';
import { registerHomePage } from './ui/home.js';
import { registerSignInPages } from './ui/sign-in.js';
import { createSso, registerSsoRoutes } from './ui/sso.js';
import { registerStaffPages } from './ui/staff.js';

export { safeNext } from './ui/sign-in.js';

export const PORTAL_PAGES = { home: 'portal.home', staff: 'portal.staff', signIn: 'portal.sign_in', signOut: 'portal.sign_out' } as const;

export function registerPortalModule(app: FastifyInstance, deps: ModuleDeps): void {
  registerHomePage(app, deps);
  const sso = createSso(app, deps);
  registerSignInPages(app, deps, sso);
  if (sso) registerSsoRoutes(app, deps, sso);
  registerStaffPages(app, deps);
  registerApiDocsPage(app, deps);
  registerAccountsPages(app, deps);
  registerAccountPage(app, deps);
  registerTokensPage(app, deps);
  registerAuditPage(app, deps);
  registerAuditRoutes(app, deps);
}
