/**
 * From the provider's claims to a Guichet account: the role comes from the person's groups, read
 * afresh at every sign-in; where they work (assignments) is not the provider's to say.
 */
import type { Role } from '../db/tables.js';
import type { OidcConfig } from './oidc.config.js';

/** The groups in `claim`: a list of strings (the usual form) or one string. */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  return [];
}

/** The role of the first map entry, in the configured order, whose group the person is in. */
export function roleForGroups(groups: readonly string[], roleMap: OidcConfig['roleMap']): Role | undefined {
  const held = new Set(groups);
  return roleMap.find((entry) => held.has(entry.group))?.role;
}

export interface OidcProfile {
  email: string | undefined;
  /** Only a provider's explicit `email_verified: true` lets it claim an existing local account. */
  emailVerified: boolean;
  displayName: string | undefined;
}

const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined);

export function profileOf(claims: Record<string, unknown>): OidcProfile {
  const email = text(claims.email, 254);
  const given = [text(claims.given_name, 100), text(claims.family_name, 100)].filter(Boolean).join(' ');
  return {
    email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    displayName: text(claims.name, 200) ?? (given || undefined) ?? text(claims.preferred_username, 200) ?? email,
  };
}
