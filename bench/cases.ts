/** The cases benchmarks (issue 6: status look-ups); `npm run bench -- cases` runs them. */
import type { Benchmark } from './harness.js';

export const CASES_BENCHMARKS: Record<string, Benchmark> = {};
