/**
 * The baseline of the simulator benchmark: a minimal M/M/c discrete-event loop in plain
 * JavaScript — one hand-written binary heap of event times, a FIFO of waiting arrival times, and
 * nothing else (no classes, skills, patience, callbacks or statistics beyond the two figures).
 */

/** Min-heap of event times; the sign tells the event: arrival (negative) or departure. */
class TimeHeap {
  private times = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  length = 0;

  push(time: number, kind: number): void {
    if (this.length === this.times.length) this.grow();
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent]! <= time) break;
      this.times[i] = this.times[parent]!;
      this.kinds[i] = this.kinds[parent]!;
      i = parent;
    }
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  /** Removes the earliest event; read it first with `topTime` / `topKind`. */
  pop(): void {
    const last = --this.length;
    const time = this.times[last]!;
    const kind = this.kinds[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.times[child + 1]! < this.times[child]!) child++;
      if (this.times[child]! >= time) break;
      this.times[i] = this.times[child]!;
      this.kinds[i] = this.kinds[child]!;
      i = child;
    }
    this.times[i] = time;
    this.kinds[i] = kind;
  }

  topTime(): number {
    return this.times[0]!;
  }
  topKind(): number {
    return this.kinds[0]!;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const kinds = new Uint8Array(this.kinds.length * 2);
    times.set(this.times);
    kinds.set(this.kinds);
    this.times = times;
    this.kinds = kinds;
  }
}

export interface BareResult {
  customers: number;
  probabilityOfWaiting: number;
  meanWait: number;
}

const ARRIVAL = 0;
const DEPARTURE = 1;

export function bareMmc(servers: number, arrivalRate: number, serviceRate: number, customers: number): BareResult {
  const heap = new TimeHeap();
  let queue = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  let busy = 0;
  let arrived = 0;
  let delayed = 0;
  let totalWait = 0;
  heap.push(-Math.log(1 - Math.random()) / arrivalRate, ARRIVAL);
  while (heap.length > 0) {
    const now = heap.topTime();
    const kind = heap.topKind();
    heap.pop();
    if (kind === ARRIVAL) {
      if (++arrived < customers) heap.push(now - Math.log(1 - Math.random()) / arrivalRate, ARRIVAL);
      if (busy < servers) {
        busy++;
        heap.push(now - Math.log(1 - Math.random()) / serviceRate, DEPARTURE);
      } else {
        delayed++;
        if (tail === queue.length) {
          const grown = new Float64Array(queue.length * 2);
          grown.set(queue);
          queue = grown;
        }
        queue[tail++] = now;
      }
    } else if (head < tail) {
      totalWait += now - queue[head++]!;
      if (head === tail) head = tail = 0;
      heap.push(now - Math.log(1 - Math.random()) / serviceRate, DEPARTURE);
    } else busy--;
  }
  return { customers: arrived, probabilityOfWaiting: delayed / arrived, meanWait: totalWait / arrived };
}
