/** The SQL of applications: the only place that reads or writes their tables. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit.repo.js';
import type { fileFilter } from '../../platform/auth/scope.js';
import type { Application } from '../../platform/db/tables.cases.js';
import type { Role, Tables } from '../../platform/db/tables.js';

/** Where a person may reach files (see `fileFilter`); null reaches every file. */
export type FileScope = ReturnType<typeof fileFilter>;

/**
 * The files a scope reaches, as a condition on `applications`: one of the person's programmes,
 * and handled where they work (the file's province is one of their regions, or it was received
 * at or is assigned to one of their service points). The SQL twin of `coversFile`.
 */
export function fileInScope(scope: NonNullable<FileScope>) {
  return (eb: ExpressionBuilder<Tables, 'applications'>) => {
    const anyOf = (column: 'programme_code' | 'province_code' | 'site_id' | 'assigned_site_id', values: readonly string[]) => (values.length > 0 ? eb(column, 'in', [...values]) : eb.lit(false));
    return eb.and([anyOf('programme_code', scope.programmes), eb.or([anyOf('province_code', scope.regions), anyOf('site_id', scope.siteIds), anyOf('assigned_site_id', scope.siteIds)])]);
  };
}

export const findByNumber = (db: Db, number: string) => db.selectFrom('applications').selectAll().where('number', '=', number).executeTakeFirst();

export const lockByNumber = (db: Db, number: string) => db.selectFrom('applications').selectAll().where('number', '=', number).forUpdate().executeTakeFirst();

export async function insertApplication(db: Db, values: Omit<Application, 'id' | 'completed_at' | 'completed_day' | 'within_standard' | 'decision' | 'decision_note' | 'decided_at' | 'assigned_agent_id'>) {
  return db.insertInto('applications').values(values).onConflict((c) => c.column('number').doNothing()).returningAll().executeTakeFirst();
}

export const updateApplication = (db: Db, id: string, values: Partial<Omit<Application, 'id' | 'number'>>) =>
  db.updateTable('applications').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export async function appendEvent(
  db: Db,
  event: { applicationId: string; at: Date; type: string; actor: string; fromStage?: string | null; toStage?: string | null; reason?: string | null; public?: boolean; details?: Record<string, unknown> },
) {
  await db
    .insertInto('application_events')
    .values({
      application_id: event.applicationId,
      occurred_at: event.at,
      type: event.type,
      actor: event.actor,
      from_stage: event.fromStage ?? null,
      to_stage: event.toStage ?? null,
      reason: event.reason ?? null,
      public: event.public ?? true,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export const listEvents = (db: Db, applicationId: string, publicOnly: boolean) => {
  let query = db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId);
  if (publicOnly) query = query.where('public', '=', true);
  return query.orderBy('id').execute();
};

export const listDocumentRequests = (db: Db, applicationId: string) =>
  db.selectFrom('document_requests').selectAll().where('application_id', '=', applicationId).orderBy('requested_at').execute();

export const insertDocumentRequest = (db: Db, values: { application_id: string; kind: string; note: string; due_day: string; requested_at: Date }) =>
  db.insertInto('document_requests').values(values).returningAll().executeTakeFirstOrThrow();

export const markDocumentReceived = (db: Db, applicationId: string, requestId: string, at: Date) =>
  db.updateTable('document_requests').set({ received_at: at }).where('id', '=', requestId).where('application_id', '=', applicationId).where('received_at', 'is', null).returningAll().executeTakeFirst();

export interface InventoryFilter {
  programme?: string | undefined;
  typeCode?: string | undefined;
  siteId?: string | undefined;
  agentId?: string | undefined;
  band?: Band | undefined;
  /** Where the reader may reach files: the list holds only those. */
  scope: FileScope;
  today: string;
  limit: number;
  offset: number;
}

export type Band = 'within' | 'at_risk' | 'overdue';

/**
 * A file is overdue past its expected day, and at risk in the last fifth of its standard's span
 * (two days of a ten-day standard, seven weeks of a year), so the bands scale with the standard.
 */
const riskStarts = sql<string>`(expected_by - ((expected_by - (received_at at time zone 'America/Toronto')::date) / 5))`;
export const bandOf = (today: string) =>
  sql<Band>`case when expected_by < ${today}::date then 'overdue' when ${riskStarts} <= ${today}::date then 'at_risk' else 'within' end`;

/** Open files, oldest first, with how many fall in each band. */
export async function listOpen(db: Db, filter: InventoryFilter) {
  let query = db.selectFrom('applications').where('state', '=', 'open');
  if (filter.scope) query = query.where(fileInScope(filter.scope));
  if (filter.programme) query = query.where('programme_code', '=', filter.programme);
  if (filter.typeCode) query = query.where('type_code', '=', filter.typeCode);
  if (filter.siteId) query = query.where((eb) => eb.or([eb('assigned_site_id', '=', filter.siteId!), eb('site_id', '=', filter.siteId!)]));
  if (filter.agentId) query = query.where('assigned_agent_id', '=', filter.agentId);
  const counts = await query
    .select(bandOf(filter.today).as('band'))
    .select(sql<number>`count(*)::int`.as('n'))
    .groupBy('band')
    .execute();
  if (filter.band) query = query.where(bandOf(filter.today), '=', filter.band);
  const rows = await query.selectAll().select(bandOf(filter.today).as('band')).orderBy('received_at').orderBy('number').limit(filter.limit).offset(filter.offset).execute();
  const count = (band: Band) => counts.find((c) => c.band === band)?.n ?? 0;
  return { rows, total: filter.band ? count(filter.band) : counts.reduce((sum, c) => sum + c.n, 0), counts: { within: count('within'), at_risk: count('at_risk'), overdue: count('overdue') } };
}

/** The file an office's inquiry is about. */
export const findInquiryFile = (db: Db, inquiryId: string) =>
  db.selectFrom('partner_inquiries as i').innerJoin('applications as a', 'a.id', 'i.application_id').selectAll('a').where('i.id', '=', inquiryId).executeTakeFirst();

/** A service point as scope sees it, for checking where a file is sent. */
export const findServicePoint = (db: Db, id: string) => db.selectFrom('service_points').select(['id', 'province_code']).where('id', '=', id).executeTakeFirst();

/** A staff account files may be assigned to: active, and a case-working role. */
export const findCaseWorker = (db: Db, id: string, roles: readonly Role[]) =>
  db.selectFrom('staff_users').select(['id', 'role']).where('id', '=', id).where('disabled_at', 'is', null).where('role', 'in', [...roles]).executeTakeFirst();

export interface ClientRecords {
  events: { at: string; type: string; to_stage: string | null; details: Record<string, unknown> }[];
  requests: { kind: string; note: string; due_day: string; received: boolean }[];
}

export interface LookupInput {
  /** Refused by the throttle: only the audit row is written, outcome 'limited'. */
  limited: boolean;
  number: string;
  /** A well-formed YYYY-MM-DD or '' (which no file has). */
  dateOfBirth: string;
  actor: Actor;
  channel: string;
}

/**
 * A status look-up is one statement, whatever its outcome: it reads the file behind the number (if
 * any) with what the client may see of it (public history, document requests), and appends the
 * audit row (found, miss or limited) — the same columns `recordAudit` writes. It also turns synchronous_commit off for itself: see
 * status.service.ts. The caller still decides, with a constant-time comparison, what to show.
 */
export async function lookUp(db: Db, input: LookupInput) {
  const result = await sql<Application & { limited: boolean; client_records: ClientRecords | string }>`
    with verdict as (select ${input.limited}::boolean as limited),
    found as (
      select a.* from (select set_config('synchronous_commit', 'off', true)) as settings left join applications a on a.number = ${input.number} and not ${input.limited}::boolean
    ),
    audit as (
      insert into audit_log (actor_type, actor_id, action, entity_type, entity_id, ip, request_id, details)
      select ${input.actor.type}, ${input.actor.id}, 'cases.status_lookup', 'application',
        case when not v.limited and f.date_of_birth::text = ${input.dateOfBirth} then f.id::text end, ${input.actor.ip}, ${input.actor.requestId},
        jsonb_build_object('outcome', case when v.limited then 'limited' when f.date_of_birth::text = ${input.dateOfBirth} then 'found' else 'miss' end, 'tried', ${input.number}::text, 'channel', ${input.channel}::text)
      from found f cross join verdict v
    )
    select v.limited, f.*,
      json_build_object(
        'events', (select coalesce(json_agg(json_build_object('at', e.occurred_at, 'type', e.type, 'to_stage', e.to_stage, 'details', e.details) order by e.id), '[]') from application_events e where e.application_id = f.id and e.public),
        'requests', (select coalesce(json_agg(json_build_object('kind', r.kind, 'note', r.note, 'due_day', r.due_day, 'received', r.received_at is not null) order by r.requested_at), '[]') from document_requests r where r.application_id = f.id)
      ) as client_records
    from found f cross join verdict v`.execute(db);
  const { limited, client_records: records, ...row } = result.rows[0]!;
  return { limited, file: row.id ? (row as Application) : undefined, records: (typeof records === 'string' ? JSON.parse(records) : records) as ClientRecords };
}
