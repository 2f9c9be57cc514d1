/**
 * Every route bound to a place, a file or a line × every role it opens to: someone assigned
 * elsewhere is refused with 403 and nothing changes (every table but the audit log compared before
 * and after); someone assigned there gets through. The routes come from the app's own route table
 * and their binding from their path parameters, so a new route with `:siteId`, `:counterId`,
 * `:number`… is walked without anyone listing it. Bodies are made from each route's own schema.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { systemActor } from '../../src/platform/audit.repo.js';
import { createApiToken } from '../../src/platform/auth/auth.service.js';
import type { AssignmentsInput } from '../../src/platform/auth/assignments.js';
import { ROLES, type Role } from '../../src/platform/auth/roles.js';
import { TABLE_COLUMNS } from '../../src/platform/db/tables.js';
import type { RouteEntry } from '../../src/app.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

const HOME = 'SCC-QC-034';
const ELSEWHERE = 'SCC-NS-001';
const PROGRAMMES = ['passport', 'sin', 'citizenship', 'immigration'];

let t: TestApp;
let fixtures: Record<string, string>;
const home = new Map<Role, string>();
const away = new Map<Role, string>();

const token = async (role: Role, assignments: AssignmentsInput) =>
  (await createApiToken({ db: t.database.db, actor: systemActor('test'), name: `${role} scope`, role, assignments })).token;

async function api(method: string, url: string, bearer: string, payload?: unknown) {
  return t.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${bearer}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
}

before(async () => {
  t = await buildTestApp({ demo: 'network', env: { PUBLIC_RATE_LIMIT: '100000' } });
  const admin = await token('admin', { national: true });
  const site = (await api('GET', `/api/v1/service-points/${HOME}`, admin)).json() as { id: string };
  const counter = await api('POST', `/api/v1/sites/${HOME}/counters`, admin, { name: 'Scope 1', services: ['passport'] });
  assert.equal(counter.statusCode, 201, counter.body);
  const visit = await api('POST', `/api/v1/sites/${HOME}/visits`, admin, { service: 'passport', channel: 'walk_in' });
  assert.equal(visit.statusCode, 201, visit.body);
  const application = await api('POST', '/api/v1/applications', admin, {
    type: 'passport_regular',
    channel: 'in_person',
    siteId: site.id,
    applicant: { surname: 'Portée', givenNames: 'Test', dateOfBirth: '1980-02-03' },
  });
  assert.equal(application.statusCode, 201, application.body);
  for (const code of ['scope_home', 'scope_away']) {
    const line = await api('POST', '/api/v1/contact/lines', admin, { code, nameEn: `Line ${code}`, nameFr: `Ligne ${code}` });
    assert.equal(line.statusCode, 201, line.body);
  }
  const call = await api('POST', '/api/v1/contact/lines/scope_home/calls', admin, { from: '+16135550100', language: 'en' });
  assert.equal(call.statusCode, 200, call.body);
  fixtures = {
    line: 'scope_home',
    call: (call.json() as { callId: string }).callId,
    site: HOME,
    counter: (counter.json() as { id: string }).id,
    visit: (visit.json() as { id: string }).id,
    application: (application.json() as { applicationNumber: string }).applicationNumber,
  };
  for (const role of ROLES) {
    home.set(role, await token(role, { sites: [HOME], programmes: PROGRAMMES, lines: ['scope_home'] }));
    away.set(role, await token(role, { sites: [ELSEWHERE], regions: ['NS'], programmes: PROGRAMMES, lines: ['scope_away'] }));
  }
});
after(() => t.close());

/** What a path parameter names, and the home record that stands for it. */
function bindingOf(url: string): Record<string, string> | null {
  const values: Record<string, string> = {};
  for (const [, name] of url.matchAll(/:([A-Za-z]+)/g)) {
    if (name === 'siteId' || name === 'code') values[name] = fixtures.site!;
    else if (name === 'counterId') values[name] = fixtures.counter!;
    else if (name === 'id' && /\/visits\/:id/.test(url)) values[name] = fixtures.visit!;
    else if (name === 'action') values[name] = 'check-in';
    else if (name === 'number' || name === 'caseNumber') values[name] = fixtures.application!;
    else if (name === 'lineId') values[name] = fixtures.line!;
    else if (name === 'callId') values[name] = fixtures.call!;
    else return null; // a parameter this walk does not bind (yet): reported below
  }
  return Object.keys(values).length > 0 ? values : null;
}

const BOUND_PARAMS = /:(siteId|code|counterId|number|caseNumber|lineId|callId|agentId|inquiryId|sampleId|requestId)\b|\/visits\/:id/;

const FIELD_VALUES: Record<string, unknown> = {
  service: 'passport',
  services: ['passport'],
  name: 'Scope counter',
  type: 'passport_regular',
  to: 'review',
  kind: 'identity',
  outcome: 'approved',
  note: 'A note.',
  windows: [],
  from: '+16135550101',
  language: 'en',
  choice: 'wait',
  dateOfBirth: '1980-02-03',
};

/** A body that passes the route's schema, so that what refuses is the scope, not validation. */
function exampleOf(schema: unknown, name = ''): unknown {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (name in FIELD_VALUES) return FIELD_VALUES[name];
  if (Array.isArray(s.anyOf)) return exampleOf((s.anyOf as Record<string, unknown>[]).find((o) => o.type !== 'null'), name);
  switch (s.type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(required.map((key) => [key, exampleOf(properties[key], key)]));
    }
    case 'array':
      return Number(s.minItems ?? 0) > 0 ? [exampleOf(s.items)] : [];
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'date') return '2026-11-25';
      if (s.format === 'date-time') return '2026-11-25T15:00:00Z';
      return 'x'.repeat(Number(s.minLength ?? 1));
    default:
      return {};
  }
}

async function fingerprint(): Promise<string> {
  const skip = new Set(['audit_log', 'api_tokens', 'staff_sessions', 'idempotency_keys']);
  const parts = Object.entries(TABLE_COLUMNS)
    .filter(([table]) => !skip.has(table))
    .map(([table, columns]) => {
      const changed = (columns as string[]).includes('updated_at') ? `max(updated_at)::text` : `''`;
      return `select '${table}' as t, count(*)::text || ':' || coalesce(${changed}, '') as v from ${table}`;
    });
  const rows = await sql.raw<{ t: string; v: string }>(parts.join(' union all ')).execute(t.database.db);
  return rows.rows.map((r) => `${r.t}=${r.v}`).sort().join(';');
}

const concrete = (route: RouteEntry, values: Record<string, string>) => route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name]!));
const rolesOf = (route: RouteEntry): Role[] => (route.access === 'staff' ? [...ROLES].filter((r) => r !== 'partner') : route.access === 'public' ? [] : [...route.access]);

test('every route bound to a place, a file or a line refuses those assigned elsewhere and admits those assigned there', async () => {
  const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD' && r.access !== 'public' && BOUND_PARAMS.test(r.url));
  const failures: string[] = [];
  const unbound: string[] = [];
  let refusals = 0;
  let admissions = 0;
  const principals = new Set<Role>();
  for (const route of routes) {
    const values = bindingOf(route.url);
    if (!values) {
      unbound.push(`${route.method} ${route.url}`);
      continue;
    }
    const url = concrete(route, values);
    const payload = route.method === 'GET' ? undefined : (exampleOf(route.body) ?? {});
    for (const role of rolesOf(route)) {
      principals.add(role);
      const before = await fingerprint();
      const refused = await api(route.method, url, away.get(role)!, payload);
      const afterRefusal = await fingerprint();
      const where = `${route.method} ${route.url} as ${role}`;
      if (refused.statusCode !== 403) failures.push(`${where} assigned elsewhere: ${refused.statusCode} (expected 403) ${refused.headers['content-type']?.toString().startsWith('text/html') ? '(page)' : refused.body.slice(0, 160)}`);
      else refusals++;
      if (before !== afterRefusal) failures.push(`${where} assigned elsewhere changed something`);
      const admitted = await api(route.method, url, home.get(role)!, payload);
      if (admitted.statusCode === 401 || admitted.statusCode === 403 || admitted.statusCode >= 500) failures.push(`${where} assigned there: ${admitted.statusCode} ${admitted.body.slice(0, 160)}`);
      else admissions++;
    }
  }
  console.log(`route × assignment: ${routes.length} bound routes, ${principals.size} roles, ${refusals} refusals and ${admissions} admissions checked; not yet bound: ${unbound.length}`, unbound);
  assert.deepEqual(failures, []);
  assert.ok(refusals > 50, `only ${refusals} refusals checked`);
});

test('a refusal for where, not what, is audited with what was reached for', async () => {
  const response = await api('POST', `/api/v1/sites/${HOME}/visits`, away.get('reception')!, { service: 'passport', channel: 'walk_in' });
  assert.equal(response.statusCode, 403);
  assert.equal((response.json() as { code: string }).code, 'auth.out_of_scope');
  const french = await t.app.inject({ method: 'GET', url: `/api/v1/sites/${HOME}/counters`, headers: { authorization: `Bearer ${away.get('agent')}`, 'accept-language': 'fr' } });
  assert.equal(french.statusCode, 403);
  assert.match((french.json() as { message: string }).message, /affectations/);
  const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.refused').where('entity_type', '=', 'site').execute();
  assert.ok(rows.length >= 2);
});
