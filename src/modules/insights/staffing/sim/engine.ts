/**
 * The discrete-event simulator. One binary heap (flatqueue) of numeric event ids, customers as
 * typed-array columns (`customers.ts`), one FIFO deque per class (and one for priority arrivals:
 * appointments, retried callbacks go to the front). Agents of a group are interchangeable, so a
 * group is two counters (on duty, busy) rather than a list of agent objects.
 *
 * An event id is `payload × 4 + kind`: kinds are a departure, a patience deadline and a callback
 * retry (payload = customer slot), and system events (payload = which: an outside arrival of a
 * class, the next appointment of a class, or the start of a period).
 */
import FlatQueue from 'flatqueue';
import { ArrivalClock, expectedArrivals } from './arrivals.js';
import { Customers, FLAG, STATE } from './customers.js';
import { Deque } from './deque.js';
import type { CoreClass, CoreModel, SimulationResult } from './model.js';
import { compile, meanOf, Random, type CompiledDistribution } from './random.js';
import { ClassCounters } from './stats.js';
import { takeFor } from './routing.js';
import { afterFailedAttempt, attemptCallback, offerCallback } from './callbacks.js';
import { DEADLINE, DEPART, RETRY, SYSTEM } from './events.js';

const PROGRESS_EVERY = 0x3ffff;

export type ProgressListener = (share: number) => void;

export class Simulation {
  readonly random: Random;
  readonly heap = new FlatQueue<number>();
  readonly customers = new Customers();
  readonly normal: Deque[];
  readonly priority: Deque[];
  readonly waiting: Int32Array;
  readonly counters: ClassCounters[];
  readonly onDuty: Int32Array;
  readonly busy: Int32Array;
  readonly busyTime: Float64Array;
  readonly staffedTime: Float64Array;
  readonly groupsFor: number[][];
  readonly handles: CompiledDistribution[];
  private readonly patience: (CompiledDistribution | null)[];
  private readonly clock: ArrivalClock;
  private readonly appointments: Float64Array[];
  private readonly nextAppointment: Int32Array;
  private readonly expected: number;
  private readonly classCount: number;
  private period = 0;
  private lastStaffChange = 0;
  now = 0;
  /** Time of the last event that changed anything: stale patience deadlines must not stretch the day. */
  private lastActive = 0;
  outside = 0;
  events = 0;

  constructor(
    readonly model: CoreModel,
    private readonly onProgress?: ProgressListener,
  ) {
    const k = model.classes.length;
    this.classCount = k;
    this.random = new Random(model.seed, 1);
    // Arrivals draw from their own stream: two scenarios with the same seed see the same callers
    // (common random numbers), so their difference is the change, not the noise.
    this.clock = new ArrivalClock(model, new Random(model.seed, 0));
    const shortest = Math.min(...model.classes.map((c) => meanOf(c.handle)));
    this.counters = model.classes.map((c) => new ClassCounters(c.name, shortest / 100));
    this.normal = model.classes.map(() => new Deque());
    this.priority = model.classes.map(() => new Deque());
    this.waiting = new Int32Array(k);
    this.handles = model.classes.map((c) => compile(c.handle));
    this.patience = model.classes.map((c) => (c.patience ? compile(c.patience) : null));
    this.appointments = model.classes.map((c) => this.clock.appointments(c));
    this.nextAppointment = new Int32Array(k);
    const g = model.groups.length;
    this.onDuty = Int32Array.from(model.groups, (group) => group.staffing[0] ?? 0);
    this.busy = new Int32Array(g);
    this.busyTime = new Float64Array(g);
    this.staffedTime = new Float64Array(g);
    this.groupsFor = model.classes.map((_, ci) => model.groups.flatMap((group, gi) => (group.skills.includes(ci) ? [gi] : [])));
    this.expected = Math.max(1, expectedArrivals(model));
  }

  run(): SimulationResult {
    this.start();
    const heap = this.heap;
    while (heap.length > 0) {
      this.now = heap.peekValue()!;
      const id = heap.pop()!;
      const kind = id & 3;
      const payload = id >>> 2;
      if (kind === DEADLINE) {
        if (!this.deadline(payload)) continue;
      } else if (kind === DEPART) this.depart(payload);
      else if (kind === RETRY) this.retry(payload);
      else this.system(payload);
      this.lastActive = this.now;
      if ((++this.events & PROGRESS_EVERY) === 0 && this.onProgress) this.onProgress(Math.min(0.99, this.outside / this.expected));
    }
    return this.finish();
  }

  private start(): void {
    for (let k = 0; k < this.classCount; k++) {
      const c = this.model.classes[k]!;
      if (!c.internal) this.scheduleArrival(k, c, 0);
      if (this.appointments[k]!.length > 0) this.heap.push((this.classCount + k) * 4 + SYSTEM, this.appointments[k]![0]!);
    }
    if (this.model.maxCustomers === null) this.heap.push(2 * this.classCount * 4 + SYSTEM, this.model.periodSeconds);
  }

  private scheduleArrival(k: number, c: CoreClass, now: number): void {
    const max = this.model.maxCustomers;
    if (max !== null && this.outside >= max) return;
    const t = this.clock.next(c, now);
    if (t !== Number.POSITIVE_INFINITY) this.heap.push(k * 4 + SYSTEM, t);
  }

  private system(which: number): void {
    const k = this.classCount;
    if (which < k) {
      this.outside++;
      this.scheduleArrival(which, this.model.classes[which]!, this.now);
      this.arrive(which, 0);
    } else if (which < 2 * k) {
      const ci = which - k;
      this.outside++;
      const next = ++this.nextAppointment[ci]!;
      if (next < this.appointments[ci]!.length) this.heap.push(which * 4 + SYSTEM, this.appointments[ci]![next]!);
      this.arrive(ci, FLAG.priority);
    } else this.newPeriod();
  }

  private arrive(k: number, flags: number): void {
    const c = this.model.classes[k]!;
    const slot = this.customers.alloc();
    // Drawn from the arrivals' stream whenever a lobby is modelled, whatever the share, so that
    // scenarios differing only in the share see the same clients and the same service times.
    const virtual = c.lobbyLeadSeconds > 0 && this.clock.random.uniform() < c.virtualShare ? FLAG.virtual : 0;
    this.customers.flags[slot] = flags | virtual;
    this.customers.attempts[slot] = 0;
    this.enter(k, slot);
  }

  /** A customer joins class k's queue now (from outside, or from triage). */
  enter(k: number, slot: number): void {
    const cs = this.customers;
    const counters = this.counters[k]!;
    counters.offered++;
    cs.classOf[slot] = k;
    cs.queuedAt[slot] = this.now;
    const groups = this.groupsFor[k]!;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (this.busy[g]! < this.onDuty[g]!) {
        this.startService(slot, g);
        return;
      }
    }
    counters.delayed++;
    cs.state[slot] = STATE.waiting;
    this.waiting[k]!++;
    if (offerCallback(this, k, slot)) {
      this.normal[k]!.pushBack(slot);
      return;
    }
    if (cs.flags[slot]! & FLAG.priority) this.priority[k]!.pushBack(slot);
    else this.normal[k]!.pushBack(slot);
    const patience = this.patience[k];
    if (patience) {
      const at = this.now + this.random.sample(patience.kind, patience.a, patience.b);
      cs.deadline[slot] = at;
      this.heap.push(slot * 4 + DEADLINE, at);
    }
  }

  startService(slot: number, g: number): void {
    const cs = this.customers;
    const k = cs.classOf[slot]!;
    const counters = this.counters[k]!;
    let duration: number;
    if (cs.flags[slot]! & FLAG.callback) duration = attemptCallback(this, slot, k);
    else {
      const wait = this.now - cs.queuedAt[slot]!;
      counters.answered++;
      counters.waits.add(wait);
      if (wait <= this.model.serviceLevelSeconds) counters.answeredInTime++;
      counters.lobbySeconds += cs.flags[slot]! & FLAG.virtual ? Math.min(wait, this.model.classes[k]!.lobbyLeadSeconds) : wait;
      const h = this.handles[k]!;
      duration = this.random.sample(h.kind, h.a, h.b);
    }
    cs.state[slot] = STATE.serving;
    cs.group[slot] = g;
    this.busy[g]!++;
    this.busyTime[g]! += duration;
    this.heap.push(slot * 4 + DEPART, this.now + duration);
  }

  private depart(slot: number): void {
    const cs = this.customers;
    const g = cs.group[slot]!;
    this.busy[g]!--;
    const k = cs.classOf[slot]!;
    const c = this.model.classes[k]!;
    if (cs.flags[slot]! & FLAG.failedAttempt) afterFailedAttempt(this, slot, k);
    else {
      const next = c.next.length > 0 ? this.route(c) : -1;
      if (next >= 0) {
        cs.flags[slot]! &= FLAG.virtual;
        this.enter(next, slot);
      } else cs.release(slot);
    }
    this.serveFrom(g);
  }

  private route(c: CoreClass): number {
    let u = this.random.uniform();
    for (const { classIndex, share } of c.next) {
      if (u < share) return classIndex;
      u -= share;
    }
    return -1;
  }

  /** A callback due again goes to the front of its queue (it had reached the front before). */
  private retry(slot: number): void {
    const k = this.customers.classOf[slot]!;
    for (const g of this.groupsFor[k]!) {
      if (this.busy[g]! < this.onDuty[g]!) {
        this.startService(slot, g);
        return;
      }
    }
    this.customers.state[slot] = STATE.waiting;
    this.waiting[k]!++;
    this.normal[k]!.pushFront(slot);
  }

  /** False when the deadline is stale (the customer was served in time). */
  private deadline(slot: number): boolean {
    const cs = this.customers;
    if (cs.state[slot] !== STATE.waiting || cs.deadline[slot] !== this.now || cs.flags[slot]! & FLAG.callback) return false;
    const k = cs.classOf[slot]!;
    cs.state[slot] = STATE.abandoned; // released when the queue reaches it
    this.waiting[k]!--;
    const counters = this.counters[k]!;
    counters.abandoned++;
    const waited = this.now - cs.queuedAt[slot]!;
    counters.lobbySeconds += cs.flags[slot]! & FLAG.virtual ? Math.min(waited, this.model.classes[k]!.lobbyLeadSeconds) : waited;
    return true;
  }

  /** Free agents of group g take the longest-waiting customers they are skilled for. */
  serveFrom(g: number): void {
    while (this.busy[g]! < this.onDuty[g]!) {
      const slot = takeFor(this, g);
      if (slot < 0) return;
      this.waiting[this.customers.classOf[slot]!]!--;
      this.startService(slot, g);
    }
  }

  private newPeriod(): void {
    this.period++;
    this.accrueStaffedTime();
    this.model.groups.forEach((group, g) => {
      this.onDuty[g] = group.staffing[Math.min(this.period, group.staffing.length - 1)] ?? 0;
    });
    for (let g = 0; g < this.model.groups.length; g++) this.serveFrom(g);
    if (this.period < this.model.periods) this.heap.push(2 * this.classCount * 4 + SYSTEM, (this.period + 1) * this.model.periodSeconds);
  }

  private accrueStaffedTime(): void {
    for (let g = 0; g < this.onDuty.length; g++) this.staffedTime[g]! += this.onDuty[g]! * (this.now - this.lastStaffChange);
    this.lastStaffChange = this.now;
  }

  private finish(): SimulationResult {
    this.now = this.lastActive;
    this.accrueStaffedTime();
    for (let k = 0; k < this.classCount; k++) this.counters[k]!.unserved += this.waiting[k]!;
    const totals = new ClassCounters('total', Math.min(...this.model.classes.map((c) => meanOf(c.handle))) / 100);
    for (const c of this.counters) c.addInto(totals);
    return {
      customers: this.outside,
      events: this.events,
      simulatedSeconds: this.now,
      totals: totals.result(),
      classes: this.counters.map((c) => c.result()),
      groups: this.model.groups.map((group, g) => ({ name: group.name, utilisation: this.staffedTime[g]! > 0 ? Math.min(1, this.busyTime[g]! / this.staffedTime[g]!) : 0 })),
    };
  }
}

export function simulate(model: CoreModel, onProgress?: ProgressListener): SimulationResult {
  return new Simulation(model, onProgress).run();
}
