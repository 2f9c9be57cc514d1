/** The only SQL of the visits module. */
import { sql, type Kysely, type Updateable } from 'kysely';
import type { Tables, Visit, VisitsTable } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import { APPOINTMENT_WINDOW_MINUTES } from './queue-policy.js';

type Db = Kysely<Tables>;

export const SETTINGS_DEFAULTS = { rollover_policy: 'close', wait_target_minutes: 20, max_pass_over_minutes: 45, notify_when_ahead: 3, last_rollover_day: null } as const;

export async function findSettings(db: Db, siteId: string) {
  const row = await db.selectFrom('visit_site_settings').selectAll().where('service_point_id', '=', siteId).executeTakeFirst();
  return row ?? { service_point_id: siteId, ...SETTINGS_DEFAULTS, updated_at: null };
}

export const upsertSettings = (db: Db, siteId: string, values: { rollover_policy: 'close' | 'carry_over'; wait_target_minutes: number; max_pass_over_minutes: number; notify_when_ahead: number }, now: Date) =>
  db
    .insertInto('visit_site_settings')
    .values({ service_point_id: siteId, ...values, updated_at: now })
    .onConflict((oc) => oc.column('service_point_id').doUpdateSet({ ...values, updated_at: now }))
    .execute();

export const markRolledOver = (db: Db, siteId: string, day: string, now: Date) =>
  db
    .insertInto('visit_site_settings')
    .values({ service_point_id: siteId, last_rollover_day: day, updated_at: now })
    .onConflict((oc) => oc.column('service_point_id').doUpdateSet({ last_rollover_day: day, updated_at: now }))
    .execute();

/** The next ticket number of a site, day and prefix: one atomic upsert, safe across processes. */
export async function nextTicketNumber(db: Db, siteId: string, day: string, prefix: string): Promise<number> {
  const row = await db
    .insertInto('visit_ticket_sequences')
    .values({ service_point_id: siteId, service_day: day, prefix, last_number: 1 })
    .onConflict((oc) => oc.columns(['service_point_id', 'service_day', 'prefix']).doUpdateSet({ last_number: sql`visit_ticket_sequences.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export const insertVisit = (db: Db, values: Parameters<ReturnType<Db['insertInto']>['values']>[0] & object) =>
  db.insertInto('visits').values(values as never).returningAll().executeTakeFirstOrThrow();

export const appendEvent = (db: Db, event: { visitId: string; at: Date; type: string; counterId?: string | null; actor: string; details?: Record<string, unknown> }) =>
  db
    .insertInto('visit_events')
    .values({ visit_id: event.visitId, occurred_at: event.at, type: event.type, counter_id: event.counterId ?? null, actor: event.actor, details: JSON.stringify(event.details ?? {}) })
    .execute();

export const findVisit = (db: Db, id: string) => db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
export const findVisitByToken = (db: Db, token: string) => db.selectFrom('visits').selectAll().where('public_token', '=', token).executeTakeFirst();
export const findVisitByTicket = (db: Db, siteId: string, day: string, ticket: string) =>
  db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).where('service_day', '=', day).where('ticket', '=', ticket).executeTakeFirst();

/** Locks the visit for the rest of the transaction, so two transitions cannot interleave. */
export const lockVisit = (db: Db, id: string) => db.selectFrom('visits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateVisit = (db: Db, id: string, patch: Updateable<VisitsTable>) => db.updateTable('visits').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export const listEvents = (db: Db, visitId: string) => db.selectFrom('visit_events').selectAll().where('visit_id', '=', visitId).orderBy('id').execute();

/**
 * Claims the next client for a counter, atomically: the order of queue-policy.ts in SQL (the
 * function `visit_claim_next`, migrations/0008), with `for update skip locked` so concurrent
 * counters (in any number of processes) each take a different client. The state test sits in
 * the locking query itself, so a row claimed and committed by another counter meanwhile is
 * re-checked and passed over, never taken twice.
 *
 * A long queue is not sorted whole: each rank of the policy contributes its first CANDIDATES
 * clients through its own index, and only those are ranked. The best free client is always among
 * them while fewer than CANDIDATES claims are in flight at the site; when the short list yields
 * nobody, the function falls back to the whole queue, so the shortcut never gives a wrong answer.
 */
const CANDIDATES = 64;

export async function claimNext(db: Db, options: { siteId: string; counterId: string; now: Date; maxPassOverMinutes: number }): Promise<Visit | undefined> {
  const cutoff = new Date(options.now.getTime() - options.maxPassOverMinutes * 60_000);
  const window = new Date(options.now.getTime() + APPOINTMENT_WINDOW_MINUTES * 60_000);
  const result = await sql<Visit>`select * from visit_claim_next(${options.siteId}, ${options.counterId}, ${options.now}, ${cutoff}, ${window}, ${CANDIDATES})`.execute(db);
  return result.rows[0];
}

const CALL_ERRORS: Record<string, number> = { 'visits.counter_not_found': 404, 'visits.counter_closed': 409, 'visits.counter_busy': 409 };

/**
 * Calls the next client to a counter in one round trip (`visit_call_next`, migrations/0008): the
 * idempotency key, the counter's checks, the claim, the call's history row and its announcement
 * commit together or not at all. Undefined: nobody to call (or a repeated key that called nobody).
 */
export async function callNext(db: Db, options: { counterId: string; siteRef: string | null; key: string | null; now: Date; actor: string; channel: string }): Promise<Visit | undefined> {
  try {
    const result = await sql<Visit>`select * from visit_call_next(${options.counterId}, ${options.siteRef}, ${options.key}, ${options.now}, ${options.actor}, ${CANDIDATES}, ${APPOINTMENT_WINDOW_MINUTES}, ${options.channel})`.execute(db);
    return result.rows[0];
  } catch (error) {
    const { code, message, detail } = error as { code?: string; message?: string; detail?: string };
    const status = code === 'P0001' && message ? CALL_ERRORS[message] : undefined;
    if (status) throw new AppError(message!, status, detail ? { ticket: detail } : {});
    throw error;
  }
}

// ── counters ─────────────────────────────────────────────────────────────────────────────────

export async function insertCounter(db: Db, values: { siteId: string; name: string; openedBy: string; now: Date; services: string[] }) {
  const counter = await db
    .insertInto('visit_counters')
    .values({ service_point_id: values.siteId, name: values.name, opened_by: values.openedBy, opened_at: values.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('visit_counter_services')
    .values(values.services.map((service_code) => ({ counter_id: counter.id, service_code })))
    .execute();
  return counter;
}

export const closeCounter = (db: Db, counterId: string, now: Date) =>
  db.updateTable('visit_counters').set({ closed_at: now }).where('id', '=', counterId).where('closed_at', 'is', null).returningAll().executeTakeFirst();

export const findCounter = (db: Db, counterId: string) => db.selectFrom('visit_counters').selectAll().where('id', '=', counterId).executeTakeFirst();

export async function listOpenCounters(db: Db, siteId: string) {
  const counters = await db.selectFrom('visit_counters').selectAll().where('service_point_id', '=', siteId).where('closed_at', 'is', null).orderBy('opened_at').execute();
  if (counters.length === 0) return [];
  const services = await db.selectFrom('visit_counter_services').selectAll().where('counter_id', 'in', counters.map((c) => c.id)).execute();
  const serving = await db
    .selectFrom('visits')
    .select(['counter_id', 'ticket', 'id'])
    .where('state', '=', 'called')
    .where('counter_id', 'in', counters.map((c) => c.id))
    .execute();
  return counters.map((c) => ({
    ...c,
    services: services.filter((s) => s.counter_id === c.id).map((s) => s.service_code),
    current: serving.find((v) => v.counter_id === c.id) ?? null,
  }));
}

export const findCounterByName = (db: Db, siteId: string, name: string) =>
  db.selectFrom('visit_counters').selectAll().where('service_point_id', '=', siteId).where('name', '=', name).where('closed_at', 'is', null).executeTakeFirst();

// ── queue reads ──────────────────────────────────────────────────────────────────────────────

export const listWaiting = (db: Db, siteId: string, service?: string) => {
  let query = db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).where('state', '=', 'waiting');
  if (service) query = query.where('service_code', '=', service);
  return query.orderBy('arrived_at').execute();
};

export const listActive = (db: Db, siteId: string) =>
  db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).where('state', 'in', ['waiting', 'called', 'on_hold']).orderBy('arrived_at').execute();

/** Recently called tickets (for the lobby board). */
export const listRecentlyCalled = (db: Db, siteId: string, since: Date, limit: number) =>
  db
    .selectFrom('visits as v')
    .innerJoin('visit_counters as c', 'c.id', 'v.counter_id')
    .select(['v.id', 'v.ticket', 'v.called_at', 'v.call_count', 'v.state', 'c.name as counter_name'])
    .where('v.service_point_id', '=', siteId)
    .where('v.called_at', '>=', since)
    .where('v.state', 'in', ['called', 'completed'])
    .orderBy('v.called_at', 'desc')
    .limit(limit)
    .execute();

/**
 * Quartiles of recent service times (call to completion) for a service at a site, from the last
 * 28 days around this hour of the site's day; the caller falls back when there are too few.
 */
export async function serviceTimeQuartiles(db: Db, options: { siteId: string; service: string; now: Date; timeZone: string; hourWindow: number | null }) {
  const since = new Date(options.now.getTime() - 28 * 86_400_000);
  const hourFilter =
    options.hourWindow === null
      ? sql`true`
      : sql`abs(extract(hour from v.called_at at time zone ${options.timeZone}) - extract(hour from ${options.now}::timestamptz at time zone ${options.timeZone})) <= ${options.hourWindow}`;
  const result = await sql<{ q1: number | null; q3: number | null; n: number }>`
    select percentile_cont(0.25) within group (order by extract(epoch from v.completed_at - v.called_at) / 60) as q1,
           percentile_cont(0.75) within group (order by extract(epoch from v.completed_at - v.called_at) / 60) as q3,
           count(*)::int as n
    from visits v
    where v.service_point_id = ${options.siteId} and v.service_code = ${options.service}
      and v.state = 'completed' and v.called_at is not null and v.completed_at >= ${since}
      and ${hourFilter}`.execute(db);
  const row = result.rows[0]!;
  return { q1: row.q1 === null ? null : Number(row.q1), q3: row.q3 === null ? null : Number(row.q3), samples: Number(row.n) };
}

/** Estimate given at join against the wait that happened, for visits called in a period. */
export const listEstimatePairs = (db: Db, options: { siteId?: string | undefined; since: Date }) => {
  let query = db
    .selectFrom('visits')
    .select(['estimate_min_minutes', 'estimate_max_minutes', sql<number>`extract(epoch from first_called_at - arrived_at) / 60`.as('actual_minutes')])
    .where('first_called_at', 'is not', null)
    .where('estimate_min_minutes', 'is not', null)
    .where('arrived_at', '>=', options.since);
  if (options.siteId) query = query.where('service_point_id', '=', options.siteId);
  return query.execute();
};

/** Remote clients not yet told their turn is near, with a way to reach them. */
export const listUnnotifiedRemote = (db: Db, siteId: string) =>
  db
    .selectFrom('visits')
    .selectAll()
    .where('service_point_id', '=', siteId)
    .where('state', '=', 'waiting')
    .where('notified_at', 'is', null)
    .where(sql<boolean>`contact <> '{}'::jsonb`)
    .execute();

export const markNotified = (db: Db, visitId: string, now: Date) =>
  db.updateTable('visits').set({ notified_at: now }).where('id', '=', visitId).where('notified_at', 'is', null).returning('id').executeTakeFirst();

export const insertFeedback = (db: Db, values: { visitId: string; rating: number; comment: string | null; language: 'en' | 'fr'; now: Date }) =>
  db
    .insertInto('visit_feedback')
    .values({ visit_id: values.visitId, rating: values.rating, comment: values.comment, language: values.language, submitted_at: values.now })
    .onConflict((oc) => oc.column('visit_id').doNothing())
    .returning('visit_id')
    .executeTakeFirst();

export const findFeedback = (db: Db, visitId: string) => db.selectFrom('visit_feedback').selectAll().where('visit_id', '=', visitId).executeTakeFirst();

/** Open tickets of days before `day` at a site (for the rollover). */
export const listOpenBefore = (db: Db, siteId: string, day: string) =>
  db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).where('service_day', '<', day).where('state', 'in', ['waiting', 'called', 'on_hold']).forUpdate().execute();

export const listDay = (db: Db, siteId: string, day: string) => db.selectFrom('visits').selectAll().where('service_point_id', '=', siteId).where('service_day', '=', day).execute();

/** The client a counter is serving now, if any. */
export const findServingVisit = (db: Db, counterId: string) =>
  db.selectFrom('visits').select(['id', 'ticket']).where('counter_id', '=', counterId).where('state', '=', 'called').executeTakeFirst();

/** Sites with open tickets, with the oldest day among them. */
/** Sites with open tickets or open counters, with the oldest local day among them. */
export async function listSitesWithOpenWork(db: Db) {
  const result = await sql<{ id: string; time_zone: string; oldest_day: string }>`
    select p.id, p.time_zone, min(w.day)::text as oldest_day
    from (
      select v.service_point_id, v.service_day as day from visits v where v.state in ('waiting', 'called', 'on_hold')
      union all
      select c.service_point_id, (c.opened_at at time zone p2.time_zone)::date from visit_counters c
        join service_points p2 on p2.id = c.service_point_id where c.closed_at is null
    ) w join service_points p on p.id = w.service_point_id
    group by p.id, p.time_zone`.execute(db);
  return result.rows;
}

/** Counters still open that were opened before a local day began (left open overnight). */
export const closeCountersOpenedBefore = (db: Db, siteId: string, before: Date, now: Date) =>
  db.updateTable('visit_counters').set({ closed_at: now }).where('service_point_id', '=', siteId).where('closed_at', 'is', null).where('opened_at', '<', before).returning('id').execute();

/** What each simple transition sets (transfers, which validate more, go through updateVisit). */
function transitionSet(action: string, now: Date, outcome: string | null) {
  switch (action) {
    case 'recall':
      return sql`call_count = v.call_count + 1, called_at = ${now}`;
    case 'no_show':
      return sql`state = 'no_show', completed_at = ${now}`;
    case 'hold':
      return sql`state = 'on_hold'`;
    case 'resume':
      return sql`state = 'waiting'`;
    case 'complete':
      return sql`state = 'completed', completed_at = ${now}, outcome_code = ${outcome}`;
    case 'leave':
      return sql`state = 'left', completed_at = ${now}`;
    case 'running_late':
      return sql`running_late = true`;
    case 'arrive':
      return sql`checked_in_at = coalesce(v.checked_in_at, ${now}), running_late = false`;
    default:
      throw new Error(`No simple transition "${action}"`);
  }
}

/**
 * A simple transition in one statement: lock the visit, change it if its state allows, append
 * the history row and announce it — or change nothing. Returns the state found (undefined: no
 * such visit) and the visit as changed (undefined: the state did not allow it).
 */
export async function applyTransition(
  db: Db,
  options: { visitId: string; action: string; allowed: readonly string[]; now: Date; actor: string; outcome: string | null; onlyIfNotCheckedIn: boolean; channel: string },
): Promise<{ priorState: string | undefined; visit: Visit | undefined }> {
  const details = JSON.stringify(options.outcome ? { outcome: options.outcome } : {});
  const guard = options.onlyIfNotCheckedIn ? sql`and prior.checked_in_at is null` : sql``;
  const result = await sql<Visit & { prior_state: string }>`
    with prior as (
      select id, state, counter_id, service_point_id, ticket, checked_in_at from visits where id = ${options.visitId} for update
    ), upd as (
      update visits v set ${transitionSet(options.action, options.now, options.outcome)}, updated_at = ${options.now}
      from prior where v.id = prior.id and prior.state in (${sql.join(options.allowed)}) ${guard}
      returning v.*
    ), ev as (
      insert into visit_events (visit_id, occurred_at, type, counter_id, actor, details)
      select upd.id, ${options.now}::timestamptz, ${options.action}::text, prior.counter_id, ${options.actor}::text,
        jsonb_build_object('from', prior.state, 'to', upd.state) || ${details}::jsonb
      from upd cross join prior
      returning visit_id
    ), note as (
      select pg_notify(${options.channel}::text, json_build_object('siteId', prior.service_point_id, 'change', ${options.action}::text, 'ticket', prior.ticket, 'counterId', prior.counter_id)::text)
      from upd cross join prior
    )
    select upd.*, prior.state as prior_state, (select count(*) from ev) as events, (select count(*) from note) as notes
    from prior left join upd on true`.execute(db);
  const row = result.rows[0];
  if (!row) return { priorState: undefined, visit: undefined };
  const { prior_state: priorState, events: _events, notes: _notes, ...visit } = row as Visit & { prior_state: string; events: unknown; notes: unknown };
  return { priorState, visit: visit.id ? (visit as Visit) : undefined };
}
