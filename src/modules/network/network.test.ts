import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn } from '../../../test/helpers/http.js';
import { listAudit, systemActor } from '../../platform/audit.repo.js';
import { createApiToken } from '../../platform/auth/auth.service.js';
import { seedDemo } from '../../seed.js';
import { publishEvent } from '../../platform/db/event-bus.js';

describe('the network with the demo loaded', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } })));
  after(() => t.close());

  test('the summary counts the network of the seeds', async () => {
    const summary = (await t.app.inject({ method: 'GET', url: '/api/v1/network/summary' })).json();
    assert.equal(summary.total, 560);
    assert.deepEqual(summary.byType, { scc: 301, scc_consolidated: 15, passport_site: 21, outreach_site: 208, partnership_site: 15 });
    assert.equal(summary.byProvince.length, 13);
    assert.ok(summary.byProvince.every((p: { count: number }) => p.count > 0));
  });

  test('sites can be listed by province, type and service, a page at a time', async () => {
    const page = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=NU&type=outreach_site&pageSize=2' })).json();
    assert.ok(page.total >= 1);
    assert.ok(page.items.length <= 2);
    assert.ok(page.items.every((s: { province: string; type: string }) => s.province === 'NU' && s.type === 'outreach_site'));
    const passport = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?service=passport&pageSize=200' })).json();
    assert.ok(passport.total > 300);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/service-points?service=teleportation' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().fields.service, 'Choose a service from the list.');
  });

  test('one site by code or id, with services and hours in its time zone', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=SK&type=scc&pageSize=1' })).json();
    const code = list.items[0].code;
    const byCode = (await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${code}` })).json();
    const byId = (await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${byCode.id}` })).json();
    assert.deepEqual(byId, byCode);
    assert.equal(byCode.timeZone, 'America/Regina');
    assert.ok(byCode.services.some((s: { code: string }) => s.code === 'sin'));
    assert.ok(byCode.hours.some((h: { weekday: number }) => h.weekday === 1));
  });

  test('the home page counts the network in both languages', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/en' });
    assert.match(en.body, /560 service points serve clients across the country/);
    assert.match(en.body, /<strong>316<\/strong> Service Canada Centres/);
    const fr = await t.app.inject({ method: 'GET', url: '/fr' });
    assert.match(fr.body, /560 points de service servent la clientèle/);
    assert.match(fr.body, /<strong>208<\/strong> sites de services mobiles/);
  });

  test('the directory and a site page render, filters and the toggle keep their place', async () => {
    const directory = await t.app.inject({ method: 'GET', url: '/fr/points-de-service?province=YT' });
    assert.equal(directory.statusCode, 200);
    assert.match(directory.body, /href="\/en\/service-points\?province=YT"/);
    const code = /href="\/fr\/points-de-service\/([A-Z0-9-]+)"/.exec(directory.body)?.[1];
    assert.ok(code);
    const site = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${code}` });
    assert.equal(site.statusCode, 200);
    assert.match(site.body, /Heures d&#x27;ouverture|Heures d'ouverture/);
    assert.match(site.body, new RegExp(`href="/en/service-points/${code}"`));
  });

  test('nearest serving sites offering a service, nearest first, in the asked language', async () => {
    const iqaluit = { lat: 63.7467, lon: -68.517 };
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/service-points/nearest?lat=${iqaluit.lat}&lon=${iqaluit.lon}&service=sin&limit=5`, headers: { 'accept-language': 'fr' } });
    assert.equal(response.statusCode, 200);
    const items = response.json().items as { province: string; distanceKm: number; name: string; nameFr: string }[];
    assert.equal(items.length, 5);
    assert.equal(items[0]!.province, 'NU');
    assert.equal(items[0]!.name, items[0]!.nameFr);
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.distanceKm <= items[i]!.distanceKm);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/nearest?lat=95&lon=0' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().fields.lat);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/nearest?lat=45&lon=-75&service=teleportation' });
    assert.equal(unknown.statusCode, 400);
  });

  test('a site suspended by any process drops out of the nearest search at once', async () => {
    const url = '/api/v1/service-points/nearest?lat=45.4215&lon=-75.6972&limit=1';
    const before = (await t.app.inject({ method: 'GET', url })).json().items[0];
    await t.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('service_points').set({ status: 'suspended' }).where('id', '=', before.id).execute();
      await publishEvent(trx, 'network', { change: 'status', id: before.id });
    });
    let after = before;
    for (let i = 0; i < 50 && after.id === before.id; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = (await t.app.inject({ method: 'GET', url })).json().items[0];
    }
    assert.notEqual(after.id, before.id);
    assert.ok(after.distanceKm >= before.distanceKm);
  });

  test('the demo loads once, audited, and never over an existing network', async () => {
    const again = await seedDemo(t.database);
    assert.deepEqual(again, { servicePoints: 0, staffAccounts: 0 });
    const audit = await listAudit(t.database.db, { action: 'network.demo_loaded', limit: 5 });
    assert.equal(audit.length, 1);
  });
});

describe('find a service point (public page, no JavaScript)', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ demo: 'network', now: '2026-11-23T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '100000' } })));
  after(() => t.close());

  test('a community and a service give the nearest serving sites, with distance and opening', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Rimouski&service=passport' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The 10 nearest service points to Rimouski \(QC\)/);
    assert.match(page.body, /km away/);
    // Monday 10:00 in Quebec: centres with weekday hours are open.
    assert.match(page.body, /Open now, until 16:30/);
    const fr = await t.app.inject({ method: 'GET', url: '/fr/trouver-un-point-de-service?place=trois+rivieres' });
    assert.match(fr.body, /Les 10 points de service les plus proches de Trois-Rivières \(QC\)/);
  });

  test('an ambiguous name asks which one; an unknown one says so in the error summary', async () => {
    const ambiguous = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Windsor' });
    assert.match(ambiguous.body, /Which community did you mean\?/);
    assert.match(ambiguous.body, /Windsor \(NS\)/);
    const chosen = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Windsor%2C+NS' });
    assert.match(chosen.body, /nearest service points to Windsor \(NS\)/);
    const unknown = await t.app.inject({ method: 'GET', url: '/fr/trouver-un-point-de-service?place=Atlantide' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /class="error-summary"/);
    assert.match(unknown.body, /Nous n&#x27;avons trouvé aucune collectivité nommée « Atlantide »|Nous n'avons trouvé aucune collectivité nommée « Atlantide »/);
    const empty = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=' });
    assert.match(empty.body, /Enter the name of your community or your postal code/);
  });

  test('a postal code searches from the centre of its area, in any spacing or case; an unknown one is named', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=k7l3n6&service=passport' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /nearest service points to K7L 3N6 \(ON\)/);
    assert.match(page.body, /centre of postal area K7L/);
    assert.match(page.body, /Kingston/);
    const fr = await t.app.inject({ method: 'GET', url: '/fr/trouver-un-point-de-service?place=G5L' });
    assert.match(fr.body, /proches de G5L \(QC\)/);
    assert.match(fr.body, /région postale G5L/);
    // Shaped like a postal code, but no such area (Z is never a first letter; X0Z is unused).
    const unknown = await t.app.inject({ method: 'GET', url: '/fr/trouver-un-point-de-service?place=X0Z+1A1' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Nous ne connaissons pas le code postal « X0Z 1A1 »/);
  });
});

describe('changing a site status (supervisors and administrators)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'supervisor', 'sup@test.example');
    await createUser(t.database, 'agent', 'agent@test.example');
  });
  after(() => t.close());

  test('a bad form says what to fix and changes nothing; a good one is recorded, audited and visible', async () => {
    const code = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=PE&type=scc&pageSize=1' })).json().items[0].code;
    const { jar } = await signIn(t.app, 'sup@test.example');
    const form = await t.app.inject({ method: 'GET', url: `/fr/points-de-service/${code}/etat`, headers: { cookie: jar.header() } });
    assert.equal(form.statusCode, 200);
    const post = (payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/fr/points-de-service/${code}/etat`,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenOf(form.body), ...payload }).toString(),
      });
    const bad = await post({ status: 'suspended', reason: '', effectiveOn: '2026-13-45' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Donnez un motif de 3 à 500 caractères/);
    assert.match(bad.body, /Entrez une date au format AAAA-MM-JJ/);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${code}` })).json().status, 'open');

    const good = await post({ status: 'suspended', reason: 'Fin du bail', effectiveOn: '2026-11-30' });
    assert.equal(good.statusCode, 303);
    const after = await t.app.inject({ method: 'GET', url: good.headers.location as string, headers: { cookie: jar.header() } });
    assert.match(after.body, /L&#x27;état est maintenant « Suspendu »|L'état est maintenant « Suspendu »/);
    assert.match(after.body, /Fin du bail/);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${code}` })).json().status, 'suspended');
    const audit = await listAudit(t.database.db, { action: 'network.status_change', limit: 5 });
    assert.equal(audit.length, 1);
  });

  test('an agent cannot change a status', async () => {
    const code = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=PE&pageSize=1' })).json().items[0].code;
    const { jar } = await signIn(t.app, 'agent@test.example');
    const response = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}/status`, headers: { cookie: jar.header() } });
    assert.equal(response.statusCode, 403);
  });
});

describe('coverage analysis', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'analyst', 'analyst@test.example');
  });
  after(() => t.close());

  test('the API gives population within reach per province and the largest communities beyond it', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/coverage?service=passport&radiusKm=50' })).json();
    assert.ok(body.populationCovered > 0 && body.populationCovered < body.populationTotal);
    assert.equal(body.share, Math.round((body.populationCovered / body.populationTotal) * 10_000) / 10_000);
    assert.equal(body.byProvince.length, 13);
    assert.ok(body.beyondReach.length > 0);
    for (let i = 1; i < body.beyondReach.length; i++) assert.ok(body.beyondReach[i - 1].population >= body.beyondReach[i].population);
    assert.equal(body.scenario, null);
  });

  test('a what-if adds a site where the largest community beyond reach lives, and reaches more people', async () => {
    const today = (await t.app.inject({ method: 'GET', url: '/api/v1/coverage?service=passport&radiusKm=50' })).json();
    const target = today.beyondReach[0];
    const { listCanadianPlaces } = await import('./places.js');
    const place = listCanadianPlaces().find((p) => p.id === target.id)!;
    const url = `/api/v1/coverage?service=passport&radiusKm=50&add=${place.latitude},${place.longitude}`;
    const body = (await t.app.inject({ method: 'GET', url })).json();
    assert.ok(body.scenario.delta.populationCovered >= target.population);
    const csv = await t.app.inject({ method: 'GET', url: `${url}&format=csv` });
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /^section,province,community,population,population_covered,share,nearest_site_km/);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/coverage?radiusKm=50&suspend=NOPE-1', headers: { 'accept-language': 'fr' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /NOPE-1/);
  });

  test('analysts read the coverage page in both languages', async () => {
    const { jar } = await signIn(t.app, 'analyst@test.example');
    const fr = await t.app.inject({ method: 'GET', url: '/fr/reseau/couverture?service=passport&radiusKm=100', headers: { cookie: jar.header() } });
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /vivent à moins de 100 km d&#x27;un site en service|vivent à moins de 100 km d'un site en service/);
    const bad = await t.app.inject({ method: 'GET', url: '/en/network/coverage?radiusKm=0', headers: { cookie: jar.header() } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a radius from 1 to 1000 kilometres/);
  });
});

describe('collaboration opportunities', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } })));
  after(() => t.close());

  test('nearby sites of different jurisdictions, with spare capacity, and co-location as in seed 003', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/api/v1/collaboration-opportunities?maxKm=5' })).json();
    assert.ok(body.pairs.length >= 13, `${body.pairs.length} pairs`);
    for (const pair of body.pairs) {
      assert.notEqual(pair.a.jurisdiction, pair.b.jurisdiction);
      assert.ok(pair.distanceKm <= 5);
    }
    const counts = Object.fromEntries(body.colocation.map((c: { combination: string; count: number }) => [c.combination, c.count]));
    assert.deepEqual(counts, { 'federal-provincial': 19, 'federal-federal': 12, 'federal-ngo': 3, 'federal-municipal': 2 });
    const summary = (await t.app.inject({ method: 'GET', url: '/api/v1/network/summary' })).json();
    assert.equal(summary.total, 560, 'partner layers are not counted in the network');
    const nearest = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points/nearest?lat=43.6532&lon=-79.3832&limit=20' })).json();
    assert.ok(nearest.items.every((i: { externalId: string }) => !i.externalId.startsWith('PROV-')));
  });
});

describe('import and export over the API', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '100000' } });
    token = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor(), name: 'gis', role: 'supervisor' })).token;
  });
  after(() => t.close());

  const post = (body: string, contentType: string, query = '', language = 'en') =>
    t.app.inject({ method: 'POST', url: `/api/v1/service-points/import${query}`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'accept-language': language }, payload: body });

  test('a bad file answers 400 with every problem in the asked language, and imports nothing', async () => {
    const csv = 'external_id,name_en,name_fr,type,province,latitude,longitude,services\nA-1,A,A,scc,ON,45.4,-75.7,sin\nB-1,B,B,tower,XX,95,-75.7,sin';
    const response = await post(csv, 'text/csv', '', 'fr');
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.code, 'network.import.refused');
    assert.ok(body.problems.length >= 3);
    assert.ok(body.problems.every((p: { line: number; message: string }) => p.line === 3 && /Ligne 3/.test(p.message)));
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/export' });
    assert.doesNotMatch(exported.body, /A-1/);
  });

  test('GeoJSON imports, then exports, and the nearest search sees it at once', async () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-68.517, 63.7467] }, properties: { external_id: 'NU-IQ-1', name_en: 'Iqaluit centre', name_fr: 'Centre d’Iqaluit', type: 'scc', province: 'NU', services: 'sin;passport' } }],
    });
    const dry = await post(geojson, 'application/geo+json', '?dryRun=true');
    assert.equal(dry.statusCode, 200);
    assert.equal(dry.json().dryRun, true);
    const done = await post(geojson, 'application/geo+json');
    assert.deepEqual({ ...(done.json() as object), addedServices: undefined }, { format: 'geojson', rows: 1, created: 1, updated: 0, addedServices: undefined, dryRun: false });
    const nearest = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points/nearest?lat=63.75&lon=-68.5&limit=1' })).json();
    assert.equal(nearest.items[0].externalId, 'NU-IQ-1');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/service-points/NU-IQ-1' })).json().timeZone, 'America/Iqaluit');
    const exported = await t.app.inject({ method: 'GET', url: '/api/v1/service-points/export?format=geojson' });
    assert.equal(exported.json().features[0].id, 'NU-IQ-1');
  });

  test('an analyst cannot import', async () => {
    const analyst = (await createApiToken({ assignments: { national: true }, db: t.database.db, actor: systemActor(), name: 'a', role: 'analyst' })).token;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/service-points/import', headers: { authorization: `Bearer ${analyst}`, 'content-type': 'text/csv' }, payload: 'x' });
    assert.equal(response.statusCode, 403);
  });
});

describe('import in the browser (multipart form, no JavaScript)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'admin', 'admin@test.example');
  });
  after(() => t.close());

  async function upload(jar: { header(): string }, csrf: string, file: string, dryRun: boolean) {
    const form = new FormData();
    form.set('_csrf', csrf);
    if (dryRun) form.set('dryRun', 'on');
    form.set('file', new Blob([file], { type: 'text/csv' }), 'points.csv');
    const encoded = new Response(form);
    return t.app.inject({
      method: 'POST',
      url: '/fr/reseau/importation',
      headers: { cookie: jar.header(), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
  }

  test('a bad file lists every problem; a good one imports after a dry run', async () => {
    const { jar } = await signIn(t.app, 'admin@test.example');
    const page = await t.app.inject({ method: 'GET', url: '/fr/reseau/importation', headers: { cookie: jar.header() } });
    assert.equal(page.statusCode, 200);
    const csrf = csrfTokenOf(page.body);
    const header = 'external_id,name_en,name_fr,type,province,latitude,longitude,services';
    const bad = await upload(jar, csrf, `${header}\nX-1,X,X,moon,ZZ,45,-75,sin\nX-2,Y,Y,scc,ON,45,-75,`, false);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le fichier n&#x27;a pas été importé|Le fichier n'a pas été importé/);
    assert.match(bad.body, /Ligne 2/);
    assert.match(bad.body, /Ligne 3/);
    const good = `${header}\nQC-MUN-1,Montréal city hall,Hôtel de ville de Montréal,partnership_site,QC,45.5088,-73.5542,municipal_services`;
    const dry = await upload(jar, csrf, good, true);
    assert.match(dry.body, /Rien n&#x27;a été modifié \(essai\)|Rien n'a été modifié \(essai\)/);
    const done = await upload(jar, csrf, good, false);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /1 ligne importée : 1 nouveaux points de service/);
    assert.match(done.body, /municipal_services/);
  });

  test('an upload without its CSRF token is refused', async () => {
    const { jar } = await signIn(t.app, 'admin@test.example');
    const response = await upload(jar, 'forged', 'external_id\n', false);
    assert.equal(response.statusCode, 403);
  });
});

describe('reactivation tracking', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'analyst', 'analyst@test.example');
  });
  after(() => t.close());

  test('outreach sites week by week against the plan, chart and table, in both languages', async () => {
    const { jar } = await signIn(t.app, 'analyst@test.example');
    const en = await t.app.inject({ method: 'GET', url: '/en/network/reactivation', headers: { cookie: jar.header() } });
    assert.equal(en.statusCode, 200);
    const row = (week: string) => new RegExp(`<th scope="row">${week}</th><td>(\\d+)</td><td>(\\d+|—)</td><td>(\\d+)</td>`).exec(en.body);
    const before = row('2022-05-02');
    assert.deepEqual(before?.slice(1, 4), ['0', '—', '208'], 'all suspended before reactivation began');
    const seedWeek = row('2023-04-17');
    assert.ok(Number(seedWeek?.[1]) >= 170 && Number(seedWeek?.[1]) <= 180, `active in the week of 21 April 2023: ${seedWeek?.[1]}`);
    assert.deepEqual(row('2023-07-31')?.slice(1, 2), ['208']);
    assert.match(en.body, /<svg[^>]*role="img"/);
    const fr = await t.app.inject({ method: 'GET', url: '/fr/reseau/reactivation?from=2023-05-01&to=2023-04-01', headers: { cookie: jar.header() } });
    assert.equal(fr.statusCode, 400);
    assert.match(fr.body, /égale ou postérieure à la date de début/);
  });
});

describe('find a service point on a provincial holiday', () => {
  let t: TestApp;
  before(async () => (t = await buildTestApp({ demo: 'network', now: '2026-06-24T15:00:00Z', env: { PUBLIC_RATE_LIMIT: '100000' } })));
  after(() => t.close());

  test('Quebec sites are closed for the Fête nationale and say when they reopen', async () => {
    const fr = await t.app.inject({ method: 'GET', url: '/fr/trouver-un-point-de-service?place=Rimouski' });
    assert.match(fr.body, /Fermé aujourd&#x27;hui \(Fête nationale du Québec\)\. Fermé maintenant, ouvre jeudi à 08:30|Fermé aujourd'hui \(Fête nationale du Québec\)\. Fermé maintenant, ouvre jeudi à 08:30/);
    const on = await t.app.inject({ method: 'GET', url: '/en/find-a-service-point?place=Ottawa' });
    assert.match(on.body, /Open now, until/);
  });
});

describe('editing a service point (supervisors and administrators)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
    await createUser(t.database, 'admin', 'admin@test.example');
  });
  after(() => t.close());

  test('every problem is listed and nothing changes; a good form saves names, services and hours', async () => {
    const code = (await t.app.inject({ method: 'GET', url: '/api/v1/service-points?province=NB&type=scc&pageSize=1' })).json().items[0].code;
    const { jar } = await signIn(t.app, 'admin@test.example');
    const form = await t.app.inject({ method: 'GET', url: `/en/service-points/${code}/edit`, headers: { cookie: jar.header() } });
    assert.equal(form.statusCode, 200);
    const post = (fields: [string, string][]) =>
      t.app.inject({
        method: 'POST',
        url: `/en/service-points/${code}/edit`,
        headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['_csrf', csrfTokenOf(form.body)], ...fields]).toString(),
      });
    const bad = await post([['nameEn', ''], ['nameFr', 'Centre'], ['counters', '-3'], ['postalCode', '12345'], ['opens-1', '17:00'], ['closes-1', '09:00'], ['services', 'sin']]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The form has 4 errors/);
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${code}` })).json();
    const good = await post([
      ['nameEn', 'Service Canada Centre – Test'],
      ['nameFr', 'Centre Service Canada – Essai'],
      ['addressLine', '1 Main Street'],
      ['postalCode', 'e1c4m3'],
      ['counters', '6'],
      ['services', 'sin'],
      ['services', 'passport'],
      ['opens-2', '09:00'],
      ['closes-2', '15:30'],
    ]);
    assert.equal(good.statusCode, 303);
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/service-points/${code}` })).json();
    assert.equal(after.nameFr, 'Centre Service Canada – Essai');
    assert.equal(after.postalCode, 'E1C 4M3');
    assert.deepEqual(after.services.map((s: { code: string }) => s.code).sort(), ['passport', 'sin']);
    assert.deepEqual(after.hours, [{ weekday: 2, opensAt: '09:00', closesAt: '15:30' }]);
    assert.notDeepEqual(after.hours, before.hours);
    assert.equal((await listAudit(t.database.db, { action: 'network.details_change', limit: 5 })).length, 1);
  });
});
