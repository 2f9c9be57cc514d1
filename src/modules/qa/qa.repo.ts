/** The only SQL of quality assurance: plans, keys, the sampling frame, reviews and their parts. */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { fileFilter } from '../../platform/auth/scope.js';
import type { QaFindingType, QaResult, QaSeverity } from '../../platform/db/tables.qa.js';

export const findPlan = (db: Db, programme: string) => db.selectFrom('qa_plans').selectAll().where('programme', '=', programme).executeTakeFirst();
export const listPlans = (db: Db) => db.selectFrom('qa_plans').selectAll().orderBy('programme').execute();
export const listRates = (db: Db, programme?: string) => {
  let query = db.selectFrom('qa_rates').selectAll().orderBy('programme').orderBy('from_quarter');
  if (programme) query = query.where('programme', '=', programme);
  return query.execute();
};
export const listKeys = (db: Db) => db.selectFrom('qa_sampling_keys').selectAll().orderBy('version').execute();

export async function upsertPlan(db: Db, plan: { programme: string; stage: string; active: boolean }) {
  await db
    .insertInto('qa_plans')
    .values({ ...plan, updated_at: new Date() })
    .onConflict((oc) => oc.column('programme').doUpdateSet({ stage: plan.stage, active: plan.active, updated_at: new Date() }))
    .execute();
}

export async function upsertRate(db: Db, row: { programme: string; from_quarter: string; rate: number }) {
  await db.insertInto('qa_rates').values(row).onConflict((oc) => oc.columns(['programme', 'from_quarter']).doUpdateSet({ rate: row.rate })).execute();
}

export async function upsertChecklistItem(db: Db, item: { programme: string; code: string; label_en: string; label_fr: string; sort_order: number; active: boolean }) {
  const { programme: _p, code: _c, ...changes } = item;
  await db.insertInto('qa_checklist_items').values(item).onConflict((oc) => oc.columns(['programme', 'code']).doUpdateSet(changes)).execute();
}

export const listChecklist = (db: Db, programme: string, activeOnly = true) => {
  let query = db.selectFrom('qa_checklist_items').selectAll().where('programme', '=', programme).orderBy('sort_order').orderBy('code');
  if (activeOnly) query = query.where('active', '=', true);
  return query.execute();
};

/** The first key, made on first use; `on conflict` keeps two first draws from making two. */
export async function insertKey(db: Db, key: { version: number; secret: string; activated_at: Date; created_by: string; reason: string }) {
  return db.insertInto('qa_sampling_keys').values(key).onConflict((oc) => oc.column('version').doNothing()).returning('version').executeTakeFirst();
}

/**
 * In one round trip, what a draw needs: the programme's plan when its stage is this one, the key in
 * force at that moment and the quarter's rate (0 before the schedule starts). Nothing when the
 * programme does not sample at this stage — the common case, answered by the primary key.
 */
export const findDrawRule = (db: Db, rule: { programme: string; stage: string; at: Date; quarter: string }) =>
  db
    .selectFrom('qa_plans as p')
    .leftJoinLateral(
      (eb) => eb.selectFrom('qa_sampling_keys').select(['version', 'secret']).where('activated_at', '<=', rule.at).orderBy('activated_at', 'desc').orderBy('version', 'desc').limit(1).as('k'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) => eb.selectFrom('qa_rates as r').select('r.rate').whereRef('r.programme', '=', 'p.programme').where('r.from_quarter', '<=', rule.quarter).orderBy('r.from_quarter', 'desc').limit(1).as('r'),
      (join) => join.onTrue(),
    )
    .select(['k.version', 'k.secret', 'r.rate'])
    .where('p.programme', '=', rule.programme)
    .where('p.stage', '=', rule.stage)
    .where('p.active', '=', true)
    .executeTakeFirst();

export async function insertFrame(db: Db, row: { application_id: string; application_number: string; programme: string; type_code: string; stage: string; site_id: string | null; agent_id: string | null; reached_at: Date; fiscal_quarter: string; rate: number; key_version: number; drawn: boolean }) {
  return db.insertInto('qa_frame').values(row).onConflict((oc) => oc.columns(['application_id', 'stage']).doNothing()).returning('id').executeTakeFirst();
}

export type FrameRow = Parameters<typeof insertFrame>[1];

/** Many frame rows at once, in chunks; the ones already there (same file and stage) are skipped. */
export async function insertFrames(db: Db, rows: readonly FrameRow[]) {
  const inserted = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    inserted.push(...(await db.insertInto('qa_frame').values(chunk).onConflict((oc) => oc.columns(['application_id', 'stage']).doNothing()).returning(['id', 'drawn', 'application_number', 'programme', 'stage', 'fiscal_quarter', 'key_version']).execute()));
  }
  return inserted;
}

/** Where a person may reach files (see `fileFilter`); null reaches every file. */
export type FileScope = ReturnType<typeof fileFilter>;

/**
 * The file behind a frame row (`f`), for scope: its application (`a`) as it stands, or, for a row
 * whose application is not on record, what the frame kept (the programme, and the site at the
 * time, `s`). A drawn file is reached by whoever may reach the file itself.
 */
const FILE = {
  programme: sql<string>`coalesce(a.programme_code, f.programme)`,
  province: sql<string | null>`coalesce(a.province_code, s.province_code)`,
  site: sql<string | null>`case when a.id is null then f.site_id else a.site_id::text end`,
  assigned: sql<string | null>`a.assigned_site_id::text`,
};

/** The condition on `f`, `a` and `s` for the files a scope reaches: the SQL twin of `coversFile`. */
export function frameInScope(scope: NonNullable<FileScope>) {
  const [programmes, regions, sites] = [[...scope.programmes], [...scope.regions], [...scope.siteIds]];
  return sql<boolean>`(${FILE.programme} = any(${programmes}::text[]) and (${FILE.province} = any(${regions}::text[]) or ${FILE.site} = any(${sites}::text[]) or ${FILE.assigned} = any(${sites}::text[])))`;
}

const sampleColumns = (db: Db) =>
  db
    .selectFrom('qa_frame as f')
    .leftJoin('qa_reviews as r', 'r.frame_id', 'f.id')
    .leftJoin('service_points as s', (join) => join.on(sql`s.id::text`, '=', sql.ref('f.site_id')))
    .leftJoin('staff_users as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('f.agent_id')))
    // By the number's index, checked against the id (a frame keeps both).
    .leftJoin('applications as a', (join) => join.onRef('a.number', '=', 'f.application_number').on(sql`a.id::text`, '=', sql.ref('f.application_id')))
    .select(['f.id', 'f.application_id', 'f.application_number', 'f.programme', 'f.type_code', 'f.stage', 'f.site_id', 'f.agent_id', 'f.reached_at', 'f.fiscal_quarter', 'f.rate', 'f.key_version', 'f.drawn'])
    .select(['s.code as site_code', 's.name_en as site_name_en', 's.name_fr as site_name_fr', 'u.display_name as agent_name', 'r.id as review_id', 'r.in_error', 'r.reviewed_at'])
    .select([FILE.programme.as('file_programme'), FILE.province.as('file_province'), FILE.site.as('file_site_id'), FILE.assigned.as('file_assigned_site_id')]);

export type SampleRow = Awaited<ReturnType<typeof findSample>> & object;

export const findSample = (db: Db, frameId: string) => sampleColumns(db).where('f.id', '=', frameId).where('f.drawn', '=', true).executeTakeFirst();

export function listSamples(db: Db, filter: { programme?: string | undefined; quarter?: string | undefined; status: 'pending' | 'reviewed' | 'all'; scope: FileScope; limit: number }) {
  let query = sampleColumns(db).where('f.drawn', '=', true).orderBy('f.reached_at').orderBy('f.id').limit(filter.limit);
  if (filter.scope) query = query.where(frameInScope(filter.scope));
  if (filter.programme) query = query.where('f.programme', '=', filter.programme);
  if (filter.quarter) query = query.where('f.fiscal_quarter', '=', filter.quarter);
  if (filter.status === 'pending') query = query.where('r.id', 'is', null);
  if (filter.status === 'reviewed') query = query.where('r.id', 'is not', null);
  return query.execute();
}

/** Files considered and drawn per programme and quarter (within a scope): the realised rate against the plan. */
export function countFrame(db: Db, filter: { programme?: string | undefined; quarter?: string | undefined; scope: FileScope }) {
  let query = db
    .selectFrom('qa_frame as f')
    .leftJoin('qa_reviews as r', 'r.frame_id', 'f.id')
    .leftJoin('service_points as s', (join) => join.on(sql`s.id::text`, '=', sql.ref('f.site_id')))
    .leftJoin('applications as a', (join) => join.onRef('a.number', '=', 'f.application_number').on(sql`a.id::text`, '=', sql.ref('f.application_id')))
    .select(['f.programme', 'f.fiscal_quarter'])
    .select((eb) => [
      eb.fn.countAll<string>().as('considered'),
      eb.fn.count<string>(eb.case().when('f.drawn', '=', true).then(1).end()).as('drawn'),
      eb.fn.count<string>('r.id').as('reviewed'),
    ])
    .groupBy(['f.programme', 'f.fiscal_quarter'])
    .orderBy('f.fiscal_quarter', 'desc')
    .orderBy('f.programme');
  if (filter.programme) query = query.where('f.programme', '=', filter.programme);
  if (filter.quarter) query = query.where('f.fiscal_quarter', '=', filter.quarter);
  if (filter.scope) query = query.where(frameInScope(filter.scope));
  return query.execute();
}

/** One page of the frame of a programme and quarter, for re-deriving the draw (keyset paging). */
export const listFramePage = (db: Db, filter: { programme: string; quarter: string; after: string; limit: number }) =>
  db
    .selectFrom('qa_frame')
    .select(['id', 'application_id', 'application_number', 'key_version', 'drawn'])
    .where('programme', '=', filter.programme)
    .where('fiscal_quarter', '=', filter.quarter)
    .where('id', '>', filter.after)
    .orderBy('id')
    .limit(filter.limit)
    .execute();

export async function insertReview(
  db: Db,
  review: { frame_id: string; reviewer_id: string; in_error: boolean; comments: string; reviewed_at: Date },
  items: { item_code: string; result: QaResult }[],
  findings: { item_code: string | null; type: QaFindingType; severity: QaSeverity; description: string }[],
) {
  const inserted = await db.insertInto('qa_reviews').values(review).onConflict((oc) => oc.column('frame_id').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return undefined;
  if (items.length) await db.insertInto('qa_review_items').values(items.map((i) => ({ ...i, review_id: inserted.id }))).execute();
  if (findings.length) await db.insertInto('qa_findings').values(findings.map((f) => ({ ...f, review_id: inserted.id }))).execute();
  return inserted.id;
}

export const insertFeedback = (db: Db, row: { review_id: string; agent_id: string; message: string; sent_at: Date }) => db.insertInto('qa_feedback').values(row).execute();

export async function findReview(db: Db, frameId: string) {
  const review = await db.selectFrom('qa_reviews').selectAll().where('frame_id', '=', frameId).executeTakeFirst();
  if (!review) return undefined;
  const [items, findings, feedback] = await Promise.all([
    db.selectFrom('qa_review_items').select(['item_code', 'result']).where('review_id', '=', review.id).orderBy('item_code').execute(),
    db.selectFrom('qa_findings').select(['id', 'item_code', 'type', 'severity', 'description']).where('review_id', '=', review.id).orderBy('id').execute(),
    db.selectFrom('qa_feedback').selectAll().where('review_id', '=', review.id).executeTakeFirst(),
  ]);
  return { ...review, items, findings, feedback };
}

export async function listFeedbackFor(db: Db, agentId: string, limit: number) {
  const rows = await db
    .selectFrom('qa_feedback as fb')
    .innerJoin('qa_reviews as r', 'r.id', 'fb.review_id')
    .innerJoin('qa_frame as f', 'f.id', 'r.frame_id')
    .select(['fb.review_id', 'fb.message', 'fb.sent_at', 'fb.acknowledged_at', 'r.in_error', 'f.application_number', 'f.programme', 'f.stage'])
    .where('fb.agent_id', '=', agentId)
    .orderBy('fb.sent_at', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.review_id);
  const findings = ids.length ? await db.selectFrom('qa_findings').select(['review_id', 'type', 'severity', 'description']).where('review_id', 'in', ids).orderBy('id').execute() : [];
  return rows.map((row) => ({ ...row, findings: findings.filter((f) => f.review_id === row.review_id) }));
}

export const acknowledgeFeedback = (db: Db, reviewId: string, agentId: string, at: Date) =>
  db
    .updateTable('qa_feedback')
    .set({ acknowledged_at: sql<Date>`coalesce(acknowledged_at, ${at})` })
    .where('review_id', '=', reviewId)
    .where('agent_id', '=', agentId)
    .returning('review_id')
    .executeTakeFirst();

/** Where a staff account works: its national flag, regions, and service points with their province. */
export async function findStaffPlaces(db: Db, userId: string) {
  const user = await db.selectFrom('staff_users').select(['id', 'national', 'regions', 'site_ids']).where(sql`id::text`, '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const sites = user.site_ids.length ? await db.selectFrom('service_points').select(['id', 'province_code']).where('id', 'in', user.site_ids).execute() : [];
  return { national: user.national, regions: user.regions, sites };
}

export const setTeam = (db: Db, agentId: string, team: string) =>
  db.insertInto('qa_team_members').values({ agent_id: agentId, team, updated_at: new Date() }).onConflict((oc) => oc.column('agent_id').doUpdateSet({ team, updated_at: new Date() })).execute();
