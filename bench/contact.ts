/** The contact benchmarks (issue 5: take-next throughput and the wait estimate); `npm run bench -- contact` runs them. */
import type { Benchmark } from './harness.js';

export const CONTACT_BENCHMARKS: Record<string, Benchmark> = {};
