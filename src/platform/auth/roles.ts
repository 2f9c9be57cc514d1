/**
 * Roles and what each may do: the one table of who may do what. A route declares its access once
 * (`config.access`, usually `may('…')` from this table); the auth plugin refuses to register a
 * route that does not, so nothing is open by omission. Where someone may do it is their scope
 * (`scope.ts`), which the services check.
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

const MANAGERS = ['supervisor', 'admin'] as const;

/** Functions and the roles they open. */
export const PERMISSIONS = {
  // network: a site's settings are managed by supervisors (their region) and administrators
  'network.manage': MANAGERS,
  'network.analyse': ['analyst', 'supervisor', 'admin', 'partner'],
  // in-person visits
  'visits.front_desk': ['reception', 'agent', 'supervisor', 'admin'],
  'visits.counter': ['agent', 'supervisor', 'admin'],
  'visits.oversee': ['supervisor', 'admin', 'analyst'],
  'visits.manage': MANAGERS,
  // appointments share the front desk's and the managers' functions
  // contact centre
  'contact.work': ['agent', 'supervisor', 'admin'],
  'contact.manage': MANAGERS,
  'contact.oversee': ['supervisor', 'admin', 'analyst'],
  // applications
  'cases.work': ['agent', 'supervisor', 'admin'],
  'cases.assign': MANAGERS,
  'cases.delegated': ['partner'],
  'cases.delegated_page': ['partner', 'admin'],
  // quality assurance
  'qa.review': ['qa_reviewer', 'admin'],
  'qa.read': ['qa_reviewer', 'supervisor', 'admin'],
  'qa.teams': ['supervisor', 'qa_reviewer', 'admin'],
  // operations intelligence
  'insights.view': ['analyst', 'supervisor', 'admin'],
  'insights.plan': ['analyst', 'admin'],
  // administration: accounts, assignments, tokens, the audit log
  'platform.administer': MANAGERS,
  'platform.audit': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** The roles a function is open to, as a route's `config.access`. */
export const may = (permission: Permission): readonly Role[] => PERMISSIONS[permission];
