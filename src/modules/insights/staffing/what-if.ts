/**
 * The "what if" comparison: a base scenario (the demo contact centre or service centre, scaled)
 * and one change — the callback option, extra agents in every period, or a surge in arrivals.
 * Scenario A is the base without the change, B the base with it; both use the same seed, so the
 * same callers arrive in both (common random numbers) and the difference is the change's.
 */
import fs from 'node:fs';
import { AppError } from '../../../platform/errors.js';
import { parseScenario } from './sim/scenario.js';
import type { ContactCentreScenario, Scenario, ServiceCentreScenario } from './sim/scenario.schema.js';

/** The example scenarios shipped beside the simulator (checked against the schema on load). */
export function exampleScenario(name: 'contact-centre' | 'service-centre'): Scenario {
  return parseScenario(JSON.parse(fs.readFileSync(new URL(`./sim/examples/${name}.json`, import.meta.url), 'utf8')));
}

export const BASES = ['contact-centre', 'service-centre'] as const;
export const CHANGES = ['callback', 'agents', 'surge'] as const;
export type Base = (typeof BASES)[number];
export type Change = (typeof CHANGES)[number];

export interface WhatIfValues {
  base: string;
  change: string;
  volumePercent: string;
  extraAgents: string;
  surgePercent: string;
  offerAfterSeconds: string;
  acceptPercent: string;
  seed: string;
}

export const DEFAULT_VALUES: WhatIfValues = { base: 'contact-centre', change: 'callback', volumePercent: '100', extraAgents: '3', surgePercent: '30', offerAfterSeconds: '60', acceptPercent: '60', seed: '1' };

function numberIn(fields: Record<string, string>, name: keyof WhatIfValues, raw: string, min: number, max: number, integer = false): number {
  const value = Number(raw.trim().replace(',', '.'));
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    fields[name] = `insights.what_if.error.${name}`;
  }
  return value;
}

const scale = (list: number[], factor: number) => list.map((v) => v * factor);
const add = (list: number[], extra: number) => list.map((v) => v + extra);

export interface Comparison {
  base: Base;
  change: Change;
  scenarios: [Scenario, Scenario];
}

/** Both scenarios from the form, or a 400 naming each field in error. */
export function buildComparison(values: WhatIfValues): Comparison {
  const fields: Record<string, string> = {};
  const base = (BASES as readonly string[]).includes(values.base) ? (values.base as Base) : ((fields.base = 'insights.what_if.error.base'), 'contact-centre');
  const change = (CHANGES as readonly string[]).includes(values.change) ? (values.change as Change) : ((fields.change = 'insights.what_if.error.change'), 'agents');
  const volume = numberIn(fields, 'volumePercent', values.volumePercent, 1, 1000) / 100;
  const extra = numberIn(fields, 'extraAgents', values.extraAgents, -50, 200, true);
  const surge = numberIn(fields, 'surgePercent', values.surgePercent, -90, 500) / 100;
  const offerAfter = numberIn(fields, 'offerAfterSeconds', values.offerAfterSeconds, 0, 3600);
  const accept = numberIn(fields, 'acceptPercent', values.acceptPercent, 0, 100) / 100;
  const seed = numberIn(fields, 'seed', values.seed, 0, 2_147_483_647, true);
  if (change === 'callback' && base === 'service-centre') fields.change = 'insights.what_if.error.callback_contact_only';
  if (Object.keys(fields).length > 0) throw new AppError('insights.what_if.error.summary', 400, {}, fields);

  const a = exampleScenario(base);
  a.seed = seed;
  scaleArrivals(a, volume);
  const b = structuredClone(a);
  if (change === 'surge') scaleArrivals(b, 1 + surge);
  else if (change === 'agents') addStaff(b, extra);
  else for (const line of (b as ContactCentreScenario).lines) line.callback = { offerAfterSeconds: offerAfter, acceptShare: accept, reachShare: 0.85, attemptSeconds: 45, retryAfterSeconds: 600, maxAttempts: 3 };
  return { base, change, scenarios: [a, b] };
}

function scaleArrivals(s: Scenario, factor: number): void {
  if (s.kind === 'contact-centre') for (const line of s.lines) line.callsPerPeriod = scale(line.callsPerPeriod, factor);
  else {
    const sc: ServiceCentreScenario = s;
    sc.walkInsPerPeriod = scale(sc.walkInsPerPeriod, factor);
  }
}

/** Extra agents go to the first team (or counter group), in every period, never below zero. */
function addStaff(s: Scenario, extra: number): void {
  const floor = (list: number[]) => list.map((v) => Math.max(0, v));
  if (s.kind === 'contact-centre') s.teams[0]!.agentsPerPeriod = floor(add(s.teams[0]!.agentsPerPeriod, extra));
  else s.counters[0]!.countersPerPeriod = floor(add(s.counters[0]!.countersPerPeriod, extra));
}
