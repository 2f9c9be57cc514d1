/** The insights benchmarks (issue 7: the simulator and the Erlang solver); `npm run bench -- insights` runs them. */
import type { Benchmark } from './harness.js';

export const INSIGHTS_BENCHMARKS: Record<string, Benchmark> = {};
