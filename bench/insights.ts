/**
 * The insights benchmarks (issue 7); `npm run bench -- insights` runs them.
 * - insights-simulator: customers per second of the full simulator on the CLI's M/M/c scenario
 *   (50 servers, λ = 45, μ = 1, 10⁶ customers) against the bare M/M/c loop of `mmc-bare.ts`,
 *   alternating runs in the same process so both meet the same machine load;
 * - insights-agents-needed: one agents-needed solve for about 100,000 agents, in µs, against one
 *   Erlang C evaluation at the answer (the solve walks the recursion once, so it should cost about
 *   one evaluation, not one per candidate as a search would).
 */
import { agentsNeeded, erlangC, erlangCProbability, mmcModel, simulate } from '../src/modules/insights/index.js';
import type { Benchmark } from './harness.js';
import { bareMmc } from './mmc-bare.js';

const SERVERS = 50;
const ARRIVAL_RATE = 45;
const CUSTOMERS = 1_000_000;
const ROUNDS = 5;

const model = (seed: number) => mmcModel({ servers: SERVERS, arrivalRate: ARRIVAL_RATE, serviceRate: 1, customers: CUSTOMERS, seed });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const simulator: Benchmark = async () => {
  const bareRates: number[] = [];
  const engineRates: number[] = [];
  let bareWait = 0;
  let engineWait = 0;
  simulate(model(0)); // warm-up of the JIT for both
  bareMmc(SERVERS, ARRIVAL_RATE, 1, CUSTOMERS);
  for (let round = 1; round <= ROUNDS; round++) {
    let start = performance.now();
    bareWait = bareMmc(SERVERS, ARRIVAL_RATE, 1, CUSTOMERS).probabilityOfWaiting;
    bareRates.push(CUSTOMERS / ((performance.now() - start) / 1000));
    start = performance.now();
    engineWait = simulate(model(round)).totals.probabilityOfWaiting;
    engineRates.push(CUSTOMERS / ((performance.now() - start) / 1000));
  }
  const figure = Math.round(median(engineRates));
  const baseline = Math.round(median(bareRates));
  return {
    name: 'insights-simulator',
    figure,
    unit: 'customers/s',
    baseline: { name: 'bare M/M/c loop (binary heap only)', figure: baseline },
    ratio: Number((figure / baseline).toFixed(3)),
    detail: { customersPerRun: CUSTOMERS, rounds: ROUNDS, analyticProbabilityOfWaiting: Number(erlangCProbability(ARRIVAL_RATE, SERVERS).toFixed(6)), engineProbabilityOfWaiting: engineWait, bareProbabilityOfWaiting: bareWait },
  };
};

function meanMicros(work: () => void, repeat: number): number {
  const start = performance.now();
  for (let i = 0; i < repeat; i++) work();
  return ((performance.now() - start) * 1000) / repeat;
}

const agentsSolve: Benchmark = async () => {
  // 1.2 M calls an hour of 300 s each: 100,000 erlangs, about 100,020 agents for 80 % in 20 s.
  const input = { arrivalsPerHour: 1_200_000, ahtSeconds: 300, targetServiceLevel: 0.8, targetSeconds: 20 };
  const { agents } = agentsNeeded(input);
  meanMicros(() => agentsNeeded(input), 20);
  const solve = meanMicros(() => agentsNeeded(input), 200);
  const oneCheck = { arrivalsPerHour: input.arrivalsPerHour, ahtSeconds: input.ahtSeconds, agents: Math.ceil(agents), targetSeconds: input.targetSeconds };
  const evaluation = meanMicros(() => erlangC(oneCheck), 200);
  return {
    name: 'insights-agents-needed',
    figure: Number(solve.toFixed(1)),
    unit: 'µs per solve',
    baseline: { name: `one Erlang C evaluation at ${agents} agents`, figure: Number(evaluation.toFixed(1)) },
    ratio: Number((solve / evaluation).toFixed(3)),
    detail: { agents, trafficErlangs: 100_000 },
  };
};

export const INSIGHTS_BENCHMARKS: Record<string, Benchmark> = {
  'insights-simulator': simulator,
  'insights-agents-needed': agentsSolve,
};
