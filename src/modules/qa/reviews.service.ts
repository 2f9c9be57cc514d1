/**
 * The reviewer's side: the queue of drawn files, one file with its checklist, the review with its
 * findings and the feedback the agent will read; the agent's side: their own feedback.
 */
import { recordAudit, type Actor } from '../../platform/audit.repo.js';
import { assertFileInScope, fileFilter } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { QaFindingType, QaResult, QaSeverity } from '../../platform/db/tables.qa.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './qa.repo.js';
import { QUARTER } from './sampling.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SampleStatus = 'pending' | 'reviewed' | 'all';

/** The drawn files of a programme and quarter within the reader's scope, with the realised rate; the read is audited. */
export async function listSamples(options: { db: Db; actor: Actor; programme?: string | undefined; quarter?: string | undefined; status?: SampleStatus; limit?: number }) {
  const { db, programme, quarter } = options;
  if (quarter !== undefined && !QUARTER.test(quarter)) throw new AppError('qa.bad_quarter', 400, {}, { quarter: 'qa.bad_quarter' });
  const scope = fileFilter(options.actor);
  const [items, counts] = await Promise.all([repo.listSamples(db, { programme, quarter, status: options.status ?? 'all', scope, limit: options.limit ?? 500 }), repo.countFrame(db, { programme, quarter, scope })]);
  await db.transaction().execute((trx) => recordAudit(trx, options.actor, { action: 'qa.samples.listed', entityType: 'qa_sample', details: { programme: programme ?? null, quarter: quarter ?? null, count: items.length } }));
  return { items, counts: counts.map((c) => ({ programme: c.programme, quarter: c.fiscal_quarter, considered: Number(c.considered), drawn: Number(c.drawn), reviewed: Number(c.reviewed) })) };
}

/** A drawn file is a client's file: reaching it takes the scope that reaches the file. */
function assertSampleInScope(actor: Actor, sample: repo.SampleRow) {
  assertFileInScope(actor, { number: sample.application_number, programme_code: sample.file_programme, province_code: sample.file_province ?? '', site_id: sample.file_site_id, assigned_site_id: sample.file_assigned_site_id });
}

/** One drawn file with its programme's checklist and its review, if done; the read is audited. */
export async function getSample(options: { db: Db; actor: Actor; sampleId: string }) {
  const { db } = options;
  const sample = UUID.test(options.sampleId) ? await repo.findSample(db, options.sampleId) : undefined;
  if (!sample) throw new AppError('qa.sample_not_found', 404);
  assertSampleInScope(options.actor, sample);
  const [checklist, review] = await Promise.all([repo.listChecklist(db, sample.programme, false), repo.findReview(db, sample.id)]);
  await db.transaction().execute((trx) => recordAudit(trx, options.actor, { action: 'qa.sample.read', entityType: 'qa_sample', entityId: sample.id, details: { applicationNumber: sample.application_number } }));
  return { sample, checklist: review ? checklist : checklist.filter((item) => item.active), review };
}

export interface ReviewInput {
  items: { code: string; result: QaResult }[];
  findings: { itemCode?: string | undefined; type: QaFindingType; severity: QaSeverity; description: string }[];
  comments?: string | undefined;
  feedback?: string | undefined;
}

/** Per-field problems of a review, as i18n keys; empty when it can be recorded. */
function reviewProblems(input: ReviewInput, checklist: { code: string }[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const results = new Map(input.items.map((i) => [i.code, i.result]));
  for (const item of checklist) if (!results.has(item.code)) problems[`item-${item.code}`] = 'qa.review.item_required';
  for (const code of results.keys()) if (!checklist.some((i) => i.code === code)) problems.items = 'qa.review.unknown_item';
  const failed = [...results].filter(([, r]) => r === 'fail').map(([code]) => code);
  if (failed.length > 0 && input.findings.length === 0) problems.findings = 'qa.review.finding_required';
  input.findings.forEach((finding, index) => {
    if (!finding.description.trim()) problems[`finding-${index}-description`] = 'qa.review.description_required';
    if (finding.itemCode && !results.has(finding.itemCode)) problems[`finding-${index}-item`] = 'qa.review.unknown_item';
  });
  return problems;
}

/** Records the review of a drawn file once, with its findings and the agent's feedback, audited. */
export async function recordReview(options: { db: Db; clock: Clock; actor: Actor; sampleId: string; input: ReviewInput }) {
  const { db, actor, input } = options;
  const sample = UUID.test(options.sampleId) ? await repo.findSample(db, options.sampleId) : undefined;
  if (!sample) throw new AppError('qa.sample_not_found', 404);
  assertSampleInScope(actor, sample);
  if (sample.review_id) throw new AppError('qa.already_reviewed', 409);
  // Nobody checks their own work: a reviewer who handled the file leaves it to a colleague.
  if (actor.id !== null && actor.id === sample.agent_id) throw new AppError('qa.own_file', 409);
  const checklist = await repo.listChecklist(db, sample.programme);
  const problems = reviewProblems(input, checklist);
  if (Object.keys(problems).length > 0) throw new AppError('qa.review.invalid', 400, {}, problems);
  const inError = input.items.some((i) => i.result === 'fail');
  const now = options.clock.now();
  return db.transaction().execute(async (trx) => {
    const reviewId = await repo.insertReview(
      trx,
      { frame_id: sample.id, reviewer_id: actor.id ?? actor.type, in_error: inError, comments: input.comments?.trim() ?? '', reviewed_at: now },
      input.items.map((i) => ({ item_code: i.code, result: i.result })),
      input.findings.map((f) => ({ item_code: f.itemCode || null, type: f.type, severity: f.severity, description: f.description.trim() })),
    );
    if (!reviewId) throw new AppError('qa.already_reviewed', 409);
    const feedback = input.feedback?.trim();
    if (feedback && sample.agent_id) await repo.insertFeedback(trx, { review_id: reviewId, agent_id: sample.agent_id, message: feedback, sent_at: now });
    await recordAudit(trx, actor, {
      action: 'qa.review.recorded',
      entityType: 'qa_sample',
      entityId: sample.id,
      details: { reviewId, applicationNumber: sample.application_number, inError, findings: input.findings.length, feedbackSent: Boolean(feedback && sample.agent_id) },
    });
    return { reviewId, inError, feedbackSent: Boolean(feedback && sample.agent_id) };
  });
}

/** The feedback addressed to the signed-in agent, and nobody else's; the read is audited. */
export async function listMyFeedback(options: { db: Db; actor: Actor }) {
  if (!options.actor.id) return [];
  const rows = await repo.listFeedbackFor(options.db, options.actor.id, 100);
  await options.db.transaction().execute((trx) => recordAudit(trx, options.actor, { action: 'qa.feedback.read', entityType: 'qa_feedback', details: { count: rows.length } }));
  return rows;
}

export async function acknowledgeFeedback(options: { db: Db; clock: Clock; actor: Actor; reviewId: string }) {
  const { db, actor } = options;
  if (!UUID.test(options.reviewId) || !actor.id) throw new AppError('qa.feedback_not_found', 404);
  return db.transaction().execute(async (trx) => {
    const done = await repo.acknowledgeFeedback(trx, options.reviewId, actor.id!, options.clock.now());
    if (!done) throw new AppError('qa.feedback_not_found', 404);
    await recordAudit(trx, actor, { action: 'qa.feedback.acknowledged', entityType: 'qa_feedback', entityId: options.reviewId });
  });
}
