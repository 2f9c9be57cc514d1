/**
 * A scenario checked against its schema and its own cross-references (a team's skill names a line
 * that exists, service shares add up to at most 1…), then turned into the simulator's core model.
 */
import Value from 'typebox/value';
import { AppError } from '../../../../platform/errors.js';
import { expectedArrivals } from './arrivals.js';
import type { CoreClass, CoreModel, Distribution } from './model.js';
import { ContactCentreSchema, ServiceCentreSchema, type ContactCentreScenario, type Scenario, type ServiceCentreScenario } from './scenario.schema.js';

/** Most outside arrivals one scenario may generate: keeps any run to seconds. */
export const MAX_SCENARIO_CUSTOMERS = 2_000_000;

/** Every problem as "path: message"; empty when the scenario is valid. */
export function scenarioProblems(input: unknown): string[] {
  const kind = (input as { kind?: unknown } | null)?.kind;
  const schema = kind === 'contact-centre' ? ContactCentreSchema : kind === 'service-centre' ? ServiceCentreSchema : null;
  if (!schema) return ['/kind: must be "contact-centre" or "service-centre"'];
  if (!Value.Check(schema, input)) {
    const errors = [...Value.Errors(schema, input)].filter((e) => e.keyword !== 'boolean');
    return errors.slice(0, 5).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  }
  const scenario = input as Scenario;
  const problems = scenario.kind === 'contact-centre' ? contactProblems(scenario) : serviceProblems(scenario);
  if (problems.length === 0) {
    const arrivals = expectedArrivals(toCoreModel(scenario));
    if (arrivals > MAX_SCENARIO_CUSTOMERS) problems.push(`/: about ${Math.round(arrivals)} arrivals, more than ${MAX_SCENARIO_CUSTOMERS}`);
  }
  return problems;
}

function distributionProblems(path: string, d: Distribution | null | undefined): string[] {
  return d?.kind === 'uniform' && d.min > d.max ? [`${path}: min must not exceed max`] : [];
}

function contactProblems(s: ContactCentreScenario): string[] {
  const names = new Set(s.lines.map((l) => l.name));
  const problems: string[] = [];
  if (names.size !== s.lines.length) problems.push('/lines: line names must differ');
  s.lines.forEach((l, i) => problems.push(...distributionProblems(`/lines/${i}/handle`, l.handle), ...distributionProblems(`/lines/${i}/patience`, l.patience)));
  s.teams.forEach((team, i) => team.skills.forEach((skill, j) => !names.has(skill) && problems.push(`/teams/${i}/skills/${j}: no line named "${skill}"`)));
  return problems;
}

function serviceProblems(s: ServiceCentreScenario): string[] {
  const names = new Set(s.services.map((x) => x.name));
  const problems: string[] = [];
  if (names.size !== s.services.length) problems.push('/services: service names must differ');
  if (s.services.reduce((sum, x) => sum + x.share, 0) > 1 + 1e-9) problems.push('/services: the shares add up to more than 1');
  s.counters.forEach((c, i) => c.services.forEach((name, j) => !names.has(name) && problems.push(`/counters/${i}/services/${j}: no service named "${name}"`)));
  return problems;
}

/** The scenario, validated; a 400 naming the first problems otherwise. */
export function parseScenario(input: unknown): Scenario {
  const problems = scenarioProblems(input);
  if (problems.length > 0) throw new AppError('insights.sim.error.invalid_scenario', 400, { problem: problems.join('; ') }, { scenario: 'insights.sim.error.scenario_field' });
  return input as Scenario;
}

const baseClass = (name: string, handle: Distribution): CoreClass => ({
  name,
  arrivalsPerPeriod: [0],
  handle,
  patience: null,
  callback: null,
  appointments: null,
  next: [],
  virtualShare: 0,
  lobbyLeadSeconds: 0,
  internal: false,
});

export function toCoreModel(s: Scenario): CoreModel {
  const common = { periodSeconds: s.periodMinutes * 60, periods: s.periods, maxCustomers: null, serviceLevelSeconds: s.serviceLevelSeconds, seed: s.seed };
  if (s.kind === 'contact-centre') {
    const index = new Map(s.lines.map((l, i) => [l.name, i]));
    return {
      ...common,
      classes: s.lines.map((l) => ({ ...baseClass(l.name, l.handle), arrivalsPerPeriod: l.callsPerPeriod, patience: l.patience ?? null, callback: l.callback ?? null })),
      groups: s.teams.map((team) => ({ name: team.name, skills: team.skills.map((skill) => index.get(skill) ?? -1).filter((i) => i >= 0), staffing: team.agentsPerPeriod })),
    };
  }
  const lead = (s.lobbyLeadMinutes ?? 10) * 60;
  const virtualShare = s.virtualQueueShare ?? 0;
  const triage: CoreClass = {
    ...baseClass('triage', s.triage.handle),
    arrivalsPerPeriod: s.walkInsPerPeriod,
    next: s.services.map((x, i) => ({ classIndex: i + 1, share: x.share })),
    virtualShare,
    lobbyLeadSeconds: lead,
  };
  const services = s.services.map((x): CoreClass => ({
    ...baseClass(x.name, x.handle),
    patience: x.patience ?? null,
    internal: true,
    lobbyLeadSeconds: lead,
    appointments: x.appointmentsPerPeriod ? { slotsPerPeriod: x.appointmentsPerPeriod, noShowShare: x.noShowShare ?? 0, punctualitySeconds: (x.punctualityMinutes ?? 5) * 60 } : null,
  }));
  const index = new Map(s.services.map((x, i) => [x.name, i + 1]));
  return {
    ...common,
    classes: [triage, ...services],
    groups: [
      { name: 'triage', skills: [0], staffing: s.triage.desksPerPeriod },
      ...s.counters.map((c) => ({ name: c.name, skills: c.services.map((n) => index.get(n) ?? -1).filter((i) => i >= 0), staffing: c.countersPerPeriod })),
    ],
  };
}
