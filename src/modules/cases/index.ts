/** Public API of the cases module (issue 6): application types, case work, the status tracker, delegated access. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { ModuleDeps } from '../../platform/deps.js';

export function registerCasesModule(_app: FastifyInstance, _deps: ModuleDeps): void {}

/** The demo's two fiscal years of applications, QA sample and consents, ending on `endDay` (filled in by issue 6). */
export async function loadDemoCases(_options: { db: Db; endDay: string; actor: Actor }): Promise<void> {}

/** What the contact centre's automated self-service says about one application. */
export interface SelfServiceStatus {
  applicationNumber: string;
  type: { en: string; fr: string };
  stage: { en: string; fr: string };
  /** `YYYY-MM-DD`, or null when no date can be promised. */
  expectedBy: string | null;
  late: boolean;
}

/**
 * The status look-up behind the contact centre's self-service option: the same rules as the public
 * tracker (null for every miss, audited, rate limits are the caller's). Filled in by issue 6.
 */
export async function lookUpStatus(_options: { db: Db; applicationNumber: string; dateOfBirth: string; actor: Actor }): Promise<SelfServiceStatus | null> {
  return null;
}

/** Applications received and completed per day, programme and channel (for insights). Filled in by issue 6. */
export async function getApplicationDailyVolumes(_options: { db: Db; from: string; to: string }): Promise<
  { day: string; programme: string; channel: string; received: number; completed: number; completedWithinStandard: number }[]
> {
  return [];
}
