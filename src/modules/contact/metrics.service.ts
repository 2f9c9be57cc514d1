/**
 * What a supervisor watches, live: per line the queue, the longest wait, callbacks pending and
 * due, agents by state, and today's answer rate (answered / offered, a connected callback counts
 * as answered), abandonment, service level and first-contact resolution; plus the inquiries by
 * due date. And how right the wait estimates were, against the two published methods.
 */
import { DateTime } from 'luxon';
import type { Db } from '../../platform/db/database.js';
import { AGENT_STATES, type ContactLine } from '../../platform/db/tables.contact.js';
import * as repo from './contact.repo.js';
import { meanAbsoluteError } from './estimate.js';
import { localDay } from './hours.js';

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

export async function getSupervisorView(options: { db: Db; now: Date }) {
  const lines = await repo.listLines(options.db);
  const items = await Promise.all(
    lines.map(async (line) => {
      const agents = await repo.listLineAgents(options.db, line.id);
      const byState = Object.fromEntries(AGENT_STATES.map((s) => [s, agents.filter((a) => a.state === s).length])) as Record<(typeof AGENT_STATES)[number], number>;
      return { line: { id: line.id, code: line.code, nameEn: line.name_en, nameFr: line.name_fr, serviceLevelSeconds: line.service_level_seconds }, agents: byState, ...(await lineToday(options.db, line, options.now)) };
    }),
  );
  return { lines: items, inquiries: await inquiriesByDue(options.db, options.now) };
}

/** Open inquiries by due date, and the standard's result over the last 28 days (answered by the due day). */
async function inquiriesByDue(db: Db, now: Date) {
  const today = localDay(now, 'America/Toronto');
  const open = await db.selectFrom('contact_inquiries').select('due_on').where('state', '=', 'open').execute();
  const answered = await db
    .selectFrom('contact_inquiries')
    .select(['due_on', 'answered_at'])
    .where('state', '=', 'answered')
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
export async function getEstimateAccuracy(options: { db: Db; since: Date; lineId?: string | undefined }) {
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
  const rows = await query.execute();
  const errorOf = (pick: (r: (typeof rows)[number]) => number | null) => meanAbsoluteError(rows.map((r) => ({ estimate: pick(r) ?? 0, actual: r.wait_seconds! })));
  return {
    calls: rows.length,
    meanAbsoluteErrorSeconds: { ours: errorOf((r) => r.estimate_seconds), asterisk: errorOf((r) => r.estimate_asterisk_seconds), genesys: errorOf((r) => r.estimate_genesys_seconds) },
  };
}
