/**
 * The demo: the generated network and one staff account per role, loaded into an empty database.
 * The embedded database gets it on its first start (unless GUICHET_DEMO=off); PostgreSQL only
 * through `guichet seed --demo`. Later capabilities add their own demo history here.
 */
import { systemActor } from './platform/audit.repo.js';
import { createStaffUser } from './platform/auth/auth.service.js';
import { ROLES } from './platform/auth/roles.js';
import type { Database } from './platform/db/database.js';
import { isNetworkEmpty, loadDemoNetwork } from './modules/network/index.js';
import { loadDemoVisitHistory } from './modules/visits/index.js';
import { loadDemoContactHistory } from './modules/contact/index.js';
import { listStageArrivals, loadDemoCases } from './modules/cases/index.js';
import { loadDemoQa } from './modules/qa/index.js';

export const DEMO_PASSWORD = 'guichet-demo-2026';
export const demoEmail = (role: string) => `${role.replace('_', '-')}@demo.guichet.ca`;

const DEMO_NAMES: Record<(typeof ROLES)[number], string> = {
  reception: 'Rémi Tremblay',
  agent: 'Amira Haddad',
  supervisor: 'Sophie Martin',
  qa_reviewer: 'Kevin Nguyen',
  analyst: 'Émilie Gagnon',
  admin: 'Jordan Smith',
  partner: 'Bureau de député – Office of the MP',
};

export interface SeedResult {
  servicePoints: number;
  staffAccounts: number;
}

/** `histories: false` loads only the network and the staff accounts (tests that need no past). */
export async function seedDemo(database: Database, options: { histories?: boolean } = {}): Promise<SeedResult> {
  const actor = systemActor('seed');
  if (!(await isNetworkEmpty({ db: database.db }))) return { servicePoints: 0, staffAccounts: 0 };
  const { loaded } = await loadDemoNetwork({ db: database.db, actor });
  // Staff first: the demo histories may name the agents who did the work.
  let staffAccounts = 0;
  for (const role of ROLES) {
    await createStaffUser({ db: database.db, actor, email: demoEmail(role), displayName: DEMO_NAMES[role], role, password: DEMO_PASSWORD, language: role === 'reception' ? 'fr' : 'en' });
    staffAccounts++;
  }
  if (options.histories === false) return { servicePoints: loaded, staffAccounts };
  // The history ends yesterday, so the dashboards show a full recent past from the first start.
  // The seed runs before any app (and its clock) exists; the demo's days are UTC calendar days.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await loadDemoVisitHistory({ db: database.db, endDay: yesterday, actor });
  await loadDemoContactHistory({ db: database.db, endDay: yesterday, actor });
  await loadDemoCases({ db: database.db, endDay: yesterday, actor });
  // The QA sample of the demo history, drawn by the sampling rule from the files that reached each plan's stage.
  await loadDemoQa({ db: database.db, actor, stageArrivals: (programme, stage) => listStageArrivals({ db: database.db, programme, stage }) });
  return { servicePoints: loaded, staffAccounts };
}
