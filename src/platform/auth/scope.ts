/**
 * Where someone works. A role says what a person may do; their scope says where: service points,
 * regions (province or territory), programmes (case workloads) and contact lines. National scope
 * is explicit and covers every place, programme and line. An empty scope reaches nothing bound to
 * a place, a file or a line, so a forgotten assignment fails closed.
 *
 * Services call the `assert*` functions with the record they are about to read or change, before
 * they touch it; a refusal is `auth.out_of_scope` (403), audited by the auth plugin.
 */
import type { Actor } from '../audit.repo.js';
import { AppError } from '../errors.js';

export interface Scope {
  national: boolean;
  /** Service point ids. */
  sites: readonly string[];
  /** Province and territory codes (ON, QC…): every service point there. */
  regions: readonly string[];
  /** Programme codes (passport, sin…): the files of those programmes, where the person works. */
  programmes: readonly string[];
  /** Contact line codes. */
  lines: readonly string[];
}

export const NATIONAL_SCOPE: Scope = Object.freeze({ national: true, sites: [], regions: [], programmes: [], lines: [] });
export const EMPTY_SCOPE: Scope = Object.freeze({ national: false, sites: [], regions: [], programmes: [], lines: [] });

/** A service point, as far as scope is concerned. */
export interface ScopedSite {
  id: string;
  province_code: string;
}

/** An application file: its programme, and where it is handled. */
export interface ScopedFile {
  programme_code: string;
  province_code: string;
  site_id: string | null;
  assigned_site_id: string | null;
}

export const coversSite = (scope: Scope, site: ScopedSite) => scope.national || scope.sites.includes(site.id) || scope.regions.includes(site.province_code);

export const coversRegion = (scope: Scope, province: string) => scope.national || scope.regions.includes(province);

export const coversLine = (scope: Scope, lineCode: string) => scope.national || scope.lines.includes(lineCode);

export const coversProgramme = (scope: Scope, programme: string) => scope.national || scope.programmes.includes(programme);

/** A file is reachable when its programme is one of the person's and it is handled where they work. */
export function coversFile(scope: Scope, file: ScopedFile): boolean {
  if (scope.national) return true;
  if (!scope.programmes.includes(file.programme_code)) return false;
  if (scope.regions.includes(file.province_code)) return true;
  return [file.site_id, file.assigned_site_id].some((id) => id !== null && scope.sites.includes(id));
}

/**
 * The scope an actor acts with. The public and the system (jobs, the command line) are not held
 * to a place: public routes are open by declaration, and the system acts for the whole network.
 * A staff actor without a scope is a programming error, so it reaches nothing.
 */
export function scopeOf(actor: Actor): Scope | 'unbounded' {
  if (actor.type === 'public' || actor.type === 'system') return 'unbounded';
  return actor.scope ?? EMPTY_SCOPE;
}

/** A refusal for where, not what: the auth plugin audits it with what was reached for. */
export class OutOfScopeError extends AppError {
  constructor(
    readonly kind: string,
    readonly target: string,
  ) {
    super('auth.out_of_scope', 403);
  }
}

function refuse(kind: string, id: string): never {
  throw new OutOfScopeError(kind, id);
}

export function assertSiteInScope(actor: Actor, site: ScopedSite): void {
  const scope = scopeOf(actor);
  if (scope !== 'unbounded' && !coversSite(scope, site)) refuse('site', site.id);
}

export function assertRegionInScope(actor: Actor, province: string): void {
  const scope = scopeOf(actor);
  if (scope !== 'unbounded' && !coversRegion(scope, province)) refuse('region', province);
}

export function assertLineInScope(actor: Actor, lineCode: string): void {
  const scope = scopeOf(actor);
  if (scope !== 'unbounded' && !coversLine(scope, lineCode)) refuse('line', lineCode);
}

export function assertFileInScope(actor: Actor, file: ScopedFile & { number?: string }): void {
  const scope = scopeOf(actor);
  if (scope !== 'unbounded' && !coversFile(scope, file)) refuse('file', file.number ?? file.programme_code);
}

/** For what only the whole network may do (national settings, network-wide imports). */
export function assertNational(actor: Actor): void {
  const scope = scopeOf(actor);
  if (scope !== 'unbounded' && !scope.national) refuse('national', '');
}

/** Filters for list queries: null means no restriction. */
export function siteFilter(actor: Actor): { siteIds: readonly string[]; regions: readonly string[] } | null {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return null;
  return { siteIds: scope.sites, regions: scope.regions };
}

export function fileFilter(actor: Actor): { programmes: readonly string[]; siteIds: readonly string[]; regions: readonly string[] } | null {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return null;
  return { programmes: scope.programmes, siteIds: scope.sites, regions: scope.regions };
}

export function lineFilter(actor: Actor): readonly string[] | null {
  const scope = scopeOf(actor);
  if (scope === 'unbounded' || scope.national) return null;
  return scope.lines;
}
