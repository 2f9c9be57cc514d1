/**
 * Error rates of reviewed files by site, team, agent, programme or period, each with its 95 %
 * Wilson interval; and in-person service quality observations, tied to a visit or a site.
 */
import { recordAudit, systemActor, type Actor } from '../../platform/audit.repo.js';
import { assertRegionInScope, assertSiteInScope, fileFilter, OutOfScopeError, scopeOf, siteFilter } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { QaObservationMode, QaResult } from '../../platform/db/tables.qa.js';
import { AppError } from '../../platform/errors.js';
import { getServicePoint } from '../network/index.js';
import { getVisit } from '../visits/index.js';
import * as repo from './qa.repo.js';
import { countErrors, insertObservation, listObservationItems, listObservations, summariseObservations, type RateDimension } from './rates.repo.js';
import { QUARTER } from './sampling.js';
import { wilsonInterval } from './stats.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Error rates over the reviewed files within the reader's scope. */
export async function getErrorRates(options: { db: Db; actor: Actor; by: RateDimension; programme?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  for (const field of ['from', 'to'] as const) {
    const value = options[field];
    if (value !== undefined && !QUARTER.test(value)) throw new AppError('qa.bad_quarter', 400, {}, { [field]: 'qa.bad_quarter' });
  }
  const rows = await countErrors(options.db, { by: options.by, programme: options.programme, from: options.from, to: options.to, scope: fileFilter(options.actor) });
  const groups = rows.map((row) => {
    const reviewed = Number(row.reviewed);
    const inError = Number(row.in_error);
    const interval = wilsonInterval(inError, reviewed)!;
    return { key: row.key, labelEn: row.label_en, labelFr: row.label_fr, reviewed, inError, critical: Number(row.critical), rate: inError / reviewed, low: interval.low, high: interval.high };
  });
  const reviewed = groups.reduce((sum, g) => sum + g.reviewed, 0);
  const inError = groups.reduce((sum, g) => sum + g.inError, 0);
  const overall = wilsonInterval(inError, reviewed);
  return { by: options.by, method: 'wilson' as const, confidence: 0.95, groups, overall: overall ? { reviewed, inError, rate: inError / reviewed, ...overall } : null };
}

/** What an observer checks during a service interaction; labels in both catalogues. */
export const OBSERVATION_ITEMS = ['active_offer', 'greeting', 'identity_verified', 'privacy', 'accurate_information', 'needs_accommodated', 'wait_explained', 'next_steps'] as const;

export interface ObservationInput {
  siteRef?: string | undefined;
  visitId?: string | undefined;
  mode: QaObservationMode;
  items: { code: string; result: QaResult }[];
  notes?: string | undefined;
}

/** The site of an observation: the visit's when one is given (and the site must agree), else the named site. */
async function observedSite(db: Db, input: ObservationInput) {
  if (input.visitId) {
    if (!UUID.test(input.visitId)) throw new AppError('qa.observation.visit_not_found', 400, {}, { visitId: 'qa.observation.visit_not_found' });
    const visit = await getVisit({ db, actor: systemActor('qa'), visitId: input.visitId }).catch(() => {
      throw new AppError('qa.observation.visit_not_found', 400, {}, { visitId: 'qa.observation.visit_not_found' });
    });
    const site = await getServicePoint({ db, ref: input.siteRef ?? visit.service_point_id }).catch(() => null);
    if (!site || site.id !== visit.service_point_id) throw new AppError('qa.observation.visit_elsewhere', 400, {}, { visitId: 'qa.observation.visit_elsewhere' });
    return { site, visitId: visit.id };
  }
  if (!input.siteRef) throw new AppError('qa.observation.site_required', 400, {}, { site: 'qa.observation.site_required' });
  const site = await getServicePoint({ db, ref: input.siteRef }).catch(() => {
    throw new AppError('qa.observation.site_not_found', 400, {}, { site: 'qa.observation.site_not_found' });
  });
  return { site, visitId: null };
}

/** An observation at a site the observer's scope reaches, checked before the form's answers are. */
export async function recordObservation(options: { db: Db; clock: Clock; actor: Actor; input: ObservationInput }) {
  const { db, actor, input } = options;
  const { site, visitId } = await observedSite(db, input);
  assertSiteInScope(actor, site);
  const siteId = site.id;
  const problems: Record<string, string> = {};
  const results = new Map(input.items.map((i) => [i.code, i.result]));
  for (const code of OBSERVATION_ITEMS) if (!results.has(code)) problems[`item-${code}`] = 'qa.review.item_required';
  for (const code of results.keys()) if (!(OBSERVATION_ITEMS as readonly string[]).includes(code)) problems.items = 'qa.review.unknown_item';
  if (Object.keys(problems).length > 0) throw new AppError('qa.review.invalid', 400, {}, problems);
  return db.transaction().execute(async (trx) => {
    const id = await insertObservation(
      trx,
      { service_point_id: siteId, visit_id: visitId, mode: input.mode, observer_id: actor.id ?? actor.type, observed_at: options.clock.now(), notes: input.notes?.trim() ?? '' },
      [...results].map(([item_code, result]) => ({ item_code, result })),
    );
    await recordAudit(trx, actor, { action: 'qa.observation.recorded', entityType: 'qa_observation', entityId: id, details: { siteId, visitId, mode: input.mode } });
    return { id, siteId, visitId };
  });
}

/**
 * Recent observations and, per checklist item, the share met among those where it applied: at one
 * site within the reader's scope, or at every site it reaches.
 */
export async function listObservationSummary(options: { db: Db; actor: Actor; siteRef?: string | undefined; limit?: number }) {
  const { db } = options;
  const site = options.siteRef ? await getServicePoint({ db, ref: options.siteRef }) : undefined;
  if (site) assertSiteInScope(options.actor, site);
  const filter = { siteId: site?.id, scope: site ? null : siteFilter(options.actor) };
  const [observations, counts] = await Promise.all([listObservations(db, { ...filter, limit: options.limit ?? 50 }), summariseObservations(db, filter)]);
  const items = await listObservationItems(db, observations.map((o) => o.id));
  const summary = OBSERVATION_ITEMS.map((code) => {
    const count = (result: QaResult) => Number(counts.find((c) => c.item_code === code && c.result === result)?.count ?? 0);
    const pass = count('pass');
    const fail = count('fail');
    const interval = wilsonInterval(pass, pass + fail);
    return { code, pass, fail, notApplicable: count('not_applicable'), share: pass + fail ? pass / (pass + fail) : null, low: interval?.low ?? null, high: interval?.high ?? null };
  });
  return { observations: observations.map((o) => ({ ...o, items: items.filter((i) => i.observation_id === o.id) })), summary };
}

/**
 * Someone is within an actor's scope when every place they work is: each of their service points
 * and regions. A national account, or one not assigned anywhere (or unknown), is the whole
 * network's business, so only national staff may place them.
 */
async function assertStaffInScope(db: Db, actor: Actor, userId: string) {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return;
  const places = await repo.findStaffPlaces(db, userId);
  if (!places || places.national || places.sites.length + places.regions.length === 0) throw new OutOfScopeError('staff_user', userId);
  for (const site of places.sites) assertSiteInScope(actor, site);
  for (const region of places.regions) assertRegionInScope(actor, region);
}

/** Puts an agent in a team, for error rates by team: an agent who works within the actor's scope. */
export async function setTeam(options: { db: Db; actor: Actor; agentId: string; team: string }) {
  await assertStaffInScope(options.db, options.actor, options.agentId);
  await options.db.transaction().execute(async (trx) => {
    await repo.setTeam(trx, options.agentId, options.team.trim());
    await recordAudit(trx, options.actor, { action: 'qa.team.assigned', entityType: 'staff_user', entityId: options.agentId, details: { team: options.team.trim() } });
  });
}
