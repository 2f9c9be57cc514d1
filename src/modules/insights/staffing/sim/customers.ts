/**
 * Customers as columns of typed arrays indexed by a slot that is reused once the customer has
 * left: the event loop allocates nothing per customer once the arrays have grown to the peak.
 */
export const STATE = { free: 0, waiting: 1, serving: 2, abandoned: 3, retryPending: 4 } as const;
export const FLAG = { callback: 1, priority: 2, virtual: 4, failedAttempt: 8 } as const;

export class Customers {
  classOf = new Int32Array(256);
  /** When the customer joined its current queue. */
  queuedAt = new Float64Array(256);
  /** When the callback was requested. */
  requestedAt = new Float64Array(256);
  deadline = new Float64Array(256);
  state = new Uint8Array(256);
  flags = new Uint8Array(256);
  attempts = new Uint8Array(256);
  group = new Int32Array(256);
  private freeSlots: number[] = [];
  private used = 0;

  alloc(): number {
    const reused = this.freeSlots.pop();
    if (reused !== undefined) return reused;
    if (this.used === this.classOf.length) this.grow();
    return this.used++;
  }

  release(slot: number): void {
    this.state[slot] = STATE.free;
    this.freeSlots.push(slot);
  }

  private grow(): void {
    const size = this.classOf.length * 2;
    const widen = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(a);
      return next;
    };
    this.classOf = widen(this.classOf, (n) => new Int32Array(n));
    this.queuedAt = widen(this.queuedAt, (n) => new Float64Array(n));
    this.requestedAt = widen(this.requestedAt, (n) => new Float64Array(n));
    this.deadline = widen(this.deadline, (n) => new Float64Array(n));
    this.state = widen(this.state, (n) => new Uint8Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.attempts = widen(this.attempts, (n) => new Uint8Array(n));
    this.group = widen(this.group, (n) => new Int32Array(n));
  }
}
