/** Single sign-on settings: off unless an issuer is set; every bad value stops the start with its own line. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';
import { groupsOf, profileOf, roleForGroups } from './oidc.claims.js';
import { parseRoleMap } from './oidc.config.js';

const valid = {
  PUBLIC_URL: 'https://guichet.example.gc.ca/',
  OIDC_ISSUER_URL: 'https://login.example.gc.ca/realms/staff',
  OIDC_CLIENT_ID: 'guichet',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_ROLE_MAP: 'guichet-reception=reception, guichet-agents=agent',
};

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
};

test('without an issuer, single sign-on is off', () => {
  assert.equal(loadConfig({}).oidc, undefined);
});

test('a complete setting: defaults for scopes and the role claim, the redirect URI from PUBLIC_URL', () => {
  const oidc = loadConfig(valid).oidc!;
  assert.deepEqual(oidc.scopes, ['openid', 'profile', 'email']);
  assert.equal(oidc.roleClaim, 'groups');
  assert.deepEqual(oidc.roleMap, [
    { group: 'guichet-reception', role: 'reception' },
    { group: 'guichet-agents', role: 'agent' },
  ]);
  assert.equal(oidc.redirectUri, 'https://guichet.example.gc.ca/auth/oidc/callback');
  assert.equal(oidc.postLogoutRedirectUri, 'https://guichet.example.gc.ca/');
  assert.equal(oidc.label, undefined);
});

test('every bad value is reported at once, in plain words', () => {
  const problems = problemsOf({
    OIDC_ISSUER_URL: 'http://login.example.gc.ca',
    OIDC_SCOPES: 'profile email',
    OIDC_ROLE_MAP: 'guichet-agents=agent,guichet-bosses=boss,guichet-agents=admin,=admin',
    OIDC_ROLE_CLAIM: 'my groups',
  });
  assert.deepEqual(problems, [
    'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL',
    'OIDC_SCOPES must include openid',
    'OIDC_ROLE_CLAIM must be one claim name, without spaces',
    'OIDC_ROLE_MAP entry "guichet-bosses=boss" must be GROUP=ROLE with ROLE one of reception, agent, supervisor, qa_reviewer, analyst, admin, partner',
    'OIDC_ROLE_MAP names the group "guichet-agents" twice',
    'OIDC_ROLE_MAP entry "=admin" must be GROUP=ROLE with ROLE one of reception, agent, supervisor, qa_reviewer, analyst, admin, partner',
    'OIDC_ISSUER_URL must start with https:// (http:// only on localhost)',
  ]);
  assert.deepEqual(problemsOf({ OIDC_CLIENT_ID: 'guichet', OIDC_ROLE_MAP: 'a=agent' }), ['OIDC_ISSUER_URL is required with OIDC_CLIENT_ID, OIDC_ROLE_MAP']);
  assert.deepEqual(problemsOf({ ...valid, OIDC_ROLE_MAP: '' }), ['OIDC_ROLE_MAP is required with OIDC_ISSUER_URL (e.g. guichet-agents=agent,guichet-admins=admin)']);
  assert.deepEqual(problemsOf({ ...valid, OIDC_ISSUER_URL: 'http://127.0.0.1:9000' }), [], 'plain HTTP on loopback, for development');
});

test('a role map of LDAP groups uses semicolons, and a group keeps its own equals signs', () => {
  const problems: string[] = [];
  assert.deepEqual(parseRoleMap('cn=guichet-agents,ou=groups,dc=gc,dc=ca=agent; cn=guichet-admins,ou=groups,dc=gc,dc=ca=admin', problems), [
    { group: 'cn=guichet-agents,ou=groups,dc=gc,dc=ca', role: 'agent' },
    { group: 'cn=guichet-admins,ou=groups,dc=gc,dc=ca', role: 'admin' },
  ]);
  assert.deepEqual(problems, []);
});

test('the first group of the map that the person is in decides the role; none, no role', () => {
  const map = loadConfig({ ...valid, OIDC_ROLE_MAP: 'guichet-admins=admin,guichet-agents=agent' }).oidc!.roleMap;
  assert.equal(roleForGroups(['guichet-agents', 'guichet-admins'], map), 'admin');
  assert.equal(roleForGroups(['guichet-agents'], map), 'agent');
  assert.equal(roleForGroups(['finance'], map), undefined);
  assert.deepEqual(groupsOf({ groups: ['a', 7, 'b'] }, 'groups'), ['a', 'b']);
  assert.deepEqual(groupsOf({ role: 'a' }, 'role'), ['a']);
  assert.deepEqual(groupsOf({}, 'groups'), []);
});

test('the profile: a verified email only when the provider says so, a name from what it gives', () => {
  assert.deepEqual(profileOf({ email: 'ana@example.gc.ca', email_verified: true, name: 'Ana' }), { email: 'ana@example.gc.ca', emailVerified: true, displayName: 'Ana' });
  assert.deepEqual(profileOf({ email: 'ana@example.gc.ca', given_name: 'Ana', family_name: 'Roy' }), { email: 'ana@example.gc.ca', emailVerified: false, displayName: 'Ana Roy' });
  assert.deepEqual(profileOf({ email: 'not an email', preferred_username: 'aroy' }), { email: undefined, emailVerified: false, displayName: 'aroy' });
});
