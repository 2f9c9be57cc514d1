/**
 * Simulation runs, each in its own worker thread so a long run never blocks requests. A run lives
 * in the memory of the process that started it (it is a computation, not a record): results are
 * kept for an hour, at most one run computes at a time per process and a few more wait their turn.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../platform/errors.js';
import type { SimulationResult } from './sim/model.js';
import type { Scenario } from './sim/scenario.schema.js';
import type { WorkerMessage } from './sim/worker.js';

// Compiled (dist/, `npm run build`) the worker is plain JavaScript; from the sources it needs a
// boot file that registers the TypeScript loader first.
const WORKER = import.meta.url.endsWith('.js') ? new URL('./sim/worker.js', import.meta.url) : new URL('./sim/worker-boot.mjs', import.meta.url);
const KEEP_MS = 60 * 60_000;
const MAX_RUNS = 50;
const MAX_WAITING = 4;
const TIME_LIMIT_MS = 5 * 60_000;

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface SimulationRun {
  id: string;
  owner: string | null;
  labels: string[];
  /** The "what if" page's change, so its page can name both scenarios in the reader's language. */
  change?: string;
  scenarios: Scenario[];
  status: RunStatus;
  progress: number;
  results: SimulationResult[] | null;
  createdAt: number;
}

export class SimulationRuns {
  private readonly runs = new Map<string, SimulationRun>();
  private readonly waiting: SimulationRun[] = [];
  private running: { run: SimulationRun; worker: Worker } | null = null;

  start(input: { owner: string | null; labels: string[]; scenarios: Scenario[]; change?: string }): SimulationRun {
    this.prune();
    if (this.waiting.length >= MAX_WAITING) throw new AppError('insights.sim.error.busy', 503);
    const run: SimulationRun = { id: randomUUID(), ...input, status: 'queued', progress: 0, results: null, createdAt: Date.now() };
    this.runs.set(run.id, run);
    this.waiting.push(run);
    this.next();
    return run;
  }

  /**
   * The run, to any planner who has its link: a run holds nothing personal, and sharing a
   * comparison with a colleague is the point. The id is a random UUID, not guessable.
   */
  get(id: string): SimulationRun {
    const run = this.runs.get(id);
    if (!run) throw new AppError('insights.sim.error.not_found', 404);
    return run;
  }

  /** Stops every worker (server shutdown). */
  async close(): Promise<void> {
    this.waiting.length = 0;
    await this.running?.worker.terminate();
  }

  private next(): void {
    if (this.running) return;
    const run = this.waiting.shift();
    if (!run) return;
    run.status = 'running';
    const worker = new Worker(WORKER, { workerData: { scenarios: run.scenarios } });
    this.running = { run, worker };
    const timer = setTimeout(() => void worker.terminate(), TIME_LIMIT_MS);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') run.progress = message.share;
      else {
        run.results = message.results;
        run.progress = 1;
        run.status = 'done';
      }
    });
    worker.on('error', () => (run.status = 'failed'));
    worker.on('exit', () => {
      clearTimeout(timer);
      if (run.status !== 'done') run.status = 'failed';
      this.running = null;
      this.next();
    });
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, run] of this.runs) {
      const finished = run.status === 'done' || run.status === 'failed';
      if (finished && (now - run.createdAt > KEEP_MS || this.runs.size > MAX_RUNS)) this.runs.delete(id);
    }
  }
}
