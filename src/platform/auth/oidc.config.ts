/**
 * Single sign-on settings, read from the environment with the rest of the configuration
 * (`config.ts`). Setting `OIDC_ISSUER_URL` turns single sign-on on; every other `OIDC_*` value is
 * then checked, and a problem stops the process like any other bad setting.
 */
import { ROLES, type Role } from '../db/tables.js';

export interface OidcConfig {
  issuerUrl: string;
  clientId: string;
  /** Absent: a public client, which proves itself by PKCE alone. */
  clientSecret: string | undefined;
  scopes: string[];
  /** The claim (ID token or userinfo) that lists the person's groups. */
  roleClaim: string;
  /** Group → role, in the administrator's order: the first group the person belongs to decides. */
  roleMap: { group: string; role: Role }[];
  /** The provider's name on the sign-in button ("Sign in with …"); a generic wording when absent. */
  label: string | undefined;
  /** Where the provider sends the browser back: `PUBLIC_URL` + `/auth/oidc/callback`. */
  redirectUri: string;
  /** Where the provider sends the browser after its own sign-out: `PUBLIC_URL` + `/`. */
  postLogoutRedirectUri: string;
}

type Env = Record<string, string | undefined>;

export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const OTHER_SETTINGS = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_SCOPES', 'OIDC_ROLE_CLAIM', 'OIDC_ROLE_MAP', 'OIDC_LABEL'];

/**
 * `guichet-reception=reception,guichet-agents=agent`. Entries are separated by commas, or by
 * semicolons when the value holds one (group names that are LDAP DNs contain commas); a group
 * is split from its role at the last `=`, since a DN contains `=` too.
 */
export function parseRoleMap(raw: string, problems: string[]): { group: string; role: Role }[] {
  const entries = raw.split(raw.includes(';') ? ';' : ',').map((entry) => entry.trim()).filter(Boolean);
  const map: { group: string; role: Role }[] = [];
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const group = at > 0 ? entry.slice(0, at).trim() : '';
    const role = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!group || !(ROLES as readonly string[]).includes(role)) {
      problems.push(`OIDC_ROLE_MAP entry "${entry}" must be GROUP=ROLE with ROLE one of ${ROLES.join(', ')}`);
    } else if (map.some((existing) => existing.group === group)) {
      problems.push(`OIDC_ROLE_MAP names the group "${group}" twice`);
    } else {
      map.push({ group, role: role as Role });
    }
  }
  if (entries.length === 0) problems.push('OIDC_ROLE_MAP must map at least one group to a role');
  return map;
}

function issuer(raw: string, problems: string[]): string {
  try {
    const parsed = new URL(raw);
    const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
    if (!secure) problems.push('OIDC_ISSUER_URL must start with https:// (http:// only on localhost)');
    if (parsed.search || parsed.hash) problems.push('OIDC_ISSUER_URL must not have a query or fragment');
  } catch {
    problems.push('OIDC_ISSUER_URL is not a valid URL');
  }
  return raw;
}

export function loadOidcConfig(env: Env, publicUrl: string, problems: string[]): OidcConfig | undefined {
  const issuerUrl = env.OIDC_ISSUER_URL || undefined;
  if (!issuerUrl) {
    const orphans = OTHER_SETTINGS.filter((name) => env[name]);
    if (orphans.length > 0) problems.push(`OIDC_ISSUER_URL is required with ${orphans.join(', ')}`);
    return undefined;
  }
  const clientId = env.OIDC_CLIENT_ID || '';
  if (!clientId) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER_URL');
  const scopes = (env.OIDC_SCOPES || 'openid profile email').split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) problems.push('OIDC_SCOPES must include openid');
  const roleClaim = env.OIDC_ROLE_CLAIM || 'groups';
  if (/\s/.test(roleClaim)) problems.push('OIDC_ROLE_CLAIM must be one claim name, without spaces');
  if (!env.OIDC_ROLE_MAP) problems.push('OIDC_ROLE_MAP is required with OIDC_ISSUER_URL (e.g. guichet-agents=agent,guichet-admins=admin)');
  const roleMap = env.OIDC_ROLE_MAP ? parseRoleMap(env.OIDC_ROLE_MAP, problems) : [];
  const label = env.OIDC_LABEL?.trim() || undefined;
  if (label && label.length > 60) problems.push('OIDC_LABEL must be at most 60 characters long');
  const base = publicUrl.replace(/\/+$/, '');
  return {
    issuerUrl: issuer(issuerUrl, problems),
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    scopes,
    roleClaim,
    roleMap,
    label,
    redirectUri: `${base}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${base}/`,
  };
}
