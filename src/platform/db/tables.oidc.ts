/**
 * The columns single sign-on adds to the platform's staff tables (migration 0020), for Kysely;
 * merged into `StaffUsersTable` and `StaffSessionsTable` by `tables.ts` and checked against the
 * live schema by `tables.test.ts` like every other.
 */

export interface StaffUsersOidcColumns {
  /** The OpenID provider that vouches for this person, with `oidc_subject`; both null for local accounts. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export interface StaffSessionsOidcColumns {
  /** The ID token of a session opened through the provider: the hint sent back at sign-out. */
  oidc_id_token: string | null;
}

export const STAFF_USERS_OIDC_COLUMNS: (keyof StaffUsersOidcColumns)[] = ['oidc_issuer', 'oidc_subject'];
export const STAFF_SESSIONS_OIDC_COLUMNS: (keyof StaffSessionsOidcColumns)[] = ['oidc_id_token'];
