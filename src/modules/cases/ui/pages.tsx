/** The cases pages: the public tracker, and the staff and partner pages. */
import type { FastifyInstance } from 'fastify';
import type { ModuleDeps } from '../../../platform/deps.js';
import type { CaseHooks } from '../cases.routes.js';
import { registerCasePage } from './case.js';
import { registerDelegatedPage } from './delegated.js';
import { registerIntakePage } from './intake.js';
import { registerInventoryPage } from './inventory.js';
import { registerLetterPage } from './letter.js';
import { registerStatusPages } from './status.js';

export const CASE_PAGES = {
  status: 'cases.status',
  inventory: 'cases.inventory',
  case: 'cases.case',
  letter: 'cases.letter',
  intake: 'cases.intake',
  delegated: 'cases.delegated',
} as const;

export function registerCasePages(app: FastifyInstance, deps: ModuleDeps, hooks: CaseHooks): void {
  registerStatusPages(app, deps, hooks);
  // The intake page's fixed path must be registered before the case page's parameter.
  registerIntakePage(app, deps);
  registerInventoryPage(app, deps);
  registerCasePage(app, deps, hooks);
  registerLetterPage(app, deps);
  registerDelegatedPage(app, deps);
}
