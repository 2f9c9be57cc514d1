/**
 * Seeded random variates on pure-rand's xoroshiro128+ (fast, no allocation per draw). The
 * distributions are compiled to numbers once so the hot loop samples with a switch, not a closure.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Distribution } from './model.js';

const TWO_POW_MINUS_32 = 2 ** -32;
export const KIND = { exponential: 0, lognormal: 1, erlang: 2, fixed: 3, uniform: 4 } as const;

/** A distribution as three numbers: kind, and two parameters whose meaning depends on it. */
export interface CompiledDistribution {
  kind: number;
  a: number;
  b: number;
}

export function compile(d: Distribution): CompiledDistribution {
  switch (d.kind) {
    case 'exponential':
      return { kind: KIND.exponential, a: d.mean, b: 0 };
    case 'lognormal': {
      const sigma2 = Math.log(1 + d.cv * d.cv);
      return { kind: KIND.lognormal, a: Math.log(d.mean) - sigma2 / 2, b: Math.sqrt(sigma2) };
    }
    case 'erlang':
      return { kind: KIND.erlang, a: d.mean / d.phases, b: d.phases };
    case 'fixed':
      return { kind: KIND.fixed, a: d.mean, b: 0 };
    case 'uniform':
      return { kind: KIND.uniform, a: d.min, b: d.max - d.min };
  }
}

export function meanOf(d: Distribution): number {
  return d.kind === 'uniform' ? (d.min + d.max) / 2 : d.mean;
}

export class Random {
  private readonly rng;
  private spareNormal = Number.NaN;

  /** `stream` n starts 2^64·n draws along the generator: independent streams from one seed. */
  constructor(seed: number, stream = 0) {
    this.rng = xoroshiro128plus(seed | 0);
    for (let i = 0; i < stream; i++) this.rng.jump();
  }

  /** Uniform on (0, 1): never 0, so −log(u) is finite. */
  uniform(): number {
    return ((this.rng.next() >>> 0) + 0.5) * TWO_POW_MINUS_32;
  }

  exponential(mean: number): number {
    return -Math.log(this.uniform()) * mean;
  }

  /** Standard normal by Box–Muller, keeping the second value for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const theta = 2 * Math.PI * this.uniform();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  sample(kind: number, a: number, b: number): number {
    switch (kind) {
      case KIND.exponential:
        return -Math.log(this.uniform()) * a;
      case KIND.lognormal:
        return Math.exp(a + b * this.normal());
      case KIND.erlang: {
        let product = 1;
        for (let i = 0; i < b; i++) product *= this.uniform();
        return -Math.log(product) * a;
      }
      case KIND.fixed:
        return a;
      default:
        return a + b * this.uniform();
    }
  }
}
