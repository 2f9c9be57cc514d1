/**
 * `guichet simulate`: an M/M/c run from options (checked against Erlang C, or Erlang A with
 * --patience), or a contact-centre / service-centre scenario from a JSON file.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { erlangA, erlangCProbability } from './erlang.js';
import { simulate } from './sim/engine.js';
import { mmcModel, type MmcInput } from './sim/mmc.js';
import { parseScenario, toCoreModel } from './sim/scenario.js';

interface SimulateOptions {
  servers?: string;
  arrivalRate?: string;
  serviceRate?: string;
  customers: string;
  seed: string;
  patience?: string;
  scenario?: string;
  json?: boolean;
}

const MAX_CUSTOMERS = 50_000_000;

function number(fields: Record<string, string>, option: string, raw: string | undefined, min: number, max: number, integer = false): number {
  const value = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    fields[option] = raw === undefined ? 'insights.sim.error.option_missing' : 'insights.sim.error.option_value';
  }
  return value;
}

function mmcInput(o: SimulateOptions): MmcInput {
  const fields: Record<string, string> = {};
  const input: MmcInput = {
    servers: number(fields, 'servers', o.servers, 1, 100_000, true),
    arrivalRate: number(fields, 'arrival-rate', o.arrivalRate, Number.MIN_VALUE, 1e9),
    serviceRate: number(fields, 'service-rate', o.serviceRate, Number.MIN_VALUE, 1e9),
    customers: number(fields, 'customers', o.customers, 1, MAX_CUSTOMERS, true),
    seed: number(fields, 'seed', o.seed, 0, 2_147_483_647, true),
    meanPatience: o.patience === undefined ? undefined : number(fields, 'patience', o.patience, Number.MIN_VALUE, 1e9),
  };
  if (Object.keys(fields).length > 0) throw new AppError('insights.sim.error.options', 400, {}, fields);
  return input;
}

/** What the M/M/c model predicts for this run: Erlang C, or Erlang A with patience; null when unstable. */
function analytic(input: MmcInput): number | null {
  const load = input.arrivalRate / input.serviceRate;
  if (input.meanPatience !== undefined) {
    const aht = 1 / input.serviceRate;
    return erlangA({ arrivalsPerHour: input.arrivalRate * 3600, ahtSeconds: aht, agents: input.servers, patienceSeconds: input.meanPatience, targetSeconds: 0 }).probabilityOfWaiting;
  }
  return load < input.servers ? erlangCProbability(load, input.servers) : null;
}

function runMmc(options: SimulateOptions, t: Translate): void {
  const input = mmcInput(options);
  const started = performance.now();
  const result = simulate(mmcModel(input));
  const seconds = (performance.now() - started) / 1000;
  const summary = { customers: result.customers, probabilityOfWaiting: result.totals.probabilityOfWaiting, meanWait: result.totals.wait.mean, customersPerSecond: Math.round(result.customers / seconds) };
  if (options.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  console.log(t('insights.sim.cli.mmc', { ...summary, seconds: seconds.toFixed(2) }));
  let expected: number | null = null;
  try {
    expected = analytic(input);
  } catch {
    expected = null; // beyond the formulas' bounds: the simulation still answers
  }
  if (expected !== null) console.log(t('insights.sim.cli.analytic', { expected: expected.toFixed(6), difference: (summary.probabilityOfWaiting - expected).toFixed(6) }));
}

function runScenario(file: string, options: SimulateOptions, t: Translate): void {
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('insights.sim.error.unreadable', 400, { file, reason: error instanceof Error ? error.message : String(error) });
  }
  const scenario = parseScenario(input);
  const started = performance.now();
  const result = simulate(toCoreModel(scenario));
  const customersPerSecond = Math.round(result.customers / ((performance.now() - started) / 1000));
  if (options.json) {
    console.log(JSON.stringify({ ...result, customersPerSecond }));
    return;
  }
  for (const row of [result.totals, ...result.classes]) {
    console.log(t('insights.sim.cli.class', { name: row.name, offered: row.offered, answerRate: row.answerRate.toFixed(3), serviceLevel: row.serviceLevel.toFixed(3), abandonment: row.abandonmentRate.toFixed(3), meanWait: row.wait.mean.toFixed(1), p90: row.wait.p90.toFixed(1) }));
  }
  for (const group of result.groups) console.log(t('insights.sim.cli.group', { name: group.name, utilisation: group.utilisation.toFixed(3) }));
}

export function registerSimulateCommand(program: Command, t: Translate): void {
  program
    .command('simulate')
    .description('run the discrete-event simulator: an M/M/c queue from options, or a scenario from a JSON file')
    .option('--servers <n>', 'M/M/c: number of servers')
    .option('--arrival-rate <rate>', 'M/M/c: arrivals per unit of time')
    .option('--service-rate <rate>', 'M/M/c: services per server per unit of time')
    .option('--customers <n>', 'M/M/c: customers to simulate', '1000000')
    .option('--patience <mean>', 'M/M/c: mean exponential patience (abandonment, Erlang A)')
    .option('--seed <n>', 'random seed (same seed, same results)', '1')
    .option('--scenario <file>', 'a contact-centre or service-centre scenario (JSON)')
    .option('--json', 'print the results as JSON')
    .action((options: SimulateOptions) => (options.scenario ? runScenario(options.scenario, options, t) : runMmc(options, t)));
}
