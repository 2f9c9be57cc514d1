/**
 * Outside arrivals: a Poisson process whose rate is constant within each period. Past a period
 * boundary the draw restarts at the boundary with the next rate — exact, because exponential
 * gaps are memoryless. Appointments are generated up front (their punctuality noise reorders
 * them) and sorted.
 */
import type { CoreClass, CoreModel } from './model.js';
import type { Random } from './random.js';

export class ArrivalClock {
  /** Seconds at which outside arrivals stop. */
  readonly horizon: number;

  constructor(
    private readonly model: CoreModel,
    readonly random: Random,
  ) {
    this.horizon = model.maxCustomers === null ? model.periods * model.periodSeconds : Number.POSITIVE_INFINITY;
  }

  private rate(c: CoreClass, period: number): number {
    const list = c.arrivalsPerPeriod;
    return (list[Math.min(period, list.length - 1)] ?? 0) / this.model.periodSeconds;
  }

  /** The next arrival of class `c` after `now`, or Infinity when none comes before the horizon. */
  next(c: CoreClass, now: number): number {
    const p = this.model.periodSeconds;
    let t = now;
    while (t < this.horizon) {
      const period = Math.floor(t / p + 1e-12);
      const rate = this.rate(c, period);
      const end = Math.min((period + 1) * p, this.horizon);
      if (rate > 0) {
        const candidate = t + this.random.exponential(1 / rate);
        // One rate for the whole run: period boundaries do not matter.
        if (c.arrivalsPerPeriod.length === 1) return candidate < this.horizon ? candidate : Number.POSITIVE_INFINITY;
        if (candidate < end) return candidate;
      }
      t = end;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** Appointment arrival times of class `c`, sorted; no-shows already removed. */
  appointments(c: CoreClass): Float64Array {
    const a = c.appointments;
    if (!a) return new Float64Array(0);
    const times: number[] = [];
    const p = this.model.periodSeconds;
    for (let period = 0; period < this.model.periods; period++) {
      const slots = Math.round(a.slotsPerPeriod[Math.min(period, a.slotsPerPeriod.length - 1)] ?? 0);
      for (let i = 0; i < slots; i++) {
        if (this.random.uniform() < a.noShowShare) continue;
        const slotTime = period * p + ((i + 0.5) * p) / slots;
        times.push(Math.max(0, slotTime + (2 * this.random.uniform() - 1) * a.punctualitySeconds));
      }
    }
    return Float64Array.from(times).sort();
  }
}

/** Expected outside arrivals of a model (for progress and for bounding the work). */
export function expectedArrivals(model: CoreModel): number {
  if (model.maxCustomers !== null) return model.maxCustomers;
  let total = 0;
  for (const c of model.classes) {
    for (let period = 0; period < model.periods; period++) {
      if (!c.internal) total += c.arrivalsPerPeriod[Math.min(period, c.arrivalsPerPeriod.length - 1)] ?? 0;
      if (c.appointments) total += c.appointments.slotsPerPeriod[Math.min(period, c.appointments.slotsPerPeriod.length - 1)] ?? 0;
    }
  }
  return total;
}
