/** Lines of business: set-up, the lines in someone's scope, and each line's estimate now. */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import { assertLineInScope, assertNational, lineFilter } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import type { ContactLine, LineOpening } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './contact.repo.js';
import { asteriskHoldtime, estimateWaitSeconds, genesysEstimateSeconds, type QueueSnapshot } from './estimate.js';
import { checkHours, isOpenAt } from './hours.js';

export const CONTACT_TOPIC = 'contact';
/** Handle time assumed for a line that has no calls yet (five minutes). */
export const DEFAULT_HANDLE_SECONDS = 300;
const LANGS = ['en', 'fr'];

/** A line the actor may reach (`auth.out_of_scope` otherwise); the public and the system reach every line. */
export async function getLine(options: { db: Db; actor: Actor; ref: string }): Promise<ContactLine> {
  const line = await repo.findLine(options.db, options.ref);
  if (!line) throw new AppError('contact.line_not_found', 404);
  assertLineInScope(options.actor, line.code);
  return line;
}

/** The lines the actor works on (every line for national scope), most urgent first. */
export async function listLinesInScope(options: { db: Db; actor: Actor }): Promise<ContactLine[]> {
  const codes = lineFilter(options.actor);
  const lines = await repo.listLines(options.db);
  return codes === null ? lines : lines.filter((l) => codes.includes(l.code));
}

export interface NewLine {
  code: string;
  nameEn: string;
  nameFr: string;
  hours?: LineOpening[] | undefined;
  timeZone?: string | undefined;
  languages?: string[] | undefined;
  priority?: number | undefined;
  inquiryDueDays?: number | undefined;
  province?: string | undefined;
}

/** A new line is the whole network's: national scope only. */
export async function createLine(options: { db: Db; actor: Actor; line: NewLine }) {
  assertNational(options.actor);
  const { line } = options;
  const fields: Record<string, string> = {};
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(line.code)) fields.code = 'contact.code_invalid';
  if (!line.nameEn.trim()) fields.nameEn = 'contact.name_required';
  if (!line.nameFr.trim()) fields.nameFr = 'contact.name_required';
  const hoursProblem = line.hours ? checkHours(line.hours) : null;
  if (hoursProblem) fields.hours = hoursProblem;
  if (line.timeZone && !Intl.supportedValuesOf('timeZone').includes(line.timeZone)) fields.timeZone = 'contact.time_zone_invalid';
  const languages = [...new Set(line.languages ?? LANGS)];
  if (languages.length === 0 || languages.some((l) => !LANGS.includes(l))) fields.languages = 'contact.languages_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return options.db.transaction().execute(async (trx) => {
    if (await repo.findLine(trx, line.code)) throw new AppError('contact.code_taken', 409);
    const created = await trx
      .insertInto('contact_lines')
      .values({
        code: line.code,
        name_en: line.nameEn.trim(),
        name_fr: line.nameFr.trim(),
        hours: line.hours ? JSON.stringify(line.hours) : null,
        languages,
        ...(line.timeZone ? { time_zone: line.timeZone } : {}),
        ...(line.priority !== undefined ? { priority: line.priority } : {}),
        ...(line.inquiryDueDays !== undefined ? { inquiry_due_days: line.inquiryDueDays } : {}),
        ...(line.province ? { province_code: line.province } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.actor, { action: 'contact.line_create', entityType: 'contact_line', entityId: created.id, details: { code: line.code } });
    return created;
  });
}

/** What the estimate is computed from for a caller with `ahead` callers in front of them. */
export async function queueSnapshot(db: Db, lineId: string, queue: { state: string }[], now: Date): Promise<QueueSnapshot> {
  const agents = await repo.listLineAgents(db, lineId);
  const busy = agents.filter((a) => a.state === 'on_call' || a.state === 'wrap_up');
  return {
    ahead: queue.length,
    holdingAhead: queue.filter((q) => q.state === 'waiting').length,
    abandonRate: await repo.recentAbandonRate(db, lineId),
    free: agents.filter((a) => a.state === 'available').length,
    busyElapsed: busy.map((a) => Math.max(0, (now.getTime() - a.state_since.getTime()) / 1000)),
    handleSeconds: (await repo.recentHandleSeconds(db, lineId)) ?? DEFAULT_HANDLE_SECONDS,
  };
}

/** The three estimates for a caller entering the line's queue now (ours, Asterisk's, Genesys'). */
export async function estimatesFor(db: Db, lineId: string, now: Date) {
  const queue = await repo.listQueue(db, lineId, now);
  const snapshot = await queueSnapshot(db, lineId, queue, now);
  return { ahead: queue.length, ours: estimateWaitSeconds(snapshot), asterisk: asteriskHoldtime(await repo.recentWaits(db, lineId)), genesys: genesysEstimateSeconds(snapshot) };
}

/** Each line's hours and current estimate, for the public page and API. */
export async function getWaitTimes(options: { db: Db; now: Date }) {
  const lines = await repo.listLines(options.db);
  return Promise.all(
    lines.map(async (line) => {
      const open = isOpenAt(line.hours, line.time_zone, options.now);
      const { ahead, ours } = await estimatesFor(options.db, line.id, options.now);
      return { line, open, inQueue: ahead, estimatedWaitSeconds: open ? ours : null };
    }),
  );
}
