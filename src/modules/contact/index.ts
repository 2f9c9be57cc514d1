/** Public API of the contact centre module (issue 5): lines, agents, calls and callbacks, inquiries. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { ModuleDeps } from '../../platform/deps.js';

export function registerContactModule(_app: FastifyInstance, _deps: ModuleDeps): void {}

/** The demo's year of calls, callbacks and inquiries, ending on `endDay` (filled in by issue 5). */
export async function loadDemoContactHistory(_options: { db: Db; endDay: string; actor: Actor }): Promise<void> {}

/** Calls and inquiries per day and line (for insights and the standards). Filled in by issue 5. */
export async function getContactDailyVolumes(_options: { db: Db; from: string; to: string }): Promise<
  {
    day: string;
    lineCode: string;
    offered: number;
    answered: number;
    abandoned: number;
    answeredWithinTarget: number;
    callbacksRequested: number;
    inquiries: number;
    inquiriesWithinStandard: number;
  }[]
> {
  return [];
}
