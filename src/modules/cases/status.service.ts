/**
 * The client's view of a file, and the look-up that guards it. A look-up that misses — unknown
 * number, wrong date of birth, malformed input — does the same work and gives the same answer,
 * so the tracker cannot be used to learn which numbers exist; each is throttled and audited.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Application } from '../../platform/db/tables.cases.js';
import { AppError } from '../../platform/errors.js';
import { networkAddress } from '../../platform/throttle/address.js';
import { STATUS_POLICY } from '../../platform/throttle/policy.js';
import { countAttempt, forgiveAttempt, raiseAlerts, type Guard } from '../../platform/throttle/throttle.service.js';
import { loadCatalogue, pathOf, stageOf } from './catalogue.js';
import * as repo from './cases.repo.js';
import { CENTRAL_ZONE, localDay } from './intake.service.js';

/** Dates are compared at a fixed width, so a longer input never matches and never takes longer. */
const DATE_WIDTH = 33;

/** Any input as a bounded string: a field may be absent, repeated or huge. */
const text = (value: unknown, max: number) => {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
};

const fixedWidth = (value: string) => {
  const bytes = Buffer.alloc(DATE_WIDTH * 4);
  Buffer.from(value, 'utf8').copy(bytes);
  return bytes;
};

/** What the look-up already read of a file it found, so describing it costs no more queries. */
const loaded = new WeakMap<Application, repo.ClientRecords>();

/**
 * The file behind a number and a date of birth, or null for every kind of miss. Guessing is
 * throttled per (number, address), per address and per number (`STATUS_POLICY`); the address is
 * the client's network address, or what the caller names (`caller`: the telephone's caller).
 * A refusal depends only on the number and the address, never on whether the file exists.
 *
 * The read and the audit row are one statement (`repo.lookUp`). A look-up changes nothing a
 * client or agent relies on, so it commits without waiting for the disk (synchronous_commit off):
 * a crash of the database server can lose the last fraction of a second of look-up records,
 * never a state change.
 */
export async function findForClient(options: { db: Db; clock: Clock; guard: Guard; actor: Actor; applicationNumber: unknown; dateOfBirth: unknown; caller?: string; channel: string }): Promise<Application | null> {
  const { db, actor } = options;
  // Spaces and dashes people type are dropped; nothing else reaches the database (no NUL, no surrogates).
  const number = text(options.applicationNumber, 40).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20);
  const given = text(options.dateOfBirth, DATE_WIDTH);
  const dateOfBirth = /^\d{4}-\d{2}-\d{2}$/.test(given) ? given : '';
  const attempt = await countAttempt({ db, guard: options.guard, policy: STATUS_POLICY, subject: number, address: options.caller ?? networkAddress(actor.ip), now: options.clock.now() });
  const limited = !attempt.verdict.allowed;
  const { file, records } = await repo.lookUp(db, { limited, number, dateOfBirth, actor, channel: options.channel });
  // Compare against a value no input can equal when there is no file, so both paths do the same work.
  const matches = !limited && timingSafeEqual(fixedWidth(dateOfBirth), fixedWidth(file?.date_of_birth ?? '\u00ff')) && file !== undefined && dateOfBirth !== '';
  if (!matches) {
    await raiseAlerts({ db, guard: options.guard, attempt, actor, details: { tried: number } });
    if (!attempt.verdict.allowed) throw new AppError('cases.status_rate_limited', 429, { minutes: Math.ceil(attempt.verdict.retryAfterSeconds / 60) });
    return null;
  }
  await forgiveAttempt({ db, attempt });
  loaded.set(file, records);
  return file;
}

async function recordsOf(db: Db, file: Application): Promise<repo.ClientRecords> {
  const known = loaded.get(file);
  if (known) return known;
  const [events, requests] = await Promise.all([repo.listEvents(db, file.id, true), repo.listDocumentRequests(db, file.id)]);
  return {
    events: events.map((e) => ({ at: e.occurred_at.toISOString(), type: e.type, to_stage: e.to_stage, details: e.details })),
    requests: requests.map((r) => ({ kind: r.kind, note: r.note, due_day: r.due_day, received: r.received_at !== null })),
  };
}

export type Bilingual = { en: string; fr: string };

export interface ClientView {
  applicationNumber: string;
  type: Bilingual;
  programme: string;
  channel: string;
  state: string;
  stage: { code: string; name: Bilingual };
  receivedOn: string;
  expectedBy: string;
  /** Open and past its expected day, or completed after it. */
  late: boolean;
  journey: { code: string; name: Bilingual; status: 'done' | 'current' | 'next' }[];
  needed: { kind: string; note: string; dueDay: string }[];
  history: { at: string; type: string; stage: Bilingual | null; details: Record<string, unknown> }[];
  decision: { outcome: string; note: string; decidedOn: string } | null;
}

export async function describeForClient(options: { db: Db; clock: Clock; file: Application }): Promise<ClientView> {
  const { db, file } = options;
  const type = (await loadCatalogue(db)).get(file.type_code)!;
  const { events, requests } = await recordsOf(db, file);
  const current = stageOf(type, file.stage_code)!;
  const name = (code: string | null): Bilingual | null => {
    const stage = code ? stageOf(type, code) : undefined;
    return stage ? { en: stage.name_en, fr: stage.name_fr } : null;
  };
  const today = localDay(options.clock.now(), CENTRAL_ZONE);
  return {
    applicationNumber: file.number,
    type: type.name,
    programme: file.programme_code,
    channel: file.channel,
    state: file.state,
    stage: { code: current.code, name: name(current.code)! },
    receivedOn: localDay(file.received_at, CENTRAL_ZONE),
    expectedBy: file.expected_by,
    late: file.completed_day ? file.completed_day > file.expected_by : today > file.expected_by,
    journey: pathOf(type, file.channel).map((stage) => ({
      code: stage.code,
      name: name(stage.code)!,
      status: stage.code === current.code ? 'current' : stage.position < current.position ? 'done' : 'next',
    })),
    needed: file.state === 'open' ? requests.filter((r) => !r.received).map((r) => ({ kind: r.kind, note: r.note, dueDay: r.due_day })) : [],
    history: events.map((e) => ({ at: new Date(e.at).toISOString(), type: e.type, stage: name(e.to_stage), details: e.details })),
    decision: file.decision && file.decided_at ? { outcome: file.decision, note: file.decision_note ?? '', decidedOn: localDay(file.decided_at, CENTRAL_ZONE) } : null,
  };
}
