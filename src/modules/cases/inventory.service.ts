/**
 * Staff reads of client files: the inventory by age against the standard, and one file. Every read
 * is audited; a list holds only the files within the reader's scope, and one file outside it is
 * refused before anything of it is read.
 */
import { recordAudit, type Actor } from '../../platform/audit.repo.js';
import { assertFileInScope, fileFilter } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './cases.repo.js';
import { CENTRAL_ZONE, localDay } from './intake.service.js';

export const PAGE_SIZE = 50;

export async function listInventory(options: { db: Db; clock: Clock; actor: Actor; filter: Omit<repo.InventoryFilter, 'scope' | 'today' | 'limit' | 'offset'>; page: number }) {
  const today = localDay(options.clock.now(), CENTRAL_ZONE);
  const result = await repo.listOpen(options.db, { ...options.filter, scope: fileFilter(options.actor), today, limit: PAGE_SIZE, offset: (options.page - 1) * PAGE_SIZE });
  await recordAudit(options.db, options.actor, { action: 'cases.inventory_read', entityType: 'application', details: { filter: options.filter, page: options.page, files: result.rows.map((r) => r.number) } });
  return { ...result, today };
}

/** One file with its full history (staff rows included) and document requests; the read is audited. */
export async function getCaseFile(options: { db: Db; actor: Actor; number: string; purpose?: string }) {
  const file = await repo.findByNumber(options.db, options.number.toUpperCase());
  if (!file) throw new AppError('cases.not_found', 404);
  assertFileInScope(options.actor, file);
  const [events, requests, consents, inquiries] = await Promise.all([
    repo.listEvents(options.db, file.id, false),
    repo.listDocumentRequests(options.db, file.id),
    options.db.selectFrom('delegation_consents as c').innerJoin('partner_offices as o', 'o.id', 'c.office_id').select(['c.id', 'c.office_id', 'o.name_en', 'o.name_fr', 'c.granted_on', 'c.expires_on', 'c.revoked_at']).where('c.application_id', '=', file.id).orderBy('c.created_at').execute(),
    options.db.selectFrom('partner_inquiries as i').innerJoin('partner_offices as o', 'o.id', 'i.office_id').select(['i.id', 'o.name_en', 'o.name_fr', 'i.urgent', 'i.question', 'i.asked_at', 'i.due_at', 'i.answer', 'i.answered_at']).where('i.application_id', '=', file.id).orderBy('i.asked_at').execute(),
  ]);
  await recordAudit(options.db, options.actor, { action: 'cases.read', entityType: 'application', entityId: file.id, details: { purpose: options.purpose ?? 'case' } });
  return { file, events, requests, consents, inquiries };
}

export type CaseFile = Awaited<ReturnType<typeof getCaseFile>>;
