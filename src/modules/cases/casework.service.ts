/**
 * Case work on one file: stage moves, document requests, decisions, assignment. Each is one
 * transaction holding the file's row lock, with its history row and its audit row.
 */
import { actorLabel, recordAudit, type Actor } from '../../platform/audit.repo.js';
import { may } from '../../platform/auth/roles.js';
import { assertFileInScope, assertSiteInScope } from '../../platform/auth/scope.js';
import { isIsoDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Application } from '../../platform/db/tables.cases.js';
import { AppError } from '../../platform/errors.js';
import { considerForQaSample } from '../qa/index.js';
import { addBusinessDays } from './business-days.js';
import { loadCatalogue, stageOf } from './catalogue.js';
import * as repo from './cases.repo.js';
import { actorUserId, CENTRAL_ZONE, localDay } from './intake.service.js';

export const DOCUMENT_KINDS = ['photo', 'proof_of_citizenship', 'identity', 'guarantor', 'fee', 'biometrics', 'other'] as const;
/** A client has this many business days to send a requested document, unless staff say otherwise. */
const DOCUMENT_DUE_BUSINESS_DAYS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WorkOptions {
  db: Db;
  clock: Clock;
  actor: Actor;
  number: string;
}

const invalid = (field: string, key: string) => new AppError('common.invalid_input', 400, {}, { [field]: key });

/**
 * The file's transaction: its row locked, then the actor's scope checked before anything else is
 * read, checked or changed, so someone working elsewhere learns nothing from a refusal but that.
 */
async function withFile<T>(options: WorkOptions, work: (trx: Db, file: Application, now: Date) => Promise<T>): Promise<T> {
  return options.db.transaction().execute(async (trx) => {
    const file = await repo.lockByNumber(trx, options.number);
    if (!file) throw new AppError('cases.not_found', 404);
    assertFileInScope(options.actor, file);
    return work(trx, file, options.clock.now());
  });
}

/** Refuses, like every action on the file would, someone whose scope does not reach it. */
export const assertFileReachable = (options: WorkOptions) => withFile(options, async () => undefined);

/** What closes a file: the day, and whether that day is within its standard. */
const completion = (file: Application, now: Date) => {
  const day = localDay(now, CENTRAL_ZONE);
  return { completed_at: now, completed_day: day, within_standard: day <= file.expected_by };
};

export async function moveStage(options: WorkOptions & { to: string; reason?: string | undefined }): Promise<Application> {
  const type = await loadCatalogue(options.db);
  return withFile(options, async (trx, file, now) => {
    const current = stageOf(type.get(file.type_code)!, file.stage_code)!;
    const target = stageOf(type.get(file.type_code)!, options.to);
    if (file.state === 'closed' || !target || !current.next_codes.includes(target.code) || (target.channel !== null && target.channel !== file.channel)) throw invalid('to', 'cases.error.transition');
    if ((options.reason ?? '').length > 500) throw invalid('reason', 'cases.error.reason');
    if (target.code === 'decision' && !file.decision) throw invalid('to', 'cases.error.decision_first');
    const completes = target.completes && file.completed_at === null ? completion(file, now) : {};
    const finished = target.next_codes.length === 0 || target.completes;
    const updated = await repo.updateApplication(trx, file.id, { stage_code: target.code, state: finished ? 'completed' : 'open', updated_at: now, ...completes });
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'stage', actor: actorLabel(options.actor), fromStage: file.stage_code, toStage: target.code, reason: options.reason || null });
    await recordAudit(trx, options.actor, { action: 'cases.stage', entityType: 'application', entityId: file.id, details: { from: file.stage_code, to: target.code } });
    await considerForQaSample(trx, { applicationId: file.id, applicationNumber: file.number, programme: file.programme_code, typeCode: file.type_code, stage: target.code, siteId: file.assigned_site_id ?? file.site_id, agentId: actorUserId(options.actor), at: now });
    return updated;
  });
}

export async function requestDocument(options: WorkOptions & { kind: string; note?: string | undefined; dueDay?: string | undefined }) {
  return withFile(options, async (trx, file, now) => {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(options.kind)) throw invalid('kind', 'cases.error.document_kind');
    if ((options.note ?? '').length > 500) throw invalid('note', 'cases.error.note');
    if (file.state !== 'open') throw new AppError('cases.error.not_open', 409);
    const today = localDay(now, CENTRAL_ZONE);
    if (options.dueDay !== undefined && (!isIsoDate(options.dueDay) || options.dueDay < today)) throw invalid('dueDay', 'cases.error.due_day');
    const dueDay = options.dueDay ?? addBusinessDays(today, DOCUMENT_DUE_BUSINESS_DAYS, file.province_code);
    const request = await repo.insertDocumentRequest(trx, { application_id: file.id, kind: options.kind, note: (options.note ?? '').trim(), due_day: dueDay, requested_at: now });
    await repo.updateApplication(trx, file.id, { updated_at: now });
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'document_requested', actor: actorLabel(options.actor), details: { kind: options.kind, dueDay, requestId: request.id } });
    await recordAudit(trx, options.actor, { action: 'cases.document_requested', entityType: 'application', entityId: file.id, details: { kind: options.kind } });
    return { file, request };
  });
}

export async function receiveDocument(options: WorkOptions & { requestId: string }) {
  return withFile(options, async (trx, file, now) => {
    const request = await repo.markDocumentReceived(trx, file.id, options.requestId, now);
    if (!request) throw new AppError('cases.error.request_not_found', 404);
    await repo.updateApplication(trx, file.id, { updated_at: now });
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'document_received', actor: actorLabel(options.actor), details: { kind: request.kind, requestId: request.id } });
    await recordAudit(trx, options.actor, { action: 'cases.document_received', entityType: 'application', entityId: file.id, details: { kind: request.kind } });
    return { file, request };
  });
}

/** A decision with its note in plain language, which the client reads on the tracker. A refusal closes the file. */
export async function decide(options: WorkOptions & { outcome: string; note: string }): Promise<Application> {
  return withFile(options, async (trx, file, now) => {
    if (options.outcome !== 'approved' && options.outcome !== 'refused') throw invalid('outcome', 'cases.error.outcome');
    const note = options.note.trim();
    if (note.length < 10 || note.length > 2000) throw invalid('note', 'cases.error.decision_note');
    if (file.decision !== null) throw new AppError('cases.error.already_decided', 409);
    if (file.state === 'closed') throw new AppError('cases.error.not_open', 409);
    const closing = options.outcome === 'refused' ? { state: 'closed' as const, ...(file.completed_at === null ? completion(file, now) : {}) } : {};
    const updated = await repo.updateApplication(trx, file.id, { decision: options.outcome as 'approved' | 'refused', decision_note: note, decided_at: now, updated_at: now, ...closing });
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'decision', actor: actorLabel(options.actor), details: { outcome: options.outcome } });
    await recordAudit(trx, options.actor, { action: 'cases.decision', entityType: 'application', entityId: file.id, details: { outcome: options.outcome } });
    return updated;
  });
}

/**
 * Sends a file to an office and an agent. The file must be within the actor's scope, and so must
 * the office it goes to: a supervisor moves work around their region, not into another's.
 */
export async function assign(options: WorkOptions & { siteId?: string | null | undefined; agentId?: string | null | undefined }): Promise<Application> {
  return withFile(options, async (trx, file, now) => {
    if (options.siteId) {
      const site = UUID.test(options.siteId) ? await repo.findServicePoint(trx, options.siteId) : undefined;
      if (!site) throw invalid('siteId', 'cases.error.site');
      assertSiteInScope(options.actor, site);
    }
    if (options.agentId && (!UUID.test(options.agentId) || !(await repo.findCaseWorker(trx, options.agentId, may('cases.work'))))) throw invalid('agentId', 'cases.error.agent');
    const values = { assigned_site_id: options.siteId === undefined ? file.assigned_site_id : options.siteId, assigned_agent_id: options.agentId === undefined ? file.assigned_agent_id : options.agentId };
    const updated = await repo.updateApplication(trx, file.id, { ...values, updated_at: now });
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'assigned', actor: actorLabel(options.actor), public: false, details: { siteId: values.assigned_site_id, agentId: values.assigned_agent_id } });
    await recordAudit(trx, options.actor, { action: 'cases.assigned', entityType: 'application', entityId: file.id, details: values });
    return updated;
  });
}
