/**
 * Fixed-size wait histograms: recording a wait is an increment (no allocation per customer), and
 * percentiles are read to one bin (a hundredth of the shortest mean handle time). Waits past the
 * last bin are kept exactly, so a long tail is never clipped.
 */
import type { ClassResult, WaitSummary } from './model.js';

const BINS = 8192;

export class WaitHistogram {
  private readonly counts = new Uint32Array(BINS);
  private readonly overflow: number[] = [];
  /** Waits of exactly zero (answered at once): most of them in a well-staffed queue. */
  private zeros = 0;
  count = 0;
  sum = 0;

  constructor(private readonly binWidth: number) {}

  add(wait: number): void {
    this.count++;
    this.sum += wait;
    if (wait <= 0) {
      this.zeros++;
      return;
    }
    const bin = Math.floor(wait / this.binWidth);
    if (bin < BINS) this.counts[bin]!++;
    else this.overflow.push(wait);
  }

  merge(other: WaitHistogram): void {
    this.count += other.count;
    this.sum += other.sum;
    this.zeros += other.zeros;
    for (let i = 0; i < BINS; i++) this.counts[i]! += other.counts[i]!;
    for (const w of other.overflow) this.overflow.push(w);
  }

  /** The middle of the bin holding the q-quantile (0 when nothing was recorded). */
  quantile(q: number): number {
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (this.count === 0 || rank <= this.zeros) return 0;
    let seen = this.zeros;
    for (let i = 0; i < BINS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return (i + 0.5) * this.binWidth;
    }
    const sorted = [...this.overflow].sort((x, y) => x - y);
    return sorted[Math.min(sorted.length - 1, rank - seen - 1)]!;
  }

  summary(): WaitSummary {
    return { mean: this.count ? this.sum / this.count : 0, p50: this.quantile(0.5), p90: this.quantile(0.9), p95: this.quantile(0.95) };
  }
}

/** Counters of one class (or of all classes together). */
export class ClassCounters {
  offered = 0;
  /** Arrivals that found no free agent (callback requesters included). */
  delayed = 0;
  answered = 0;
  answeredInTime = 0;
  abandoned = 0;
  unserved = 0;
  callbacksRequested = 0;
  callbacksCompleted = 0;
  callbacksFailed = 0;
  lobbySeconds = 0;
  readonly waits: WaitHistogram;
  readonly callbackDelays: WaitHistogram;

  constructor(
    readonly name: string,
    binWidth: number,
  ) {
    this.waits = new WaitHistogram(binWidth);
    this.callbackDelays = new WaitHistogram(binWidth * 10);
  }

  addInto(total: ClassCounters): void {
    for (const key of ['offered', 'delayed', 'answered', 'answeredInTime', 'abandoned', 'unserved', 'callbacksRequested', 'callbacksCompleted', 'callbacksFailed', 'lobbySeconds'] as const) {
      total[key] += this[key];
    }
    total.waits.merge(this.waits);
    total.callbackDelays.merge(this.callbackDelays);
  }

  result(): ClassResult {
    const share = (n: number, d: number) => (d > 0 ? n / d : 0);
    const inQueue = this.offered - this.callbacksRequested;
    return {
      name: this.name,
      offered: this.offered,
      answered: this.answered,
      abandoned: this.abandoned,
      unserved: this.unserved,
      answerRate: share(this.answered + this.callbacksCompleted, this.offered),
      serviceLevel: share(this.answeredInTime, inQueue),
      probabilityOfWaiting: share(this.delayed, this.offered),
      abandonmentRate: share(this.abandoned, this.offered),
      wait: this.waits.summary(),
      callbacksRequested: this.callbacksRequested,
      callbacksCompleted: this.callbacksCompleted,
      callbacksFailed: this.callbacksFailed,
      callbackDelay: this.callbackDelays.summary(),
      meanLobbySeconds: share(this.lobbySeconds, this.offered),
    };
  }
}
