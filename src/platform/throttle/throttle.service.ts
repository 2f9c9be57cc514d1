/**
 * Guessing throttles kept in the database, so every server process counts the same attempts
 * (the policy is `policy.ts`). Subjects and addresses are stored as HMAC-SHA-256 under a key every
 * process shares (the `throttle_key` setting): a row says nothing about who tried what without it.
 *
 * A use case counts an attempt before checking the secret (`countAttempt`), forgives it when the
 * secret was right (`forgiveAttempt`), and otherwise raises the alerts it brings (`raiseAlerts`).
 * The count is not a record: it commits on its own, before the check, so no error path forgets
 * it, and a scope's busy total row stays locked for one statement only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Counter, type Registry } from 'prom-client';
import { recordAudit, type Actor } from '../audit.repo.js';
import type { Clock } from '../clock.js';
import type { Tables } from '../db/tables.js';
import type { ThrottleScope } from '../db/tables.throttle.js';
import { getOrCreateSetting } from '../settings.repo.js';
import { alertsDue, decide, expiryOf, windowStart, type AlertKind, type Counted, type RefusalReason, type ThrottlePolicy, type Verdict } from './policy.js';
import * as repo from './throttle.repo.js';

type Db = Kysely<Tables>;

/** What an alert says: counts and a short tag of the subject's hash, never the subject itself. */
export interface ThrottleAlert {
  scope: ThrottleScope;
  kind: AlertKind;
  /** The first characters of the subject's keyed hash ('*' for a whole scope): enough to correlate. */
  tag: string;
  addresses: number;
  failures: number;
  windowMinutes: number;
}

export interface AlertLog {
  warn(fields: object, message: string): void;
}

/** The throttles' shared key and where their refusals and alerts are reported. */
export interface Guard {
  readonly key: Buffer;
  refused(scope: ThrottleScope, reason: RefusalReason): void;
  alerted(alert: ThrottleAlert): void;
}

export async function createGuard(options: { db: Db; registry?: Registry; log?: AlertLog }): Promise<Guard> {
  const key = Buffer.from(await getOrCreateSetting(options.db, 'throttle_key', () => randomBytes(32).toString('hex')), 'hex');
  const registers = options.registry ? [options.registry] : [];
  const refusals = new Counter({ name: 'guichet_throttle_refusals_total', help: 'Attempts refused by a guessing throttle, by scope and by what held them back', labelNames: ['scope', 'reason'] as const, registers });
  const alerts = new Counter({ name: 'guichet_throttle_alerts_total', help: 'Guessing anomalies raised (one per subject or scope and window, counted by the process that raised it)', labelNames: ['scope', 'kind'] as const, registers });
  return {
    key,
    refused: (scope, reason) => refusals.inc({ scope, reason }),
    alerted(alert) {
      alerts.inc({ scope: alert.scope, kind: alert.kind });
      options.log?.warn({ throttle: alert }, `guessing anomaly: ${alert.failures} failures from ${alert.addresses} addresses on ${alert.kind === 'global' ? `all of ${alert.scope}` : `one ${alert.scope} subject`} within ${alert.windowMinutes} minutes`);
    },
  };
}

const keyed = (guard: Guard, scope: ThrottleScope, kind: 'subject' | 'address', value: string) =>
  createHmac('sha256', guard.key).update(`${scope}\u0000${kind}\u0000${value}`).digest('base64url');

export interface Attempt {
  policy: ThrottlePolicy;
  subject: string;
  address: string;
  now: Date;
  counted: Counted;
  verdict: Verdict;
}

/** Counts an attempt on `subject` from `address` (see `networkAddress`) and says whether to check it. */
export async function countAttempt(options: { db: Db; guard: Guard; policy: ThrottlePolicy; subject: string; address: string; now: Date }): Promise<Attempt> {
  const { policy, now } = options;
  const subject = keyed(options.guard, policy.scope, 'subject', options.subject);
  const address = keyed(options.guard, policy.scope, 'address', options.address);
  const counted = await repo.countFailure(options.db, {
    scope: policy.scope,
    subject,
    address,
    now,
    pairExpiresAt: expiryOf(policy.pair, now),
    addressExpiresAt: expiryOf(policy.address, now),
    totalWindow: windowStart(now, policy.global.windowMinutes),
    othersSince: new Date(now.getTime() - policy.subject.windowMinutes * 60_000),
  });
  const verdict = decide(policy, counted, now);
  if (!verdict.allowed) options.guard.refused(policy.scope, verdict.reason);
  return { policy, subject, address, now, counted, verdict };
}

/** The secret was right: the attempt was not a failure after all. */
export async function forgiveAttempt(options: { db: Db; attempt: Attempt }): Promise<void> {
  const { attempt } = options;
  await repo.forgiveFailure(options.db, { scope: attempt.policy.scope, subject: attempt.subject, address: attempt.address, totalWindow: windowStart(attempt.now, attempt.policy.global.windowMinutes) });
}

/**
 * Raises the alerts a failed or refused attempt brings, each once per window across every
 * process: the claim and its audit row commit together, then the process that claimed it counts
 * it and logs it. `entity` and `details` describe the subject in the audit row only.
 */
export async function raiseAlerts(options: { db: Db; guard: Guard; attempt: Attempt; actor: Actor; entity?: { type: string; id: string } | undefined; details?: Record<string, unknown> }): Promise<ThrottleAlert[]> {
  const { attempt } = options;
  const { policy, counted, now } = attempt;
  const raised: ThrottleAlert[] = [];
  for (const kind of alertsDue(policy, counted)) {
    const windowMinutes = kind === 'subject' ? policy.subject.windowMinutes : policy.global.windowMinutes;
    const alert: ThrottleAlert =
      kind === 'subject'
        ? { scope: policy.scope, kind, tag: attempt.subject.slice(0, 12), addresses: counted.others.addresses + 1, failures: counted.others.failures + counted.pair.failures, windowMinutes }
        : { scope: policy.scope, kind, tag: '*', addresses: 0, failures: counted.total, windowMinutes };
    const claimed = await options.db.transaction().execute(async (trx) => {
      if (!(await repo.claimAlert(trx, { scope: policy.scope, subject: kind === 'subject' ? attempt.subject : '*', windowStart: windowStart(now, windowMinutes), now }))) return false;
      const about = kind === 'subject' ? { entityType: options.entity?.type, entityId: options.entity?.id, details: { ...alert, ...options.details } } : { details: { ...alert } };
      await recordAudit(trx, options.actor, { action: 'security.guessing_alert', ...about });
      return true;
    });
    if (!claimed) continue;
    options.guard.alerted(alert);
    raised.push(alert);
  }
  return raised;
}

/** Any process may prune: keys past their expiry, and windows and alerts older than a day. */
export const pruneThrottles = (options: { db: Db; clock: Clock }) => {
  const now = options.clock.now();
  return repo.pruneThrottles(options.db, { now, before: new Date(now.getTime() - 86_400_000) });
};

/** Prunes every few minutes until stopped; errors go to `onError` and the next round tries again. */
export function schedulePruning(options: { db: Db; clock: Clock; everyMs?: number; onError: (error: unknown) => void }): () => void {
  const timer = setInterval(() => void pruneThrottles(options).catch(options.onError), options.everyMs ?? 5 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
