/**
 * Reading the audit log, for administrators: filtered by person, action, record and period,
 * newest first, a page at a time by keyset (the id of the last row shown), with the names of the
 * people and tokens who acted and of the accounts and tokens acted upon.
 */
import type { Kysely } from 'kysely';
import { listAudit, type Actor, type AuditQuery } from '../audit.repo.js';
import type { Tables } from '../db/tables.js';
import { AppError } from '../errors.js';
import * as admin from './admin.repo.js';
import { assertAdministrator } from './admin.service.js';

type Db = Kysely<Tables>;

/** As typed in a form or a query string; every field optional. */
export interface AuditSearch {
  person?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** Calendar days (YYYY-MM-DD, UTC), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** Show rows older than this id. */
  before?: string | undefined;
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number] & { record_name: string | null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, field: string, fields: Record<string, string>): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    fields[field] = 'admin.audit.date_invalid';
    return undefined;
  }
  return date;
}

/** The search as the repository reads it; a date that does not read, or a period that ends before it starts, is a 400. */
export function readAuditSearch(search: AuditSearch): Omit<AuditQuery, 'limit'> {
  const fields: Record<string, string> = {};
  const from = day(search.from, 'from', fields);
  const to = day(search.to, 'to', fields);
  if (from && to && to < from) fields.to = 'admin.audit.period_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const before = search.before && /^\d{1,18}$/.test(search.before) ? Number(search.before) : undefined;
  return {
    actorId: search.person || undefined,
    action: search.action || undefined,
    entityType: search.entityType || undefined,
    entityId: search.entityId || undefined,
    from,
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
    before,
  };
}

/** One page of the log; `next` is the keyset of the following (older) page, or null on the last. */
export async function searchAuditLog(options: { db: Db; actor: Actor; search: AuditSearch; limit: number }): Promise<{ rows: AuditRow[]; next: string | null }> {
  assertAdministrator(options.actor);
  const filter = readAuditSearch(options.search);
  const found = await listAudit(options.db, { ...filter, limit: options.limit + 1 });
  const rows = found.slice(0, options.limit);
  const names = await admin.findRecordNames(options.db, {
    users: rows.filter((r) => r.entity_type === 'staff_user' && r.entity_id).map((r) => r.entity_id!),
    tokens: rows.filter((r) => r.entity_type === 'api_token' && r.entity_id).map((r) => r.entity_id!),
  });
  return {
    rows: rows.map((row) => ({ ...row, record_name: row.entity_id ? (names.get(row.entity_id) ?? null) : null })),
    next: found.length > options.limit ? String(rows[rows.length - 1]!.id) : null,
  };
}

/** Every row of a search, oldest page last, a page at a time (for the CSV export), up to `cap` rows. */
export async function* eachAuditRow(options: { db: Db; actor: Actor; search: AuditSearch; cap: number }): AsyncGenerator<AuditRow[]> {
  let before = options.search.before;
  let count = 0;
  while (count < options.cap) {
    const page = await searchAuditLog({ ...options, search: { ...options.search, before }, limit: Math.min(1000, options.cap - count) });
    if (page.rows.length > 0) yield page.rows;
    count += page.rows.length;
    if (!page.next) return;
    before = page.next;
  }
}

/** The people and tokens one can filter by. */
export async function listAuditPeople(options: { db: Db; actor: Actor }) {
  assertAdministrator(options.actor);
  return admin.listActors(options.db);
}
