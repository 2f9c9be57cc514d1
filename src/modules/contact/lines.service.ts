/** Lines of business and agents: set-up, agent states, and each line's estimate now. */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import type { AgentState, ContactLine, LineOpening } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './contact.repo.js';
import { asteriskHoldtime, estimateWaitSeconds, genesysEstimateSeconds, type QueueSnapshot } from './estimate.js';
import { checkHours, isOpenAt } from './hours.js';

export const CONTACT_TOPIC = 'contact';
/** Handle time assumed for a line that has no calls yet (five minutes). */
export const DEFAULT_HANDLE_SECONDS = 300;
const LANGS = ['en', 'fr'];

export async function getLine(options: { db: Db; ref: string }): Promise<ContactLine> {
  const line = await repo.findLine(options.db, options.ref);
  if (!line) throw new AppError('contact.line_not_found', 404);
  return line;
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

export async function createLine(options: { db: Db; actor: Actor; line: NewLine }) {
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

export async function createAgent(options: { db: Db; clock: Clock; actor: Actor; name: string; lines: string[]; languages: string[] }) {
  const fields: Record<string, string> = {};
  const name = options.name.trim();
  if (!name) fields.name = 'contact.name_required';
  const languages = [...new Set(options.languages)];
  if (languages.length === 0 || languages.some((l) => !LANGS.includes(l))) fields.languages = 'contact.languages_invalid';
  const lines = await Promise.all([...new Set(options.lines)].map((ref) => repo.findLine(options.db, ref)));
  if (lines.length === 0 || lines.some((l) => !l)) fields.lines = 'contact.lines_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return options.db.transaction().execute(async (trx) => {
    const agent = await trx.insertInto('contact_agents').values({ name, languages, state_since: options.clock.now() }).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('contact_agent_lines').values(lines.map((l) => ({ agent_id: agent.id, line_id: l!.id }))).execute();
    await recordAudit(trx, options.actor, { action: 'contact.agent_create', entityType: 'contact_agent', entityId: agent.id, details: { lines: lines.map((l) => l!.code), languages } });
    return agent;
  });
}

export async function getAgent(options: { db: Db; agentId: string }) {
  const agent = await repo.findAgent(options.db, options.agentId);
  if (!agent) throw new AppError('contact.agent_not_found', 404);
  return agent;
}

/** States an agent sets by hand; "on call" comes from taking a call, never from this. */
export const SETTABLE_STATES = ['available', 'wrap_up', 'break', 'offline'] as const;

export async function setAgentState(options: { db: Db; clock: Clock; actor: Actor; agentId: string; state: AgentState }) {
  if (!(SETTABLE_STATES as readonly string[]).includes(options.state)) throw new AppError('common.invalid_input', 400, {}, { state: 'contact.state_invalid' });
  return options.db.transaction().execute(async (trx) => {
    const agent = await trx.selectFrom('contact_agents').selectAll().where('id', '=', options.agentId).forUpdate().executeTakeFirst();
    if (!agent) throw new AppError('contact.agent_not_found', 404);
    if (agent.state === 'on_call') throw new AppError('contact.agent_on_call', 409);
    const updated = await repo.setAgentState(trx, agent.id, options.state, options.clock.now());
    await recordAudit(trx, options.actor, { action: 'contact.agent_state', entityType: 'contact_agent', entityId: agent.id, details: { from: agent.state, to: options.state } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'agent', agentId: agent.id, state: options.state });
    return updated;
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
