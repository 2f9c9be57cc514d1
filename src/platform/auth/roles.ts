/**
 * Roles and what each may reach. A route declares its access once (`config.access`); the auth
 * plugin refuses to register a route that does not, so nothing is open by omission.
 */
import { ROLES, type Role } from '../db/tables.js';

export { ROLES, type Role };

/** 'public': anyone; 'staff': any signed-in role; otherwise the listed roles only. */
export type Access = 'public' | 'staff' | readonly Role[];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export function allows(access: Access, role: Role | undefined): boolean {
  if (access === 'public') return true;
  if (role === undefined) return false;
  if (access === 'staff') return true;
  return access.includes(role);
}

/** Roles that supervise a service network: a handy grouping for routes. */
export const MANAGERS: readonly Role[] = ['supervisor', 'admin'];
