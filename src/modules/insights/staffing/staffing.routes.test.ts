import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { createApiToken } from '../../../platform/auth/auth.service.js';
import { systemActor } from '../../../platform/audit.repo.js';
import { exampleScenario } from './what-if.js';

describe('staffing API', () => {
  let t: TestApp;
  let analyst: string;
  let agent: string;
  before(async () => {
    t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '100000' } });
    analyst = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'analyst', role: 'analyst' })).token;
    agent = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: 'agent', role: 'agent' })).token;
  });
  after(() => t.close());
  const get = (url: string, language = 'en') => t.app.inject({ method: 'GET', url, headers: { 'accept-language': language } });

  test('the four Erlang routes answer exactly the documented fields', async () => {
    const c = await get('/api/v1/staffing/erlang-c?arrivalsPerHour=200&ahtSeconds=180&agents=14&targetSeconds=19.8');
    assert.equal(c.statusCode, 200);
    assert.deepEqual(Object.keys(c.json()).sort(), ['averageSpeedOfAnswerSeconds', 'occupancy', 'probabilityOfWaiting', 'serviceLevel']);
    assert.equal(Number(c.json().probabilityOfWaiting.toFixed(3)), 0.174);
    const a = await get('/api/v1/staffing/erlang-a?arrivalsPerHour=200&ahtSeconds=180&agents=14&patienceSeconds=300&targetSeconds=20');
    assert.deepEqual(a.json(), { probabilityOfWaiting: a.json().probabilityOfWaiting, probabilityOfAbandoning: a.json().probabilityOfAbandoning, serviceLevel: a.json().serviceLevel });
    assert.equal(Number(a.json().probabilityOfAbandoning.toFixed(6)), 0.013984);
    assert.deepEqual((await get('/api/v1/staffing/erlang-b?trafficErlangs=1&servers=2')).json(), { blockingProbability: 0.2 });
    const n = await get('/api/v1/staffing/agents-needed?arrivalsPerHour=200&ahtSeconds=180&targetServiceLevel=0.8&targetSeconds=19.8&shrinkage=0.3&maxOccupancy=0.85');
    assert.equal(n.json().agents, 20);
    assert.deepEqual(Object.keys(n.json()).sort(), ['agents', 'occupancy', 'serviceLevel']);
    const asa = await get('/api/v1/staffing/agents-needed?arrivalsPerHour=200&ahtSeconds=180&targetServiceLevel=0&targetSeconds=20&targetAsaSeconds=2');
    assert.ok(asa.json().agents >= 14);
  });

  test('bad parameters get a translated 400, never NaN or a 500', async () => {
    const cases = [
      '/api/v1/staffing/erlang-c?arrivalsPerHour=-5&ahtSeconds=180&agents=14&targetSeconds=20',
      '/api/v1/staffing/erlang-c?arrivalsPerHour=abc&ahtSeconds=180&agents=14&targetSeconds=20',
      '/api/v1/staffing/erlang-c?arrivalsPerHour=300&ahtSeconds=180&agents=14&targetSeconds=20',
      '/api/v1/staffing/erlang-c?arrivalsPerHour=Infinity&ahtSeconds=180&agents=14&targetSeconds=20',
      '/api/v1/staffing/erlang-b?trafficErlangs=1&servers=100000000',
      '/api/v1/staffing/erlang-a?arrivalsPerHour=200&ahtSeconds=180&agents=14&patienceSeconds=0&targetSeconds=20',
      '/api/v1/staffing/agents-needed?arrivalsPerHour=1e9&ahtSeconds=3600&targetServiceLevel=0.8&targetSeconds=20',
      '/api/v1/staffing/agents-needed?arrivalsPerHour=100&ahtSeconds=60&targetServiceLevel=2&targetSeconds=20',
    ];
    for (const url of cases) {
      for (const language of ['en', 'fr']) {
        const response = await get(url, language);
        assert.equal(response.statusCode, 400, url);
        const body = response.json();
        assert.notEqual(body.message, body.code, `${url} is translated`);
        assert.ok(!/NaN/.test(response.body));
      }
    }
    const unstable = (await get('/api/v1/staffing/erlang-c?arrivalsPerHour=300&ahtSeconds=180&agents=14&targetSeconds=20', 'fr')).json();
    assert.equal(unstable.code, 'insights.staffing.error.unstable');
    assert.match(unstable.message, /charge offerte/);
  });

  test('a simulation run answers 202, then its two results; planners only', async () => {
    const scenario = exampleScenario('contact-centre');
    const withCallback = structuredClone(scenario);
    if (withCallback.kind === 'contact-centre') for (const line of withCallback.lines) line.callback = { offerAfterSeconds: 60, acceptShare: 0.6, reachShare: 0.9, attemptSeconds: 45, retryAfterSeconds: 600, maxAttempts: 3 };
    const payload = { scenarios: [scenario, withCallback], labels: ['off', 'on'] };
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/simulations', headers: { authorization: `Bearer ${agent}` }, payload });
    assert.equal(refused.statusCode, 403);
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/simulations', headers: { authorization: `Bearer ${analyst}` }, payload });
    assert.equal(started.statusCode, 202);
    let run = started.json();
    for (let i = 0; i < 600 && run.status !== 'done' && run.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await t.app.inject({ method: 'GET', url: `/api/v1/simulations/${run.id}`, headers: { authorization: `Bearer ${analyst}` } })).json();
    }
    assert.equal(run.status, 'done');
    assert.deepEqual(run.labels, ['off', 'on']);
    const [off, on] = run.results;
    assert.equal(off.totals.offered, on.totals.offered, 'the same callers arrive in both runs');
    assert.equal(off.totals.callbacksRequested, 0);
    assert.ok(on.totals.callbacksRequested > 0 && on.totals.callbacksCompleted > 0);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/simulations', headers: { authorization: `Bearer ${analyst}` }, payload: { scenarios: [{ ...scenario, teams: [{ name: 'x', skills: ['nope'], agentsPerPeriod: [1] }] }] } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /no line named "nope"/);
  });

  test('a run waiting its turn answers a progress page that refreshes itself, unless asked not to', async () => {
    const big = exampleScenario('contact-centre');
    if (big.kind === 'contact-centre') for (const line of big.lines) line.callsPerPeriod = line.callsPerPeriod.map((c) => c * 120);
    const headers = { authorization: `Bearer ${analyst}` };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/simulations', headers, payload: { scenarios: [big] } });
    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/simulations', headers, payload: { scenarios: [exampleScenario('service-centre')] } })).json();
    assert.equal(second.status, 'queued');
    const page = await t.app.inject({ method: 'GET', url: `/fr/analyses/et-si/executions/${second.id}`, headers });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers.refresh, '2');
    assert.match(page.body, /<progress/);
    assert.match(page.body, /Ne plus mettre cette page à jour automatiquement/);
    const still = await t.app.inject({ method: 'GET', url: `/en/insights/what-if/runs/${second.id}?refresh=off`, headers });
    assert.equal(still.headers.refresh, undefined);
    assert.match(still.body, /Check again now/);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/simulations/00000000-0000-4000-8000-000000000000', headers });
    assert.equal(missing.statusCode, 404);
    assert.equal(first.statusCode, 202);
  });
});
