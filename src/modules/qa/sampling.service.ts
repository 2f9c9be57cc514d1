/**
 * Drawing files into the QA sample as they reach their programme's stage, the keys of the rule,
 * and re-deriving a quarter's sample from the keys to show the draw was the rule's.
 */
import { recordAudit, systemActor, type Actor } from '../../platform/audit.repo.js';
import { assertNational } from '../../platform/auth/scope.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import * as repo from './qa.repo.js';
import { fiscalQuarter, isDrawn, newSecret, QUARTER, rateFor } from './sampling.js';
import type { StageReached } from './index.js';

const SAMPLER = systemActor('qa-sampling');
const FRAME_PAGE = 20_000;

/** The keys, with the first one made on first use: it covers every file before any rotation. */
async function ensureKeys(db: Db) {
  const keys = await repo.listKeys(db);
  if (keys.length > 0) return keys;
  const made = await repo.insertKey(db, { version: 1, secret: newSecret(), activated_at: new Date(0), created_by: 'system:qa-sampling', reason: 'first key' });
  if (made) await recordAudit(db, SAMPLER, { action: 'qa.key.created', entityType: 'qa_key', entityId: '1', details: { version: 1 } });
  return repo.listKeys(db);
}

/**
 * Runs inside the caller's transaction: the draw commits, or not, with the stage move. Once per file
 * and stage (the frame's unique key): a file moved back and forward is not drawn twice.
 */
export async function considerForQaSample(db: Db, event: StageReached): Promise<void> {
  const quarter = fiscalQuarter(event.at);
  const where = { programme: event.programme, stage: event.stage, at: event.at, quarter };
  let rule = await repo.findDrawRule(db, where);
  if (!rule) return;
  if (rule.version === null) {
    // No key in force yet: make the first, which covers every moment before any rotation.
    await ensureKeys(db);
    rule = await repo.findDrawRule(db, where);
  }
  const row = frameRow(event, quarter, rule!.rate ?? 0, rule!.version!, rule!.secret!);
  const inserted = await repo.insertFrame(db, row);
  if (inserted && row.drawn) await auditDraw(db, { ...row, id: inserted.id });
}

/** What the frame keeps of a file reaching its sampling stage, with the rule's draw. */
function frameRow(event: StageReached, quarter: string, rate: number, keyVersion: number, secret: string): repo.FrameRow {
  return {
    application_id: event.applicationId,
    application_number: event.applicationNumber,
    programme: event.programme,
    type_code: event.typeCode,
    stage: event.stage,
    site_id: event.siteId,
    agent_id: event.agentId,
    reached_at: event.at,
    fiscal_quarter: quarter,
    rate,
    key_version: keyVersion,
    drawn: isDrawn(secret, event.applicationId, rate),
  };
}

const auditDraw = (db: Db, sample: { id: string; application_number: string; programme: string; stage: string; fiscal_quarter: string; key_version: number }) =>
  recordAudit(db, SAMPLER, { action: 'qa.sample.drawn', entityType: 'qa_sample', entityId: sample.id, details: { applicationNumber: sample.application_number, programme: sample.programme, stage: sample.stage, quarter: sample.fiscal_quarter, keyVersion: sample.key_version } });

/**
 * The same draw for many files at once (the demo's history, or a back-fill after an outage): the
 * rule is the one `considerForQaSample` applies file by file, the frame rows go in by the thousand,
 * and each drawn file gets its audit row. Files already in the frame are left as they are.
 */
export async function considerForQaSampleInBulk(db: Db, events: readonly StageReached[]): Promise<{ considered: number; drawn: number }> {
  if (events.length === 0) return { considered: 0, drawn: 0 };
  const keys = (await ensureKeys(db)).sort((a, b) => b.activated_at.getTime() - a.activated_at.getTime() || b.version - a.version);
  // The rate of each programme, stage and quarter, asked once; null where the programme draws nothing.
  const rates = new Map<string, number | null>();
  const rows: repo.FrameRow[] = [];
  for (const event of events) {
    const quarter = fiscalQuarter(event.at);
    const group = `${event.programme}|${event.stage}|${quarter}`;
    if (!rates.has(group)) {
      const rule = await repo.findDrawRule(db, { programme: event.programme, stage: event.stage, at: event.at, quarter });
      rates.set(group, rule ? (rule.rate ?? 0) : null);
    }
    const rate = rates.get(group);
    const key = keys.find((k) => k.activated_at.getTime() <= event.at.getTime());
    if (rate === null || rate === undefined || !key) continue;
    rows.push(frameRow(event, quarter, rate, key.version, key.secret));
  }
  const inserted = await repo.insertFrames(db, rows);
  for (const sample of inserted.filter((r) => r.drawn)) await auditDraw(db, sample);
  return { considered: inserted.length, drawn: inserted.filter((r) => r.drawn).length };
}

/** When each key came into force, by whom and why; never the secrets. */
export async function listKeyHistory(options: { db: Db }) {
  const keys = await repo.listKeys(options.db);
  return keys.map(({ secret: _secret, ...rest }) => rest);
}

/** The keys with their secrets, for QA: the read itself is audited. */
export async function listSamplingKeys(options: { db: Db; actor: Actor }) {
  assertNational(options.actor);
  return options.db.transaction().execute(async (trx) => {
    const keys = await ensureKeys(trx);
    await recordAudit(trx, options.actor, { action: 'qa.keys.read', entityType: 'qa_key' });
    return keys;
  });
}

/** A new key, in force from `activateAt` (now by default); older keys stay to re-derive the past. */
export async function rotateSamplingKey(options: { db: Db; clock: Clock; actor: Actor; reason: string; activateAt?: Date | undefined }) {
  assertNational(options.actor);
  const now = options.clock.now();
  const activateAt = options.activateAt ?? now;
  if (activateAt.getTime() < now.getTime() - 60_000) throw new AppError('qa.key_in_past', 400, {}, { activateAt: 'qa.key_in_past' });
  return options.db.transaction().execute(async (trx) => {
    const keys = await ensureKeys(trx);
    const latest = keys[keys.length - 1]!;
    if (latest.activated_at.getTime() > activateAt.getTime()) throw new AppError('qa.key_in_past', 400, {}, { activateAt: 'qa.key_in_past' });
    const version = latest.version + 1;
    const made = await repo.insertKey(trx, { version, secret: newSecret(), activated_at: activateAt, created_by: `${options.actor.type}:${options.actor.id ?? ''}`, reason: options.reason });
    if (!made) throw new AppError('qa.key_conflict', 409);
    await recordAudit(trx, options.actor, { action: 'qa.key.rotated', entityType: 'qa_key', entityId: String(version), details: { version, activatedAt: activateAt.toISOString(), reason: options.reason } });
    return { version, activatedAt: activateAt };
  });
}

export interface Verification {
  programme: string;
  quarter: string;
  rate: number;
  considered: number;
  drawn: number;
  rederived: number;
  matches: boolean;
  /** Drawn but not re-derived, and re-derived but not drawn (application numbers). */
  missing: string[];
  extra: string[];
  keyVersions: number[];
  /** Versions the frame used that the caller gave no key for. */
  missingKeys: number[];
}

/**
 * Derives the quarter's sample again from the keys (given by the caller, or the stored ones for QA)
 * and the written schedule, and compares it with what was drawn.
 */
export async function verifySample(options: { db: Db; actor: Actor; programme: string; quarter: string; keys?: { version: number; secret: string }[] | undefined; mayUseStoredKeys: boolean }): Promise<Verification> {
  const { db, programme, quarter } = options;
  // The frame spans the whole network, and a mismatch names files anywhere in it.
  assertNational(options.actor);
  if (!QUARTER.test(quarter)) throw new AppError('qa.bad_quarter', 400, {}, { quarter: 'qa.bad_quarter' });
  if (!options.keys?.length && !options.mayUseStoredKeys) throw new AppError('qa.key_required', 400, {}, { key: 'qa.key_required' });
  const secrets = new Map((options.keys?.length ? options.keys : await repo.listKeys(db)).map((k) => [k.version, k.secret.toLowerCase()]));
  const rate = rateFor(await repo.listRates(db, programme), quarter);
  const tally = { considered: 0, drawn: 0, rederived: 0, missing: [] as string[], extra: [] as string[], used: new Set<number>(), lacking: new Set<number>() };
  // A quarter of a large programme holds hundreds of thousands of files: read it in pages.
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const page = await repo.listFramePage(db, { programme, quarter, after, limit: FRAME_PAGE });
    for (const row of page) {
      tally.considered++;
      tally.used.add(row.key_version);
      const secret = secrets.get(row.key_version);
      if (!secret) tally.lacking.add(row.key_version);
      const again = secret !== undefined && isDrawn(secret, row.application_id, rate);
      if (row.drawn) tally.drawn++;
      if (again) tally.rederived++;
      if (row.drawn && !again) tally.missing.push(row.application_number);
      if (!row.drawn && again) tally.extra.push(row.application_number);
    }
    if (page.length < FRAME_PAGE) break;
    after = page[page.length - 1]!.id;
  }
  const { considered, drawn, rederived, missing, extra, used, lacking } = tally;
  await db.transaction().execute((trx) => recordAudit(trx, options.actor, { action: 'qa.sample.verified', entityType: 'qa_sample', details: { programme, quarter, drawn, rederived, callerKeys: Boolean(options.keys?.length) } }));
  return { programme, quarter, rate, considered, drawn, rederived, matches: missing.length === 0 && extra.length === 0 && lacking.size === 0, missing: missing.slice(0, 100), extra: extra.slice(0, 100), keyVersions: [...used].sort((a, b) => a - b), missingKeys: [...lacking].sort((a, b) => a - b) };
}
