/**
 * What a supervisor watches, live: per line the queue, the longest wait, callbacks pending and
 * due, agents by state, and today's answer rate (answered / offered, a connected callback counts
 * as answered), abandonment, service level and first-contact resolution; plus the inquiries by
 * due date. And how right the wait estimates were, against the two published methods.
 */
import { DateTime } from 'luxon';
import type { Actor } from '../../platform/audit.repo.js';
import { lineFilter } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { AGENT_STATES, type ContactLine } from '../../platform/db/tables.contact.js';
import * as repo from './contact.repo.js';
import { meanAbsoluteError } from './estimate.js';
import { assertLineIdInScope } from './contact-scope.js';
import { localDay } from './hours.js';
import { listLinesInScope } from './lines.service.js';

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

async function lineToday(db: Db, line: ContactLine, now: Date) {
  const midnight = DateTime.fromJSDate(now, { zone: line.time_zone }).startOf('day').toJSDate();
  const calls = await db
    .selectFrom('contact_calls')
    .select(['state', 'kind', 'queue_time', 'eligible_at', 'connected_at', 'wait_seconds', 'resolved', 'outcome_code'])
    .where('line_id', '=', line.id)
    .where((eb) => eb.or([eb('arrived_at', '>=', midnight), eb('state', 'in', ['waiting', 'callback', 'dialling', 'connected'])]))
    .execute();
  const queued = calls.filter((c) => c.queue_time !== null);
  const waiting = calls.filter((c) => c.state === 'waiting');
  const answered = queued.filter((c) => c.connected_at !== null);
  const withOutcome = calls.filter((c) => c.outcome_code !== null);
  const oldest = waiting.reduce<Date | null>((min, c) => (!min || c.queue_time! < min ? c.queue_time! : min), null);
  return {
    inQueue: waiting.length,
    longestWaitSeconds: oldest ? Math.round((now.getTime() - oldest.getTime()) / 1000) : 0,
    callbacksPending: calls.filter((c) => c.state === 'callback' && c.eligible_at !== null && c.eligible_at > now).length,
    callbacksDue: calls.filter((c) => (c.state === 'callback' && (c.eligible_at === null || c.eligible_at <= now)) || c.state === 'dialling').length,
    offered: queued.length,
    answered: answered.length,
    abandoned: queued.filter((c) => c.state === 'abandoned').length,
    answerRate: share(answered.length, queued.length),
    abandonRate: share(queued.filter((c) => c.state === 'abandoned').length, queued.length),
    serviceLevel: share(answered.filter((c) => (c.wait_seconds ?? 0) <= line.service_level_seconds).length, answered.length),
    firstContactResolution: share(withOutcome.filter((c) => c.resolved).length, withOutcome.length),
    selfService: calls.filter((c) => c.state === 'self_service').length,
  };
}

/**
 * The lines the actor works on (all of them for national scope), each with who answers it and in
 * what state (signed-in agents first), and the inquiries of those lines.
 */
export async function getSupervisorView(options: { db: Db; actor: Actor; now: Date }) {
  const lines = await listLinesInScope(options);
  const items = await Promise.all(
    lines.map(async (line) => {
      const agents = await repo.listLineAgents(options.db, line.id);
      const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, agents.filter((a) => a.state === s).length])) as Record<(typeof AGENT_STATES)[number], number>;
      const who = agents
        .map((a) => ({ id: a.id, name: a.name, state: a.state, since: a.state_since.toISOString() }))
        .sort((a, b) => Number(a.state === 'offline') - Number(b.state === 'offline') || a.name.localeCompare(b.name));
      return { line: { id: line.id, code: line.code, nameEn: line.name_en, nameFr: line.name_fr, serviceLevelSeconds: line.service_level_seconds }, agents: byState, who, ...(await lineToday(options.db, line, options.now)) };
    }),
  );
  return { lines: items, inquiries: await inquiriesByDue(options.db, lines.map((l) => l.id), options.now) };
}

/** Open inquiries by due date on these lines, and the standard's result over the last 28 days (answered by the due day). */
async function inquiriesByDue(db: Db, lineIds: string[], now: Date) {
  const today = localDay(now, 'America/Toronto');
  const none = lineIds.length === 0;
  const open = none ? [] : await db.selectFrom('contact_inquiries').select('due_on').where('state', '=', 'open').where('line_id', 'in', lineIds).execute();
  const answered = none
    ? []
    : await db
        .selectFrom('contact_inquiries')
        .select(['due_on', 'answered_at'])
        .where('state', '=', 'answered')
        .where('line_id', 'in', lineIds)
        .where('answered_at', '>=', new Date(now.getTime() - 28 * 86_400_000))
        .execute();
  const within = answered.filter((i) => localDay(i.answered_at!, 'America/Toronto') <= i.due_on).length;
  return {
    overdue: open.filter((i) => i.due_on < today).length,
    dueToday: open.filter((i) => i.due_on === today).length,
    later: open.filter((i) => i.due_on > today).length,
    answered28Days: answered.length,
    withinStandard28Days: within,
    standardRate: share(within, answered.length),
  };
}

/** Estimates given at arrival against the waits that happened: mean absolute error of each method, in seconds. */
export async function getEstimateAccuracy(options: { db: Db; actor: Actor; since: Date; lineId?: string | undefined }) {
  if (options.lineId) await assertLineIdInScope(options.db, options.actor, options.lineId);
  const inScope = lineFilter(options.actor) === null ? null : (await listLinesInScope(options)).map((l) => l.id);
  let query = options.db
    .selectFrom('contact_calls')
    .select(['estimate_seconds', 'estimate_asterisk_seconds', 'estimate_genesys_seconds', 'wait_seconds'])
    .where('arrived_at', '>=', options.since)
    .where('wait_seconds', 'is not', null)
    .where('estimate_seconds', 'is not', null)
    // A transfer's wait counts twice; a scheduled callback's wait is the caller's choice.
    .where('transferred_from_line_id', 'is', null)
    .where('window_end', 'is', null);
  if (options.lineId) query = query.where('line_id', '=', options.lineId);
  if (inScope !== null) query = query.where('line_id', 'in', inScope.length > 0 ? inScope : ['00000000-0000-0000-0000-000000000000']);
  const rows = await query.execute();
  const errorOf = (pick: (r: (typeof rows)[number]) => number | null) => meanAbsoluteError(rows.map((r) => ({ estimate: pick(r) ?? 0, actual: r.wait_seconds! })));
  return {
    calls: rows.length,
    meanAbsoluteErrorSeconds: { ours: errorOf((r) => r.estimate_seconds), asterisk: errorOf((r) => r.estimate_asterisk_seconds), genesys: errorOf((r) => r.estimate_genesys_seconds) },
  };
}

/**
 * For the live stream: which announced changes this actor may hear of (those of their lines;
 * an agent's change names the agent's lines). Null: every change.
 */
export async function visibleChange(options: { db: Db; actor: Actor }): Promise<((payload: unknown) => unknown) | undefined> {
  const codes = lineFilter(options.actor);
  if (codes === null) return undefined;
  const ids = new Set((await listLinesInScope(options)).map((l) => l.id));
  return (payload) => {
    const change = payload as { lineId?: string; lines?: string[] };
    if (change.lineId !== undefined) return ids.has(change.lineId) ? payload : undefined;
    if (change.lines !== undefined) return change.lines.some((code) => codes.includes(code)) ? payload : undefined;
    return undefined;
  };
}
