/** The QA JSON API: thin routes, schema in → one service call → status out. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { may } from '../../platform/auth/roles.js';
import type { ModuleDeps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/actor.js';
import type { SampleRow } from './qa.repo.js';
import * as schemas from './qa.schemas.js';
import { listPlans, setChecklistItem, setPlan, setRate } from './plans.service.js';
import { getErrorRates, listObservationSummary, recordObservation, setTeam } from './quality.service.js';
import { acknowledgeFeedback, getSample, listMyFeedback, listSamples, recordReview } from './reviews.service.js';
import { listSamplingKeys, rotateSamplingKey, verifySample } from './sampling.service.js';

/** Who holds the key and records reviews. */
export const QA_TEAM = may('qa.review');
/** Who may read the sample, the reviews and the error rates. */
export const QA_READERS = may('qa.read');

export const toSample = (s: SampleRow) => ({
  id: s.id,
  applicationId: s.application_id,
  applicationNumber: s.application_number,
  programme: s.programme,
  type: s.type_code,
  stage: s.stage,
  siteId: s.site_id,
  siteCode: s.site_code,
  agentId: s.agent_id,
  reachedAt: s.reached_at.toISOString(),
  quarter: s.fiscal_quarter,
  rate: s.rate,
  keyVersion: s.key_version,
  status: s.review_id ? ('reviewed' as const) : ('pending' as const),
  inError: s.in_error,
});

export function registerQaRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = deps.database;
  const { clock } = deps;
  const tags = ['quality assurance'];
  const readers = { access: QA_READERS };
  const team = { access: QA_TEAM };

  api.get(
    '/api/v1/qa/samples',
    { config: readers, schema: { tags, operationId: 'listQaSamples', summary: 'Files drawn into the QA sample, with files considered and drawn per programme and fiscal quarter', description: 'Quarters are fiscal: `2026-Q3` is October–December 2026, the third quarter of fiscal year 2026–27 (1 April – 31 March).', querystring: schemas.SamplesQuery, response: { 200: schemas.SampleList } } },
    async (request) => {
      const { items, counts } = await listSamples({ db, actor: actorOf(request), ...request.query });
      return { items: items.map(toSample), counts };
    },
  );

  api.get('/api/v1/qa/samples/:sampleId', { config: readers, schema: { tags, operationId: 'getQaSample', summary: 'One drawn file, its checklist and its review', params: schemas.SampleParams } }, async (request) => {
    const { sample, checklist, review } = await getSample({ db, actor: actorOf(request), sampleId: request.params.sampleId });
    return { sample: toSample(sample), checklist: checklist.map((i) => ({ code: i.code, labelEn: i.label_en, labelFr: i.label_fr, active: i.active })), review: review ?? null };
  });

  api.post(
    '/api/v1/qa/samples/:sampleId/review',
    { config: team, schema: { tags, operationId: 'recordQaReview', summary: 'Record the review of a drawn file: each checklist item’s result, findings, feedback to the agent', params: schemas.SampleParams, body: schemas.ReviewBody, response: { 201: schemas.ReviewResult } } },
    async (request, reply) => reply.status(201).send(await recordReview({ db, clock, actor: actorOf(request), sampleId: request.params.sampleId, input: request.body })),
  );

  api.post(
    '/api/v1/qa/samples/verify',
    { config: readers, schema: { tags, operationId: 'verifyQaSample', summary: 'Derive a quarter’s sample again from the keys and compare it with what was drawn', description: 'Without `keys`, QA reviewers and administrators use the stored keys; anyone else gives the keys.', body: schemas.VerifyBody } },
    async (request) => verifySample({ db, actor: actorOf(request), ...request.body, mayUseStoredKeys: QA_TEAM.includes(request.principal!.role) }),
  );

  api.get('/api/v1/qa/keys', { config: team, schema: { tags, operationId: 'listQaKeys', summary: 'The sampling keys, current and past, with their secrets (the read is audited)' } }, async (request) => {
    const keys = await listSamplingKeys({ db, actor: actorOf(request) });
    return { items: keys.map((k) => ({ version: k.version, secret: k.secret, activatedAt: k.activated_at.toISOString(), createdBy: k.created_by, reason: k.reason })) };
  });

  api.post('/api/v1/qa/keys', { config: team, schema: { tags, operationId: 'rotateQaKey', summary: 'Rotate the sampling key (from now, or from a later moment)', body: schemas.RotateKeyBody } }, async (request, reply) => {
    const made = await rotateSamplingKey({ db, clock, actor: actorOf(request), reason: request.body.reason, activateAt: request.body.activateAt ? new Date(request.body.activateAt) : undefined });
    return reply.status(201).send({ version: made.version, activatedAt: made.activatedAt.toISOString() });
  });

  api.get('/api/v1/qa/plans', { config: readers, schema: { tags, operationId: 'listQaPlans', summary: 'Each programme’s sampling stage, rate schedule by fiscal quarter and checklist' } }, async () => listPlans({ db, clock }));

  api.put('/api/v1/qa/plans/:programme', { config: team, schema: { tags, operationId: 'setQaPlan', summary: 'Set the stage where a programme’s files are drawn', params: schemas.ProgrammeParams, body: schemas.PlanBody } }, async (request, reply) => {
    await setPlan({ db, actor: actorOf(request), programme: request.params.programme, ...request.body });
    return reply.status(204).send();
  });

  api.put('/api/v1/qa/plans/:programme/rates', { config: team, schema: { tags, operationId: 'setQaRate', summary: 'Set the sampling rate from a future fiscal quarter on', params: schemas.ProgrammeParams, body: schemas.RateBody } }, async (request, reply) => {
    await setRate({ db, clock, actor: actorOf(request), programme: request.params.programme, ...request.body });
    return reply.status(204).send();
  });

  api.put('/api/v1/qa/plans/:programme/checklist', { config: team, schema: { tags, operationId: 'setQaChecklistItem', summary: 'Add, relabel or retire a checklist item', params: schemas.ProgrammeParams, body: schemas.ChecklistItemBody } }, async (request, reply) => {
    const body = request.body;
    await setChecklistItem({ db, actor: actorOf(request), programme: request.params.programme, ...body, sortOrder: body.sortOrder ?? 100, active: body.active ?? true });
    return reply.status(204).send();
  });

  api.put('/api/v1/qa/teams/:agentId', { config: { access: may('qa.teams') }, schema: { tags, operationId: 'setQaTeam', summary: 'Put an agent in a team, for error rates by team', params: schemas.AgentParams, body: schemas.TeamBody } }, async (request, reply) => {
    await setTeam({ db, actor: actorOf(request), agentId: request.params.agentId, team: request.body.team });
    return reply.status(204).send();
  });

  api.get('/api/v1/qa/error-rates', { config: readers, schema: { tags, operationId: 'getQaErrorRates', summary: 'Share of reviewed files in error by site, team, agent, programme, fiscal quarter or month, with 95 % Wilson score intervals', querystring: schemas.ErrorRatesQuery } }, async (request) =>
    getErrorRates({ db, actor: actorOf(request), ...request.query, by: request.query.by ?? 'site' }),
  );

  api.get('/api/v1/qa/feedback', { config: { access: 'staff' }, schema: { tags, operationId: 'listMyQaFeedback', summary: 'The QA feedback addressed to the signed-in agent (only theirs)' } }, async (request) => ({ items: await listMyFeedback({ db, actor: actorOf(request) }) }));

  api.post('/api/v1/qa/feedback/:reviewId/acknowledge', { config: { access: 'staff' }, schema: { tags, operationId: 'acknowledgeQaFeedback', summary: 'Mark one’s own feedback as read', params: schemas.ReviewParams } }, async (request, reply) => {
    await acknowledgeFeedback({ db, clock, actor: actorOf(request), reviewId: request.params.reviewId });
    return reply.status(204).send();
  });

  api.get('/api/v1/qa/observations', { config: readers, schema: { tags, operationId: 'listQaObservations', summary: 'In-person service quality observations and each checklist item’s share met', querystring: schemas.ObservationsQuery } }, async (request) =>
    listObservationSummary({ db, actor: actorOf(request), siteRef: request.query.site }),
  );

  api.post('/api/v1/qa/observations', { config: readers, schema: { tags, operationId: 'recordQaObservation', summary: 'Record an in-person service quality observation (on site or virtual), tied to a visit or a site', body: schemas.ObservationBody } }, async (request, reply) => {
    const { site, ...rest } = request.body;
    return reply.status(201).send(await recordObservation({ db, clock, actor: actorOf(request), input: { ...rest, siteRef: site } }));
  });
}
