/** The SQL of the QA demo: bulk inserts, so the seed stays fast with thousands of drawn files. */
import type { Db } from '../../platform/db/database.js';
import type { QaFindingType, QaObservationMode, QaResult, QaSeverity } from '../../platform/db/tables.qa.js';

const CHUNK = 500;
const DAY_MS = 86_400_000;

export const findStaffOfRole = async (db: Db, role: 'qa_reviewer' | 'agent') =>
  (await db.selectFrom('staff_users').select('id').where('role', '=', role).orderBy('created_at').limit(1).executeTakeFirst())?.id;

export const listUnreviewedSamples = (db: Db) =>
  db
    .selectFrom('qa_frame as f')
    .leftJoin('qa_reviews as r', 'r.frame_id', 'f.id')
    .select(['f.id', 'f.programme', 'f.agent_id', 'f.reached_at'])
    .where('f.drawn', '=', true)
    .where('r.id', 'is', null)
    .orderBy('f.reached_at')
    .orderBy('f.id')
    .execute();

export async function listChecklists(db: Db) {
  const rows = await db.selectFrom('qa_checklist_items').select(['programme', 'code']).where('active', '=', true).orderBy('sort_order').execute();
  const byProgramme = new Map<string, string[]>();
  for (const row of rows) byProgramme.set(row.programme, [...(byProgramme.get(row.programme) ?? []), row.code]);
  return byProgramme;
}

interface DemoReview {
  sample: { id: string; agent_id: string | null; reached_at: Date };
  inError: boolean;
  items: { item_code: string; result: QaResult }[];
  findings: { item_code: string; type: QaFindingType; severity: QaSeverity; description: string }[];
  feedback: string | null;
}

export async function insertReviews(db: Db, reviews: DemoReview[], reviewer: string) {
  for (let start = 0; start < reviews.length; start += CHUNK) {
    const chunk = reviews.slice(start, start + CHUNK);
    // Reviewed within two days of the draw: the programme reviews in real time.
    const reviewedAt = (r: DemoReview) => new Date(r.sample.reached_at.getTime() + 2 * DAY_MS);
    const ids = await db
      .insertInto('qa_reviews')
      .values(chunk.map((r) => ({ frame_id: r.sample.id, reviewer_id: reviewer, in_error: r.inError, comments: '', reviewed_at: reviewedAt(r) })))
      .returning(['id', 'frame_id'])
      .execute();
    const idOf = new Map(ids.map((row) => [row.frame_id, row.id]));
    const items = chunk.flatMap((r) => r.items.map((i) => ({ ...i, review_id: idOf.get(r.sample.id)! })));
    for (let i = 0; i < items.length; i += CHUNK * 4) await db.insertInto('qa_review_items').values(items.slice(i, i + CHUNK * 4)).execute();
    const findings = chunk.flatMap((r) => r.findings.map((f) => ({ ...f, review_id: idOf.get(r.sample.id)! })));
    if (findings.length) await db.insertInto('qa_findings').values(findings).execute();
    const feedback = chunk.filter((r) => r.feedback && r.sample.agent_id).map((r) => ({ review_id: idOf.get(r.sample.id)!, agent_id: r.sample.agent_id!, message: r.feedback!, sent_at: reviewedAt(r) }));
    if (feedback.length) await db.insertInto('qa_feedback').values(feedback).execute();
  }
}

export const listPassportSites = async (db: Db, limit: number) =>
  (
    await db
      .selectFrom('service_points as s')
      .innerJoin('service_point_services as x', 'x.service_point_id', 's.id')
      .select('s.id')
      .where('x.service_code', '=', 'passport')
      .where('s.status', '=', 'open')
      .orderBy('s.code')
      .limit(limit)
      .execute()
  ).map((r) => r.id);

export async function insertObservations(db: Db, rows: { siteId: string; mode: QaObservationMode; observer: string; daysAgo: number; items: { item_code: string; result: QaResult }[] }[]) {
  if (rows.length === 0) return;
  const now = Date.now();
  const ids = await db
    .insertInto('qa_observations')
    .values(rows.map((r) => ({ service_point_id: r.siteId, visit_id: null, mode: r.mode, observer_id: r.observer, observed_at: new Date(now - r.daysAgo * DAY_MS), notes: '' })))
    .returning('id')
    .execute();
  const items = rows.flatMap((r, index) => r.items.map((i) => ({ ...i, observation_id: ids[index]!.id })));
  await db.insertInto('qa_observation_items').values(items).execute();
}

export const setTeams = (db: Db, rows: { agent_id: string; team: string }[]) =>
  db.insertInto('qa_team_members').values(rows.map((r) => ({ ...r, updated_at: new Date() }))).onConflict((oc) => oc.column('agent_id').doNothing()).execute();
