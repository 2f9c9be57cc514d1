/** The only SQL of the contact centre's calls, lines and agents. */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { AgentState, ContactCall, ContactCallsTable } from '../../platform/db/tables.contact.js';
import type { Insertable, Updateable } from 'kysely';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const findLine = (db: Db, ref: string) =>
  db
    .selectFrom('contact_lines')
    .selectAll()
    .where(UUID.test(ref) ? 'id' : 'code', '=', ref)
    .executeTakeFirst();

export const listLines = (db: Db) => db.selectFrom('contact_lines').selectAll().orderBy('priority', 'desc').orderBy('code').execute();

export const findAgent = (db: Db, agentId: string) => db.selectFrom('contact_agents').selectAll().where('id', '=', agentId).executeTakeFirst();

export const agentLineIds = async (db: Db, agentId: string) =>
  (await db.selectFrom('contact_agent_lines').select('line_id').where('agent_id', '=', agentId).execute()).map((r) => r.line_id);

export const setAgentState = (db: Db, agentId: string, state: AgentState, now: Date, currentCallId: string | null = null) =>
  db.updateTable('contact_agents').set({ state, state_since: now, current_call_id: currentCallId }).where('id', '=', agentId).returningAll().executeTakeFirstOrThrow();

export const insertCall = (db: Db, values: Insertable<ContactCallsTable>) => db.insertInto('contact_calls').values(values).returningAll().executeTakeFirstOrThrow();

export const updateCall = (db: Db, callId: string, values: Updateable<ContactCallsTable>) =>
  db.updateTable('contact_calls').set(values).where('id', '=', callId).returningAll().executeTakeFirstOrThrow();

export const findCall = (db: Db, callId: string) => db.selectFrom('contact_calls').selectAll().where('id', '=', callId).executeTakeFirst();

/** The call, locked for the rest of the transaction. */
export const lockCall = (db: Db, callId: string) => db.selectFrom('contact_calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst();

export const appendEvent = (db: Db, event: { callId: string; at: Date; type: string; agentId?: string | null; actor: string; details?: object }) =>
  db
    .insertInto('contact_call_events')
    .values({ call_id: event.callId, occurred_at: event.at, type: event.type, agent_id: event.agentId ?? null, actor: event.actor, details: JSON.stringify(event.details ?? {}) })
    .execute();

/** How many of each line's first callers the claim looks at before the whole queue. */
const CANDIDATES = 32;

/**
 * Take next, in one round trip (`contact_claim_next`, migrations/0011): lock the agent if
 * available; among the waiting calls and due callbacks on the agent's lines, in languages the
 * agent speaks, take the one of the most urgent line with the earliest original time in queue,
 * skipping rows another agent is claiming right now; give it to the agent (a call is connected,
 * a callback is dialled), put the agent on it, append the event. Undefined: nothing to take.
 */
export async function claimNext(db: Db, options: { agentId: string; now: Date; actor: string }): Promise<ContactCall | undefined> {
  const result = await sql<ContactCall>`select * from contact_claim_next(${options.agentId}, ${options.now}, ${options.actor}, ${CANDIDATES})`.execute(db);
  return result.rows[0];
}

/** Calls and due callbacks on a line in queue order, for positions and the supervisor. */
export const listQueue = (db: Db, lineId: string, now: Date) =>
  db
    .selectFrom('contact_calls')
    .select(['id', 'kind', 'state', 'queue_time', 'eligible_at', 'language'])
    .where('line_id', '=', lineId)
    .where('state', 'in', ['waiting', 'callback'])
    .where((eb) => eb.or([eb('eligible_at', 'is', null), eb('eligible_at', '<=', now)]))
    .orderBy('queue_time')
    .orderBy('id')
    .execute();

/** The line's agents who are signed in, with what they are doing and since when. */
export const listLineAgents = (db: Db, lineId: string) =>
  db
    .selectFrom('contact_agents as a')
    .innerJoin('contact_agent_lines as al', 'al.agent_id', 'a.id')
    .select(['a.id', 'a.name', 'a.state', 'a.state_since', 'a.languages'])
    .where('al.line_id', '=', lineId)
    .execute();

/** Mean handle time of the line's last calls (connected → ended), in seconds; null with none. */
export async function recentHandleSeconds(db: Db, lineId: string, limit = 50): Promise<number | null> {
  const rows = await db
    .selectFrom('contact_calls')
    .select(['connected_at', 'ended_at'])
    .where('line_id', '=', lineId)
    .where('state', '=', 'completed')
    .where('connected_at', 'is not', null)
    .where('ended_at', 'is not', null)
    .orderBy('ended_at', 'desc')
    .limit(limit)
    .execute();
  if (rows.length === 0) return null;
  return rows.reduce((sum, r) => sum + (r.ended_at!.getTime() - r.connected_at!.getTime()) / 1000, 0) / rows.length;
}

/** The line's last answered waits, oldest first (Asterisk's average folds them in order). */
export async function recentWaits(db: Db, lineId: string, limit = 30): Promise<number[]> {
  const rows = await db
    .selectFrom('contact_calls')
    .select('wait_seconds')
    .where('line_id', '=', lineId)
    .where('answered_at', 'is not', null)
    .where('wait_seconds', 'is not', null)
    .orderBy('answered_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.wait_seconds!).reverse();
}

/** Share of the line's last holding callers who hung up before an agent answered; 0 with none. */
export async function recentAbandonRate(db: Db, lineId: string, limit = 100): Promise<number> {
  const rows = await db
    .selectFrom('contact_calls')
    .select(['state', 'connected_at'])
    .where('line_id', '=', lineId)
    .where('kind', '=', 'call')
    .where('queue_time', 'is not', null)
    .where((eb) => eb.or([eb('state', '=', 'abandoned'), eb('answered_at', 'is not', null)]))
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.length === 0 ? 0 : rows.filter((r) => r.state === 'abandoned').length / rows.length;
}

/** The codes of the lines an agent answers. */
export const agentLineCodes = async (db: Db, agentId: string) =>
  (await db.selectFrom('contact_agent_lines as al').innerJoin('contact_lines as l', 'l.id', 'al.line_id').select('l.code').where('al.agent_id', '=', agentId).orderBy('l.code').execute()).map((r) => r.code);

export const findAgentOfAccount = (db: Db, staffUserId: string) => db.selectFrom('contact_agents').selectAll().where('staff_user_id', '=', staffUserId).executeTakeFirst();

export const lockAgent = (db: Db, agentId: string) => db.selectFrom('contact_agents').selectAll().where('id', '=', agentId).forUpdate().executeTakeFirst();

/** A line's code from its id, for scope checks. */
export const lineCodeOf = async (db: Db, lineId: string) => (await db.selectFrom('contact_lines').select('code').where('id', '=', lineId).executeTakeFirst())?.code;

/** The staff account an agent is, by id or email; disabled accounts are not found. */
export const findStaffAccount = (db: Db, ref: { id?: string | undefined; email?: string | undefined }) =>
  db
    .selectFrom('staff_users')
    .select(['id', 'email', 'display_name', 'role', 'lines'])
    .where('disabled_at', 'is', null)
    .where((eb) => (ref.id ? eb('id', '=', ref.id) : eb(eb.fn('lower', ['email']), '=', (ref.email ?? '').trim().toLowerCase())))
    .executeTakeFirst();

export const insertAgent = (db: Db, values: { staffUserId: string; name: string; languages: string[]; now: Date }) =>
  db.insertInto('contact_agents').values({ staff_user_id: values.staffUserId, name: values.name, languages: values.languages, state_since: values.now }).returningAll().executeTakeFirstOrThrow();

export const updateAgentLanguages = (db: Db, agentId: string, languages: string[]) => db.updateTable('contact_agents').set({ languages }).where('id', '=', agentId).returningAll().executeTakeFirstOrThrow();

/** Agents answering any of these lines (all lines when null), with their lines, for the supervisor and the console's picker. */
export async function listAgentsOnLines(db: Db, lineIds: readonly string[] | null) {
  if (lineIds !== null && lineIds.length === 0) return [];
  let query = db
    .selectFrom('contact_agents as a')
    .innerJoin('contact_agent_lines as al', 'al.agent_id', 'a.id')
    .select(['a.id', 'a.name', 'a.state', 'a.state_since', 'a.staff_user_id', 'al.line_id'])
    .orderBy('a.name')
    .orderBy('a.id');
  if (lineIds !== null) query = query.where('al.line_id', 'in', [...lineIds]);
  return query.execute();
}

/** Open inquiries by due date, on these lines (every line when null). */
export function listOpenInquiries(db: Db, options: { lineCodes: readonly string[] | null; limit: number }) {
  if (options.lineCodes !== null && options.lineCodes.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('contact_inquiries as i')
    .innerJoin('contact_lines as l', 'l.id', 'i.line_id')
    .select(['i.id', 'i.reference', 'i.subject', 'i.language', 'i.channel', 'i.received_at', 'i.due_on', 'l.code as line_code', 'l.name_en', 'l.name_fr'])
    .where('i.state', '=', 'open');
  if (options.lineCodes !== null) query = query.where('l.code', 'in', [...options.lineCodes]);
  return query.orderBy('i.due_on').orderBy('i.received_at').limit(options.limit).execute();
}

/** A simulated agent (the what-if simulator, load tests): no staff account, on one line. */
export async function insertSimulatedAgent(db: Db, values: { name: string; lineId: string; languages: string[]; now: Date }) {
  const agent = await db.insertInto('contact_agents').values({ name: values.name, languages: values.languages, state_since: values.now }).returningAll().executeTakeFirstOrThrow();
  await db.insertInto('contact_agent_lines').values({ agent_id: agent.id, line_id: values.lineId }).execute();
  return agent;
}
