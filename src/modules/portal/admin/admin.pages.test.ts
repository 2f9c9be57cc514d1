/**
 * The administration pages through the real server, in English and French: accounts, tokens and
 * the audit log, as an administrator and as the demo's Quebec supervisor.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { createUser, csrfTokenOf, signIn, TEST_PASSWORD, type CookieJar } from '../../../../test/helpers/http.js';
import { recordAudit, systemActor } from '../../../platform/audit.repo.js';
import { PAGE_SIZE } from './audit.js';
import { DEMO_PASSWORD } from '../../../seed.js';
import { createStaffUser } from '../../../platform/auth/auth.service.js';
import { loadCatalog, SRC_DIR } from '../../../platform/i18n/index.js';

describe('administration pages', () => {
  let t: TestApp;
  let admin: CookieJar;
  let supervisor: CookieJar;
  let ontarioId: string;
  let quebecSite: { code: string; name_fr: string };

  const get = (jar: CookieJar, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
  async function post(jar: CookieJar, url: string, fields: Record<string, string | string[]>) {
    const form = await get(jar, url);
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...fields, _csrf: csrfTokenOf(form.body) })) for (const v of [value].flat()) body.append(name, v);
    return t.app.inject({ method: 'POST', url, headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
  }
  const secretIn = (html: string) => /class="admin-secret">([^<]+)</.exec(html)?.[1];

  before(async () => {
    t = await buildTestApp({ demo: 'network' });
    await createUser(t.database, 'admin', 'admin@test.example');
    quebecSite = await t.database.db.selectFrom('service_points').select(['code', 'name_fr']).where('province_code', '=', 'QC').orderBy('code').executeTakeFirstOrThrow();
    const ontarioSite = await t.database.db.selectFrom('service_points').select('code').where('province_code', '=', 'ON').orderBy('code').executeTakeFirstOrThrow();
    ontarioId = (await createStaffUser({ db: t.database.db, actor: systemActor('test'), email: 'toronto@test.example', displayName: 'Toronto Agent', role: 'agent', password: TEST_PASSWORD, assignments: { sites: [ontarioSite.code] } })).id;
    admin = (await signIn(t.app, 'admin@test.example')).jar;
    supervisor = (await signIn(t.app, 'supervisor@demo.guichet.ca', DEMO_PASSWORD)).jar;
  });
  after(() => t.close());

  test('the staff home links each role to the administration it may use', async () => {
    const home = (await get(admin, '/fr/personnel')).body;
    assert.match(home, /href="\/fr\/personnel\/comptes"/);
    assert.match(home, /href="\/fr\/personnel\/jetons-api"/);
    assert.match(home, /href="\/fr\/personnel\/journal"/);
    const theirs = (await get(supervisor, '/en/staff')).body;
    assert.match(theirs, /href="\/en\/staff\/accounts"/);
    assert.doesNotMatch(theirs, /href="\/en\/staff\/api-tokens"|href="\/en\/staff\/audit"/);
    assert.equal((await get(supervisor, '/en/staff/api-tokens')).statusCode, 403);
  });

  test('an administrator creates an account with assignments in French; its password is shown once', async () => {
    const created = await post(admin, '/fr/personnel/comptes/nouveau', {
      displayName: 'Chloé Roy',
      email: 'chloe@test.example',
      role: 'agent',
      language: 'fr',
      sites: quebecSite.code.toLowerCase(),
      regions: ['NB'],
      programmes: ['passport', 'sin'],
    });
    assert.equal(created.statusCode, 200);
    assert.match(created.body, /Le compte de Chloé Roy est créé/);
    const password = secretIn(created.body)!;
    assert.match(password, /^[a-z2-9-]{19}$/);
    assert.equal((await signIn(t.app, 'chloe@test.example', password)).response.statusCode, 303);
    const list = (await get(admin, '/fr/personnel/comptes')).body;
    assert.match(list, /Chloé Roy/);
    assert.match(list, new RegExp(`${quebecSite.code} \\(${quebecSite.name_fr.replace(/[()]/g, '.')}\\)`));
    assert.match(list, /Nouveau-Brunswick/);
    assert.match(list, /Passeport/i);
    assert.ok(!(await get(admin, '/fr/personnel/comptes')).body.includes(password), 'the password is not shown again');
  });

  test('bad input answers 400 with the error summary in the page language, and creates nothing', async () => {
    const response = await post(admin, '/en/staff/accounts/new', { displayName: '', email: 'nope', role: 'agent', language: 'en', sites: 'SCC-ZZ-999', password: 'short' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /class="error-summary"/);
    assert.match(response.body, /Use a password of at least 12 characters/);
    const french = await post(admin, '/fr/personnel/comptes/nouveau', { displayName: 'X', email: 'x@test.example', role: 'agent', language: 'fr', sites: 'SCC-ZZ-999' });
    assert.equal(french.statusCode, 400);
    assert.match(french.body, /SCC-ZZ-999/, 'the values stay as typed');
    assert.equal(await t.database.db.selectFrom('staff_users').select('id').where('email', '=', 'x@test.example').executeTakeFirst(), undefined);
  });

  test('a supervisor sees only Quebec accounts; another region is a translated 403, audited', async () => {
    const list = (await get(supervisor, '/en/staff/accounts')).body;
    assert.match(list, /Rémi Tremblay/);
    assert.doesNotMatch(list, /Toronto Agent/);
    assert.doesNotMatch(list, /Jordan Smith/);
    const refused = await get(supervisor, `/fr/personnel/comptes/${ontarioId}`);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /Cela ne fait pas partie de votre lieu de travail/);
    const trace = await t.database.db.selectFrom('audit_log').select(['entity_type', 'entity_id']).where('action', '=', 'auth.refused').orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual(trace, { entity_type: 'staff_user', entity_id: ontarioId });
    const form = (await get(supervisor, '/en/staff/accounts/new')).body;
    assert.doesNotMatch(form, /value="admin"/, 'no administrator role to choose');
    assert.doesNotMatch(form, /name="national"/, 'no national scope to tick');
    const admin403 = await post(supervisor, '/fr/personnel/comptes/nouveau', { displayName: 'Pirate', email: 'pirate@test.example', role: 'admin', language: 'fr', regions: ['QC'] });
    assert.equal(admin403.statusCode, 403);
    assert.match(admin403.body, /Seul un administrateur peut attribuer le rôle d&#x27;administrateur|Seul un administrateur peut attribuer le rôle d'administrateur/);
  });

  test('a supervisor changes assignments, resets a password (shown once) and deactivates, within Quebec', async () => {
    const reception = await t.database.db.selectFrom('staff_users').select('id').where('email', '=', 'reception@demo.guichet.ca').executeTakeFirstOrThrow();
    const page = `/en/staff/accounts/${reception.id}`;
    const assigned = await post(supervisor, page, { action: 'assign', role: 'agent', sites: quebecSite.code, programmes: ['passport'] });
    assert.equal(assigned.statusCode, 200);
    assert.match(assigned.body, /The role and assignments are saved/);
    const outside = await post(supervisor, page, { action: 'assign', role: 'agent', sites: quebecSite.code, regions: ['ON'] });
    assert.equal(outside.statusCode, 403);
    const reset = await post(supervisor, page, { action: 'reset', password: '' });
    const password = secretIn(reset.body)!;
    assert.ok(password);
    assert.doesNotMatch((await get(supervisor, page)).body, new RegExp(password));
    assert.equal((await signIn(t.app, 'reception@demo.guichet.ca', password)).response.statusCode, 303);
    const deactivated = await post(supervisor, page, { action: 'deactivate' });
    assert.match(deactivated.body, /The account is deactivated/);
    assert.equal((await signIn(t.app, 'reception@demo.guichet.ca', password)).response.statusCode, 401);
    await post(supervisor, page, { action: 'reactivate' });
  });

  test('tokens: created with a scope, the secret shown once and never listed, revoked', async () => {
    const created = await post(admin, '/fr/personnel/jetons-api', { action: 'create', name: 'Borne Rimouski', role: 'reception', sites: quebecSite.code });
    assert.equal(created.statusCode, 200);
    const secret = secretIn(created.body)!;
    assert.match(secret, /^gt_/);
    const list = await get(admin, '/fr/personnel/jetons-api');
    assert.ok(!list.body.includes(secret));
    assert.match(list.body, /Borne Rimouski/);
    const works = await t.app.inject({ method: 'GET', url: '/en/staff', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(works.statusCode, 200);
    const id = (await t.database.db.selectFrom('api_tokens').select('id').where('name', '=', 'Borne Rimouski').executeTakeFirstOrThrow()).id;
    const revoked = await post(admin, '/en/staff/api-tokens', { action: 'revoke', tokenId: id });
    assert.match(revoked.body, /The token is revoked/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/en/staff', headers: { authorization: `Bearer ${secret}` } })).statusCode, 401);
  });

  test('the audit log names people, speaks both languages, filters, pages, and exports CSV and JSON', async () => {
    const french = await get(admin, '/fr/personnel/journal?action=staff_user.create');
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /A créé le compte de/);
    assert.match(french.body, /Chloé Roy \(compte du personnel\)/);
    assert.match(french.body, /Test admin/);
    const english = await get(admin, '/en/staff/audit?action=staff_user.password_reset');
    assert.match(english.body, /Reset the password of/);
    assert.match(english.body, /Sophie Martin/);
    for (let i = 0; i < PAGE_SIZE; i++) await recordAudit(t.database.db, systemActor('test'), { action: 'test.filler' });
    const paged = await get(admin, '/en/staff/audit');
    assert.match(paged.body, /test\.filler/, 'an unknown action shows its code');
    const older = /href="(\/en\/staff\/audit\?before=\d+)" rel="next"/.exec(paged.body)?.[1];
    assert.ok(older, 'an "older" link');
    assert.equal((await get(admin, older.replace(/&amp;/g, '&'))).statusCode, 200);
    const bad = await get(admin, '/fr/personnel/journal?from=2026-13-01');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entrez une date au format AAAA-MM-JJ/);

    const csv = await get(admin, '/api/v1/audit.csv?action=staff_user.create&lang=fr');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    assert.ok(rows.length >= 2);
    assert.ok(rows.every((r) => r['Action'] === 'A créé le compte de' && r["Code de l'action"] === 'staff_user.create'));
    const json = await get(admin, '/api/v1/audit?person=' + encodeURIComponent((await t.database.db.selectFrom('staff_users').select('id').where('email', '=', 'supervisor@demo.guichet.ca').executeTakeFirstOrThrow()).id) + '&limit=2');
    const body = json.json() as { items: { actor: { name: string } }[]; next: string | null };
    assert.equal(body.items.length, 2);
    assert.ok(body.items.every((i) => i.actor.name === 'Sophie Martin'));
    assert.ok(body.next);
    assert.equal((await get(supervisor, '/api/v1/audit')).statusCode, 403);
  });

  test('every action the source records has a plain-language entry in both languages', () => {
    const catalog = loadCatalog();
    const files = fs
      .readdirSync(SRC_DIR, { recursive: true })
      .map((file) => path.join(SRC_DIR, String(file)))
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));
    const codes = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/recordAudit\(|audited\(/.test(text)) continue;
      for (const line of text.split('\n').filter((l) => /action:|audited\(/.test(l) && !/AppError/.test(l))) for (const m of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) codes.add(m[1]!);
    }
    assert.ok(codes.size > 50, `found ${codes.size} action codes`);
    const missing = [...codes].filter((code) => !catalog.en[`admin.action.${code}`] || !catalog.fr[`admin.action.${code}`]);
    assert.deepEqual(missing, []);
  });
});
