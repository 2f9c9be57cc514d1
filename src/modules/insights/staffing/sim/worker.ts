/**
 * A simulation worker thread: runs the scenarios it is given one after the other, off the
 * server's event loop, reporting progress as it goes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulate } from './engine.js';
import type { SimulationResult } from './model.js';
import { toCoreModel } from './scenario.js';
import type { Scenario } from './scenario.schema.js';

export type WorkerMessage = { type: 'progress'; share: number } | { type: 'done'; results: SimulationResult[] };

const scenarios = (workerData as { scenarios: Scenario[] }).scenarios;
const port = parentPort!;
const results: SimulationResult[] = [];
scenarios.forEach((scenario, i) => {
  const post = (share: number) => port.postMessage({ type: 'progress', share: (i + share) / scenarios.length } satisfies WorkerMessage);
  results.push(simulate(toCoreModel(scenario), post));
  post(1);
});
port.postMessage({ type: 'done', results } satisfies WorkerMessage);
