/**
 * How guessing a secret (a date of birth behind an application number, a staff password) is
 * slowed, without letting strangers lock the owner out. Pure: counts in, verdict out.
 *
 * Failures are counted per (subject, address) — the subject being the application number or the
 * account — and per address across subjects; each key backs off on its own, so an address that
 * guesses waits, and only that address. A subject never locks: once several addresses have failed
 * on it (it is "under attack"), an address that has already failed on it gets no further try until
 * the back-off cap has passed, while an address that has not failed on it still gets its try. The
 * owner, with the right secret from their own address, is therefore always let through, and each
 * attacking address gets one guess at the subject instead of several. Failures across addresses on
 * one subject, or across a whole scope, raise an alert.
 *
 * An attempt is counted as a failure before it is checked (and forgiven when it succeeds), so
 * parallel guesses cannot slip past the count; a refused attempt counts too, so hammering while
 * refused only lengthens the wait.
 */
import type { ThrottleScope } from '../db/tables.throttle.js';

export interface BackOff {
  /** Failures allowed before any wait (typing mistakes). */
  free: number;
  /** The wait after the first failure beyond `free`; it doubles with each further failure. */
  firstMinutes: number;
  capMinutes: number;
  /** A key is forgotten this long after its last failure. */
  forgetHours: number;
}

export interface ThrottlePolicy {
  scope: ThrottleScope;
  /** One subject from one address. */
  pair: BackOff;
  /** One address across every subject (scanning numbers, spraying passwords). */
  address: BackOff;
  subject: {
    /** Addresses whose last failure on the subject falls within this window count against it. */
    windowMinutes: number;
    /** Under attack from this many other failing addresses, or this many failures by them. */
    attackAddresses: number;
    attackFailures: number;
    /** An alert, once per window, from this many failing addresses or this many failures. */
    alertAddresses: number;
    alertFailures: number;
  };
  /** An alert, once per window, when the whole scope sees this many failures. */
  global: { windowMinutes: number; alertFailures: number };
}

/** The public status look-up: a date of birth is a weak secret, so few tries per address. */
export const STATUS_POLICY: ThrottlePolicy = {
  scope: 'status',
  pair: { free: 3, firstMinutes: 1, capMinutes: 60, forgetHours: 24 },
  address: { free: 20, firstMinutes: 1, capMinutes: 60, forgetHours: 24 },
  subject: { windowMinutes: 60, attackAddresses: 3, attackFailures: 10, alertAddresses: 10, alertFailures: 30 },
  global: { windowMinutes: 15, alertFailures: 1000 },
};

/** Staff sign-in: a password of at least 12 characters, so a few more typing mistakes are free. */
export const SIGN_IN_POLICY: ThrottlePolicy = {
  scope: 'sign_in',
  pair: { free: 5, firstMinutes: 1, capMinutes: 60, forgetHours: 24 },
  address: { free: 20, firstMinutes: 1, capMinutes: 60, forgetHours: 24 },
  subject: { windowMinutes: 60, attackAddresses: 3, attackFailures: 10, alertAddresses: 5, alertFailures: 20 },
  global: { windowMinutes: 15, alertFailures: 200 },
};

/** The counts once this attempt has been counted as a failure. */
export interface Counted {
  /** Failures of this subject from this address, this attempt included, and when the one before was. */
  pair: { failures: number; previousFailureAt: Date | null };
  address: { failures: number; previousFailureAt: Date | null };
  /** Other addresses that failed on the subject within its window, and their failures. */
  others: { addresses: number; failures: number };
  /** Failures of the whole scope in the current global window, this attempt included. */
  total: number;
}

export type RefusalReason = 'pair' | 'address' | 'subject';

export type Verdict = { allowed: true } | { allowed: false; reason: RefusalReason; retryAfterSeconds: number };

export type AlertKind = 'subject' | 'global';

/** The wait after `failures` failures. */
export function waitMinutes(backOff: BackOff, failures: number): number {
  if (failures <= backOff.free) return 0;
  return Math.min(backOff.firstMinutes * 2 ** (failures - backOff.free - 1), backOff.capMinutes);
}

export function underAttack(policy: ThrottlePolicy, others: Counted['others']): boolean {
  return others.addresses >= policy.subject.attackAddresses || others.failures >= policy.subject.attackFailures;
}

/** A pair's wait: its own back-off, or the cap once it has failed on a subject under attack. */
function pairWait(policy: ThrottlePolicy, failures: number, attacked: boolean): number {
  return attacked && failures >= 1 ? policy.pair.capMinutes : waitMinutes(policy.pair, failures);
}

const waiting = (previous: Date | null, minutes: number, now: Date) => minutes > 0 && previous !== null && previous.getTime() + minutes * 60_000 > now.getTime();

/**
 * Whether this attempt may be checked, judged on the counts before it. A refusal says when to
 * come back: the refused attempt has itself been counted, so the wait is the one its count brings.
 */
export function decide(policy: ThrottlePolicy, counted: Counted, now: Date): Verdict {
  const attacked = underAttack(policy, counted.others);
  const pairBefore = counted.pair.failures - 1;
  const blockedBy: RefusalReason | null = waiting(counted.address.previousFailureAt, waitMinutes(policy.address, counted.address.failures - 1), now)
    ? 'address'
    : waiting(counted.pair.previousFailureAt, pairWait(policy, pairBefore, false), now)
      ? 'pair'
      : waiting(counted.pair.previousFailureAt, pairWait(policy, pairBefore, attacked), now)
        ? 'subject'
        : null;
  if (!blockedBy) return { allowed: true };
  const minutes = Math.max(pairWait(policy, counted.pair.failures, attacked), waitMinutes(policy.address, counted.address.failures), 1);
  return { allowed: false, reason: blockedBy, retryAfterSeconds: minutes * 60 };
}

/** The alerts this failure brings (each is raised once per window, whoever claims it first). */
export function alertsDue(policy: ThrottlePolicy, counted: Counted): AlertKind[] {
  const due: AlertKind[] = [];
  const addresses = counted.others.addresses + 1;
  const failures = counted.others.failures + counted.pair.failures;
  if (addresses >= policy.subject.alertAddresses || failures >= policy.subject.alertFailures) due.push('subject');
  if (counted.total >= policy.global.alertFailures) due.push('global');
  return due;
}

/** The start of the window of `minutes` that holds `now` (windows are aligned on the epoch). */
export function windowStart(now: Date, minutes: number): Date {
  const size = minutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** When a key last failed at `now` is forgotten. */
export const expiryOf = (backOff: BackOff, now: Date) => new Date(now.getTime() + backOff.forgetHours * 3_600_000);
