/** Public API of the quality-assurance module (issue 6): sampling, reviews, findings, observations. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { ModuleDeps } from '../../platform/deps.js';

export function registerQaModule(_app: FastifyInstance, _deps: ModuleDeps): void {}

/** A file reaching a stage: what the sampling rule needs, and what the reviewer will see. */
export interface StageReached {
  applicationId: string;
  applicationNumber: string;
  /** `passport`, `sin`, `citizenship`, `immigration`, … */
  programme: string;
  typeCode: string;
  stage: string;
  siteId: string | null;
  /** The staff user who did the work that brought the file here, when known. */
  agentId: string | null;
  at: Date;
}

/**
 * Called by the cases module inside the transaction of every stage move: draws the file into the
 * QA sample when its programme's rule says so. Filled in by issue 6.
 */
export async function considerForQaSample(_tx: Db, _event: StageReached): Promise<void> {}

/** The demo's reviews and findings on the sample drawn from the demo cases. Filled in by issue 6. */
export async function loadDemoQa(_options: { db: Db; actor: Actor }): Promise<void> {}
