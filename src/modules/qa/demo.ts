/**
 * The demo's QA work: reviews of most of the drawn files (the latest stay in the queue), with a
 * plausible error rate (about 6 % of files, a few critical), findings, feedback to the agents, and
 * a season of in-person observations. Deterministic (a hash of each id, not Math.random), in bulk.
 */
import { createHash } from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { QaFindingType, QaResult, QaSeverity } from '../../platform/db/tables.qa.js';
import * as demo from './demo.repo.js';
import { OBSERVATION_ITEMS } from './quality.service.js';

/** The share of drawn files left unreviewed, newest first, so the queue has work in it. */
const PENDING_SHARE = 0.15;
const ERROR_SHARE = 0.06;
const TYPES: QaFindingType[] = ['documents', 'data_entry', 'identity', 'fees', 'procedure', 'eligibility'];
const DESCRIPTIONS: Record<QaFindingType, string> = {
  documents: 'Proof of citizenship recorded without its certificate number.',
  data_entry: 'Date of birth on the file differs from the application form.',
  identity: 'Guarantor not contacted although the declaration was incomplete.',
  fees: 'Express fee not collected for an express service.',
  procedure: 'No file note explaining the accepted exception.',
  eligibility: 'Previous travel document not checked before issuing.',
  privacy: 'Client information sent to an unverified email address.',
  client_service: 'Client not told of the expected delay.',
};

/** A number in [0, 1) fixed by a string: the demo is the same on every seed. */
const unit = (text: string) => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;

function reviewOf(sample: { id: string; agent_id: string | null }, checklist: string[]) {
  const inError = unit(`error:${sample.id}`) < ERROR_SHARE;
  const failed = inError ? checklist[Math.floor(unit(`item:${sample.id}`) * checklist.length)]! : null;
  const items = checklist.map((code) => ({ item_code: code, result: (code === failed ? 'fail' : unit(`na:${sample.id}:${code}`) < 0.05 ? 'not_applicable' : 'pass') as QaResult }));
  if (!failed) return { inError, items, findings: [], feedback: null };
  const type = TYPES[Math.floor(unit(`type:${sample.id}`) * TYPES.length)]!;
  const roll = unit(`severity:${sample.id}`);
  const severity: QaSeverity = roll < 0.1 ? 'critical' : roll < 0.45 ? 'major' : 'minor';
  const findings = [{ item_code: failed, type, severity, description: DESCRIPTIONS[type] }];
  const feedback = sample.agent_id ? `${DESCRIPTIONS[type]} Please review the procedure for this step; no action is needed on this file.` : null;
  return { inError, items, findings, feedback };
}

export async function loadDemoReviews(options: { db: Db; actor: Actor }): Promise<void> {
  const { db, actor } = options;
  const reviewer = await demo.findStaffOfRole(db, 'qa_reviewer');
  const samples = await demo.listUnreviewedSamples(db);
  const keep = Math.ceil(samples.length * PENDING_SHARE);
  const toReview = samples.slice(0, samples.length - keep);
  const checklists = await demo.listChecklists(db);
  await db.transaction().execute(async (trx) => {
    const reviews = toReview.map((sample) => ({ sample, ...reviewOf(sample, checklists.get(sample.programme) ?? []) }));
    await demo.insertReviews(trx, reviews, reviewer ?? 'system:seed');
    await loadDemoObservations(trx, reviewer ?? 'system:seed');
    const agent = await demo.findStaffOfRole(trx, 'agent');
    if (agent) await demo.setTeams(trx, [{ agent_id: agent, team: 'Équipe A – Team A' }]);
    await recordAudit(trx, actor, { action: 'qa.demo.loaded', details: { reviews: reviews.length, inError: reviews.filter((r) => r.inError).length } });
  });
}

/** Two observations a month over the last half-year at a handful of passport sites. */
async function loadDemoObservations(db: Db, observer: string) {
  const sites = await demo.listPassportSites(db, 6);
  const rows = [];
  for (const [index, siteId] of sites.entries()) {
    for (let week = 0; week < 26; week += 2) {
      const id = `${siteId}:${week}`;
      const items = OBSERVATION_ITEMS.map((code) => ({ item_code: code, result: (unit(`${id}:${code}`) < 0.12 ? 'fail' : 'pass') as QaResult }));
      rows.push({ siteId, mode: (week + index) % 3 === 0 ? ('virtual' as const) : ('on_site' as const), observer, daysAgo: week * 7 + index + 1, items });
    }
  }
  await demo.insertObservations(db, rows);
}
