/**
 * Assignments: where a staff account or API token works. Given as people write them (site codes,
 * province codes, programme and line codes), checked against what exists, stored as the row's
 * scope columns, and read back into a `Scope` when a session or token is resolved.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../audit.repo.js';
import { recordAudit } from '../audit.repo.js';
import type { Clock } from '../clock.js';
import type { Role, Tables } from '../db/tables.js';
import { AppError } from '../errors.js';
import * as repo from './auth.repo.js';
import { isRole } from './roles.js';
import type { Scope } from './scope.js';

type Db = Kysely<Tables>;

/** As given by a person, a form or the command line: codes, each list optional. */
export interface AssignmentsInput {
  national?: boolean | undefined;
  sites?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
  programmes?: readonly string[] | undefined;
  lines?: readonly string[] | undefined;
}

/** As stored on `staff_users` and `api_tokens`. */
export interface StoredAssignments {
  national: boolean;
  site_ids: string[];
  regions: string[];
  programmes: string[];
  lines: string[];
}

const clean = (values: readonly string[] | undefined) => [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];

/** Checks every reference exists; a bad one is a translated 400 naming the field, nothing stored. */
export async function resolveAssignments(db: Db, input: AssignmentsInput): Promise<StoredAssignments> {
  const wanted = { sites: clean(input.sites), regions: clean(input.regions).map((r) => r.toUpperCase()), programmes: clean(input.programmes).map((p) => p.toLowerCase()), lines: clean(input.lines).map((l) => l.toLowerCase()) };
  const found = await repo.findReferences(db, wanted);
  const fields: Record<string, string> = {};
  const siteIds = wanted.sites.map((ref) => found.sites.find((s) => s.id === ref || s.code === ref.toUpperCase())?.id);
  if (siteIds.some((id) => id === undefined)) fields.sites = 'auth.assignment_site_unknown';
  if (wanted.regions.some((r) => !found.regions.includes(r))) fields.regions = 'auth.assignment_region_unknown';
  if (wanted.programmes.some((p) => !found.programmes.includes(p))) fields.programmes = 'auth.assignment_programme_unknown';
  if (wanted.lines.some((l) => !found.lines.includes(l))) fields.lines = 'auth.assignment_line_unknown';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  return { national: input.national === true, site_ids: [...new Set(siteIds as string[])], regions: wanted.regions, programmes: wanted.programmes, lines: wanted.lines };
}

export const scopeOfRow = (row: { national: boolean; site_ids: string[]; regions: string[]; programmes: string[]; lines: string[] }): Scope => ({
  national: row.national,
  sites: row.site_ids,
  regions: row.regions,
  programmes: row.programmes,
  lines: row.lines,
});

/** Changes where a person works (and, when given, their role); audited with before and after. */
export async function assignStaffUser(options: { db: Db; clock: Clock; actor: Actor; userId: string; role?: string | undefined; assignments: AssignmentsInput }) {
  if (options.role !== undefined && !isRole(options.role)) throw new AppError('common.invalid_input', 400, {}, { role: 'auth.role_invalid' });
  return options.db.transaction().execute(async (trx) => {
    const before = await repo.findUserById(trx, options.userId);
    if (!before) throw new AppError('auth.user_not_found', 404);
    const assigned = await resolveAssignments(trx, options.assignments);
    const after = await repo.updateUserAssignments(trx, options.userId, assigned, options.role as Role | undefined, options.clock.now());
    await recordAudit(trx, options.actor, {
      action: 'staff_user.assign',
      entityType: 'staff_user',
      entityId: options.userId,
      details: { before: { role: before.role, ...storedOf(before) }, after: { role: after!.role, ...assigned } },
    });
    return after!;
  });
}

export async function assignApiToken(options: { db: Db; actor: Actor; tokenId: string; assignments: AssignmentsInput }) {
  return options.db.transaction().execute(async (trx) => {
    const assigned = await resolveAssignments(trx, options.assignments);
    const updated = await repo.updateTokenAssignments(trx, options.tokenId, assigned);
    if (!updated) throw new AppError('auth.token_not_found', 404);
    await recordAudit(trx, options.actor, { action: 'api_token.assign', entityType: 'api_token', entityId: options.tokenId, details: { after: assigned } });
    return updated;
  });
}

const storedOf = (row: StoredAssignments): StoredAssignments => ({ national: row.national, site_ids: row.site_ids, regions: row.regions, programmes: row.programmes, lines: row.lines });

/** A scope as people read it: site codes rather than ids. */
export async function describeScope(db: Db, scope: Scope): Promise<{ national: boolean; sites: string[]; regions: string[]; programmes: string[]; lines: string[] }> {
  const sites = await repo.findSiteCodes(db, scope.sites);
  return { national: scope.national, sites: sites.map((s) => s.code).sort(), regions: [...scope.regions], programmes: [...scope.programmes], lines: [...scope.lines] };
}
