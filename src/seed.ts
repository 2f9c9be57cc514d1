/**
 * The demo: the generated network and one staff account per role, loaded into an empty database.
 * The embedded database gets it on its first start (unless GUICHET_DEMO=off); PostgreSQL only
 * through `guichet seed --demo`. Later capabilities add their own demo history here.
 */
import { systemActor } from './platform/audit.repo.js';
import { createStaffUser, findStaffUserByEmail } from './platform/auth/auth.service.js';
import { assignStaffUser, type AssignmentsInput } from './platform/auth/assignments.js';
import { systemClock } from './platform/clock.js';
import { ROLES } from './platform/auth/roles.js';
import type { Database } from './platform/db/database.js';
import { isNetworkEmpty, loadDemoNetwork } from './modules/network/index.js';
import { loadDemoVisitHistory } from './modules/visits/index.js';
import { enrolAgent, loadDemoContactHistory } from './modules/contact/index.js';
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

/**
 * Where each demo account works: a Quebec team at the Rimouski centre (reception and a citizen
 * services officer who also answers the passport and SIN lines), their regional supervisor for
 * Quebec, and national quality assurance, analysis and administration. The MP office partner works
 * nowhere in the network: it reaches only the files its constituents consented to share.
 */
export const DEMO_SITE = 'SCC-QC-034';
const DEMO_ASSIGNMENTS: Record<(typeof ROLES)[number], AssignmentsInput> = {
  reception: { sites: [DEMO_SITE] },
  agent: { sites: [DEMO_SITE], programmes: ['passport', 'sin'] },
  supervisor: { regions: ['QC'], programmes: ['passport', 'sin', 'citizenship', 'immigration'] },
  qa_reviewer: { national: true },
  analyst: { national: true },
  admin: { national: true },
  partner: {},
};
/** Contact lines exist once the contact history is loaded. */
const DEMO_LINES: Partial<Record<(typeof ROLES)[number], string[]>> = {
  agent: ['passport', 'sin'],
  supervisor: ['ei', 'cpp_oas', 'passport', 'immigration', 'sin', 'crisis'],
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
    await createStaffUser({ db: database.db, actor, email: demoEmail(role), displayName: DEMO_NAMES[role], role, password: DEMO_PASSWORD, language: role === 'reception' ? 'fr' : 'en', assignments: DEMO_ASSIGNMENTS[role] });
    staffAccounts++;
  }
  if (options.histories === false) return { servicePoints: loaded, staffAccounts };
  // The history ends yesterday, so the dashboards show a full recent past from the first start.
  // The seed runs before any app (and its clock) exists; the demo's days are UTC calendar days.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await loadDemoVisitHistory({ db: database.db, endDay: yesterday, actor });
  await loadDemoContactHistory({ db: database.db, endDay: yesterday, actor, agentPassword: DEMO_PASSWORD });
  for (const [role, lines] of Object.entries(DEMO_LINES)) {
    const user = await findStaffUserByEmail({ db: database.db, email: demoEmail(role) });
    await assignStaffUser({ db: database.db, clock: systemClock, actor, userId: user!.id, assignments: { ...DEMO_ASSIGNMENTS[role as (typeof ROLES)[number]], lines } });
    // The officer who answers the passport and SIN lines is a contact agent, in both languages.
    if (role === 'agent') await enrolAgent({ db: database.db, clock: systemClock, actor, staffUserId: user!.id, languages: ['fr', 'en'] });
  }
  await loadDemoCases({ db: database.db, endDay: yesterday, actor, homeSite: DEMO_SITE });
  // The QA sample of the demo history, drawn by the sampling rule from the files that reached each plan's stage.
  await loadDemoQa({ db: database.db, actor, stageArrivals: (programme, stage) => listStageArrivals({ db: database.db, programme, stage }) });
  return { servicePoints: loaded, staffAccounts };
}
