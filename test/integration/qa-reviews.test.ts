/**
 * QA reviews through the API and the pages: the reviewer works a drawn file against its programme's
 * checklist, records findings and feedback; the agent sees their own feedback and nobody else's;
 * error rates by site, team and period carry 95 % Wilson intervals; in-person observations tie to
 * a visit or a site. Bad input is a translated 400 that changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listAudit, systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { loadDemoNetwork } from '../../src/modules/network/index.js';
import { considerForQaSample, wilsonInterval } from '../../src/modules/qa/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createUser, csrfTokenOf, signIn, type CookieJar } from '../helpers/http.js';

// Sunday 10 May 2026 (fiscal 2026-Q1): the immigration plan samples every file from 2026-Q2 on.
const NOW = '2026-05-10T15:00:00Z';
const AUGUST = Date.UTC(2026, 7, 3, 15);

describe('QA reviews, feedback, error rates and observations', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  const as = (role: Role, language = 'en') => ({ authorization: `Bearer ${tokens.get(role)}`, 'accept-language': language });
  let sites: { id: string; code: string }[];
  let agents: { id: string; email: string }[];
  let samples: { id: string; agentId: string; siteCode: string }[];
  let reviewer: { id: string };

  const review = (sampleId: string, payload: object, role: Role = 'qa_reviewer') => t.app.inject({ method: 'POST', url: `/api/v1/qa/samples/${sampleId}/review`, headers: as(role), payload });
  const items = (fail: string[] = []) => ['eligibility', 'identity', 'decision_note'].map((code) => ({ code, result: fail.includes(code) ? 'fail' : 'pass' }));
  const count = async (table: 'qa_reviews' | 'qa_findings' | 'qa_feedback' | 'qa_observations') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  before(async () => {
    t = await buildTestApp({ now: NOW });
    await loadDemoNetwork({ db: t.database.db, actor: systemActor('test') });
    for (const role of ['qa_reviewer', 'supervisor', 'agent', 'admin', 'reception'] as const) tokens.set(role, (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor('test'), name: role, role })).token);
    sites = await t.database.db.selectFrom('service_points as s').innerJoin('service_point_services as x', 'x.service_point_id', 's.id').select(['s.id', 's.code']).where('x.service_code', '=', 'passport').where('s.type', '=', 'scc').where('s.status', '=', 'open').orderBy('s.code').limit(2).execute();
    agents = await Promise.all([1, 2].map(async (n) => ({ id: (await createUser(t.database, 'agent', `agent${n}@test.example`)).id, email: `agent${n}@test.example` })));
    reviewer = await createUser(t.database, 'qa_reviewer', 'reviewer@test.example');
    const plan = (path: string, payload: object) => t.app.inject({ method: 'PUT', url: `/api/v1/qa/plans/immigration${path}`, headers: as('admin'), payload });
    assert.equal((await plan('', { stage: 'decision', active: true })).statusCode, 204);
    assert.equal((await plan('/rates', { fromQuarter: '2026-Q2', rate: 1 })).statusCode, 204);
    for (const [i, code] of ['eligibility', 'identity', 'decision_note'].entries()) {
      assert.equal((await plan('/checklist', { code, labelEn: `Check ${code}`, labelFr: `Vérifier ${code}`, sortOrder: i })).statusCode, 204);
    }
    // 40 files: site and agent alternate, so each site × agent pair has ten.
    await t.database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < 40; n++) {
        const at = new Date(AUGUST + n * 3_600_000);
        await considerForQaSample(trx, { applicationId: `imm-${n}`, applicationNumber: `W${String(n).padStart(9, '0')}`, programme: 'immigration', typeCode: 'work_permit', stage: 'decision', siteId: sites[n % 2]!.id, agentId: agents[Math.floor(n / 2) % 2]!.id, at });
      }
      // A reviewer who also processes files: theirs is the last drawn.
      await considerForQaSample(trx, { applicationId: 'imm-own', applicationNumber: 'W999999999', programme: 'immigration', typeCode: 'work_permit', stage: 'decision', siteId: sites[0]!.id, agentId: reviewer.id, at: new Date(AUGUST + 100 * 3_600_000) });
    });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples?programme=immigration&quarter=2026-Q2', headers: as('qa_reviewer') })).json();
    samples = list.items;
    assert.equal(samples.length, 41);
  });
  after(() => t.close());

  test('a drawn file shows what the reviewer needs and the programme’s checklist; its read is audited', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples[0]!.id}`, headers: as('supervisor') });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.sample.applicationNumber, 'W000000000');
    assert.equal(body.sample.siteCode, sites[0]!.code);
    assert.deepEqual(body.checklist.map((i: { code: string }) => i.code), ['eligibility', 'identity', 'decision_note']);
    const audit = await listAudit(t.database.db, { action: 'qa.sample.read', entityId: samples[0]!.id, limit: 5 });
    assert.equal(audit.length, 1);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/qa/samples/${samples[0]!.id}`, headers: as('agent') })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/samples/00000000-0000-4000-8000-000000000000', headers: as('admin') })).statusCode, 404);
  });

  test('an incomplete review is refused in the reviewer’s language and records nothing', async () => {
    const before = await count('qa_reviews');
    const missing = await t.app.inject({ method: 'POST', url: `/api/v1/qa/samples/${samples[0]!.id}/review`, headers: as('qa_reviewer', 'fr'), payload: { items: items().slice(1), findings: [] } });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().fields['item-eligibility'], 'Indiquez un résultat pour cet élément.');
    const noFinding = await review(samples[0]!.id, { items: items(['identity']), findings: [] });
    assert.equal(noFinding.statusCode, 400);
    assert.equal(noFinding.json().fields.findings, 'Record at least one finding for the items not met.');
    const badType = await review(samples[0]!.id, { items: items(), findings: [{ type: 'astrology', severity: 'minor', description: 'x' }] });
    assert.equal(badType.statusCode, 400);
    assert.equal((await review(samples[0]!.id, { items: items() }, 'supervisor')).statusCode, 403);
    // A reviewer never reviews a file they worked on.
    const own = samples[40]!;
    assert.equal(own.agentId, reviewer.id);
    const jar = await session('reviewer@test.example');
    const page = await t.app.inject({ method: 'GET', url: `/en/qa/samples/${own.id}`, headers: { cookie: jar.header() } });
    jar.store(page);
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/qa/samples/${own.id}/review`, headers: { cookie: jar.header(), 'x-csrf-token': csrfTokenOf(page.body) }, payload: { items: items(), findings: [] } });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().code, 'qa.own_file');
    assert.equal(await count('qa_reviews'), before);
  });

  test('a review with findings sends feedback that only its agent sees', async () => {
    const target = samples[0]!;
    const done = await review(target.id, { items: items(['identity']), findings: [{ itemCode: 'identity', type: 'identity', severity: 'major', description: 'Second identity document not recorded.' }], feedback: 'Record both identity documents.' });
    assert.equal(done.statusCode, 201);
    const result = done.json() as { reviewId: string; inError: boolean; feedbackSent: boolean };
    assert.deepEqual([result.inError, result.feedbackSent], [true, true]);
    assert.equal((await review(target.id, { items: items(), findings: [] })).statusCode, 409);
    assert.equal((await listAudit(t.database.db, { action: 'qa.review.recorded', entityId: target.id, limit: 5 })).length, 1);

    const owner = agents.find((a) => a.id === target.agentId)!;
    const other = agents.find((a) => a.id !== target.agentId)!;
    const mine = await feedbackOf(owner.email);
    assert.equal(mine.items.length, 1);
    assert.equal(mine.items[0].message, 'Record both identity documents.');
    assert.equal(mine.items[0].findings[0].severity, 'major');
    assert.equal((await feedbackOf(other.email)).items.length, 0);
    const reviewId = mine.items[0].review_id as string;
    assert.equal((await acknowledge(other.email, reviewId)).statusCode, 404);
    assert.equal((await acknowledge(owner.email, reviewId)).statusCode, 204);
    assert.ok((await feedbackOf(owner.email)).items[0].acknowledged_at);
  });

  const sessions = new Map<string, CookieJar>();
  async function session(email: string) {
    if (!sessions.has(email)) sessions.set(email, (await signIn(t.app, email)).jar);
    return sessions.get(email)!;
  }
  async function feedbackOf(email: string) {
    const jar = await session(email);
    return (await t.app.inject({ method: 'GET', url: '/api/v1/qa/feedback', headers: { cookie: jar.header() } })).json();
  }
  async function acknowledge(email: string, reviewId: string) {
    const jar = await session(email);
    const page = await t.app.inject({ method: 'GET', url: '/en/qa/my-feedback', headers: { cookie: jar.header() } });
    jar.store(page);
    return t.app.inject({ method: 'POST', url: `/api/v1/qa/feedback/${reviewId}/acknowledge`, headers: { cookie: jar.header(), 'x-csrf-token': csrfTokenOf(page.body) } });
  }

  test('error rates by site, team and period carry their 95 % Wilson interval', async () => {
    // Files 1–19 reviewed: every third one in error (files 3, 6, … 18), at alternating sites.
    for (let n = 1; n < 20; n++) {
      const inError = n % 3 === 0;
      const response = await review(samples[n]!.id, { items: items(inError ? ['eligibility'] : []), findings: inError ? [{ type: 'eligibility', severity: n === 9 ? 'critical' : 'minor', description: 'Criteria misread.' }] : [] });
      assert.equal(response.statusCode, 201);
    }
    assert.equal((await t.app.inject({ method: 'PUT', url: `/api/v1/qa/teams/${agents[0]!.id}`, headers: as('supervisor'), payload: { team: 'Team A' } })).statusCode, 204);
    const bySite = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=site&programme=immigration', headers: as('supervisor') })).json();
    assert.equal(bySite.method, 'wilson');
    const reviewed = samples.slice(0, 20).map((s, n) => ({ site: s.siteCode, agent: s.agentId, inError: n === 0 || n % 3 === 0 }));
    for (const site of sites) {
      const mine = reviewed.filter((r) => r.site === site.code);
      const group = bySite.groups.find((g: { key: string }) => g.key === site.code);
      const errors = mine.filter((r) => r.inError).length;
      assert.equal(group.reviewed, mine.length);
      assert.equal(group.inError, errors);
      assert.deepEqual({ low: group.low, high: group.high }, wilsonInterval(errors, mine.length));
    }
    assert.equal(bySite.overall.reviewed, 20);
    const byTeam = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=team', headers: as('qa_reviewer') })).json();
    assert.deepEqual(byTeam.groups.map((g: { key: string | null; reviewed: number }) => [g.key, g.reviewed]).sort(), [['Team A', reviewed.filter((r) => r.agent === agents[0]!.id).length], [null, reviewed.filter((r) => r.agent !== agents[0]!.id).length]].sort());
    const byQuarter = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=quarter&from=2026-Q2&to=2026-Q2', headers: as('admin') })).json();
    assert.deepEqual(byQuarter.groups.map((g: { key: string; critical: number }) => [g.key, g.critical]), [['2026-Q2', 1]]);
    const byMonth = (await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=month', headers: as('admin') })).json();
    assert.equal(byMonth.groups[0].key, '2026-08');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates?by=weather', headers: as('admin') })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/qa/error-rates', headers: as('agent') })).statusCode, 403);
  });

  test('observations tie to a visit or a site, refuse what does not fit, and sum up per item', async () => {
    const visit = await t.app.inject({ method: 'POST', url: `/api/v1/sites/${sites[0]!.code}/visits`, headers: as('reception'), payload: { service: 'passport', channel: 'walk_in' } });
    assert.equal(visit.statusCode, 201);
    const all = (result: string) => ['active_offer', 'greeting', 'identity_verified', 'privacy', 'accurate_information', 'needs_accommodated', 'wait_explained', 'next_steps'].map((code) => ({ code, result: code === 'privacy' ? result : 'pass' }));
    const observe = (payload: object, language = 'en') => t.app.inject({ method: 'POST', url: '/api/v1/qa/observations', headers: as('supervisor', language), payload });
    const before = await count('qa_observations');
    const elsewhere = await observe({ visitId: visit.json().id, site: sites[1]!.code, mode: 'on_site', items: all('pass') }, 'fr');
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(elsewhere.json().fields.visitId, 'Cette visite a eu lieu dans un autre bureau.');
    assert.equal((await observe({ site: sites[0]!.code, mode: 'on_site', items: all('pass').slice(1) })).statusCode, 400);
    assert.equal((await observe({ site: 'NOWHERE-1', mode: 'on_site', items: all('pass') })).statusCode, 400);
    assert.equal(await count('qa_observations'), before);
    const tied = await observe({ visitId: visit.json().id, mode: 'virtual', items: all('fail'), notes: 'Observed by video.' });
    assert.equal(tied.statusCode, 201);
    assert.equal(tied.json().siteId, sites[0]!.id);
    assert.equal((await observe({ site: sites[0]!.code, mode: 'on_site', items: all('pass') })).statusCode, 201);
    const summary = (await t.app.inject({ method: 'GET', url: `/api/v1/qa/observations?site=${sites[0]!.code}`, headers: as('qa_reviewer') })).json();
    assert.equal(summary.observations.length, 2);
    assert.ok(summary.observations.some((o: { ticket: string | null }) => o.ticket));
    assert.deepEqual(summary.summary.find((s: { code: string }) => s.code === 'privacy'), { code: 'privacy', pass: 1, fail: 1, notApplicable: 0, share: 0.5, ...wilsonInterval(1, 2) });
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/qa/observations', headers: as('agent'), payload: {} })).statusCode, 403);
    // The site's page shows QA readers how its observations went, and leads to the form for it.
    const jar = await session('reviewer@test.example');
    const sitePage = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${sites[0]!.code}`, headers: { cookie: jar.header() } });
    assert.match(sitePage.body, /2 observations : 93,8\s% des éléments vérifiés étaient respectés/);
    const form = await t.app.inject({ method: 'GET', url: `/en/qa/observations?site=${sites[0]!.code}`, headers: { cookie: jar.header() } });
    assert.match(form.body, new RegExp(`name="site" value="${sites[0]!.code}"`));
    const anonymous = await t.app.inject({ method: 'GET', url: `/en/service-points/${sites[0]!.code}` });
    assert.doesNotMatch(anonymous.body, /Service quality observations/);
  });

  test('the reviewer works the queue through the pages, in English and in French', async () => {
    const jar = await session('reviewer@test.example');
    const home = await t.app.inject({ method: 'GET', url: '/fr/aq?quarter=2026-Q2', headers: { cookie: jar.header() } });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /dossiers à examiner en 2026-Q2/);
    assert.match(home.body, new RegExp(`href="/fr/aq/echantillons/${samples[30]!.id}"`));
    const page = await t.app.inject({ method: 'GET', url: `/en/qa/samples/${samples[30]!.id}`, headers: { cookie: jar.header() } });
    jar.store(page);
    assert.match(page.body, /Review of file W000000030/);
    const post = (form: Record<string, string>, url = `/en/qa/samples/${samples[30]!.id}`) =>
      t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrfTokenOf(page.body), ...form }).toString() });
    const incomplete = await post({ 'item-eligibility': 'pass' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /error-summary/);
    const done = await post({ 'item-eligibility': 'pass', 'item-identity': 'fail', 'item-decision_note': 'not_applicable', 'finding-0-type': 'identity', 'finding-0-severity': 'minor', 'finding-0-description': 'Photo page not scanned.', feedback: 'Scan the photo page.' });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /The review is recorded: the file is in error\./);
    const verify = await post({ programme: 'immigration', quarter: '2026-Q2', key: '' }, '/fr/aq/verifier');
    assert.equal(verify.statusCode, 200);
    assert.match(verify.body, /Le tirage correspond à la règle/);
    assert.equal((await post({ action: 'rotate', reason: '' }, '/fr/aq/verifier')).statusCode, 400);
    const rotated = await post({ action: 'rotate', reason: 'Rotation trimestrielle' }, '/fr/aq/verifier');
    assert.match(rotated.body, /La clé version 2 est en vigueur dès maintenant/);
    assert.match(rotated.body, /Rotation trimestrielle/);
    assert.doesNotMatch(rotated.body, /[0-9a-f]{64}/, 'the page never shows a secret');
    const rates = await t.app.inject({ method: 'GET', url: '/fr/aq/taux-erreur?by=team', headers: { cookie: jar.header() } });
    assert.match(rates.body, /Team A/);
  });
});
