/**
 * Delegated access for MP and Senator offices (role `partner`): an office sees a file only while
 * the client's consent for that office runs (recorded by staff, with an expiry, revocable); every
 * view is audited. The office's inquiries carry their own standard: 48 hours when urgent,
 * otherwise 10 business days.
 */
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { actorLabel, recordAudit, type Actor } from '../../platform/audit.repo.js';
import { assertFileInScope } from '../../platform/auth/scope.js';
import { isIsoDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { addBusinessDays, shiftDay } from './business-days.js';
import * as repo from './cases.repo.js';
import { CENTRAL_PROVINCE, CENTRAL_ZONE, localDay } from './intake.service.js';

/** A consent runs at most this long; the client renews it if their file takes longer. */
const MAX_CONSENT_DAYS = 730;
export const INQUIRY_STANDARD = { urgentHours: 48, businessDays: 10 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (field: string, key: string) => new AppError('common.invalid_input', 400, {}, { [field]: key });

export const listOffices = (db: Db) => db.selectFrom('partner_offices').selectAll().orderBy('name_en').execute();

/** The office a partner account works for; none for a token or an account not yet attached (it then sees nothing). */
export async function officeOfUser(db: Db, userId: string | null) {
  return userId ? db.selectFrom('partner_office_members as m').innerJoin('partner_offices as o', 'o.id', 'm.office_id').selectAll('o').where('m.user_id', '=', userId).executeTakeFirst() : undefined;
}

export async function createOffice(options: { db: Db; actor: Actor; kind: 'mp' | 'senator'; nameEn: string; nameFr: string; memberIds: string[] }) {
  return options.db.transaction().execute(async (trx) => {
    const office = await trx.insertInto('partner_offices').values({ kind: options.kind, name_en: options.nameEn, name_fr: options.nameFr }).returningAll().executeTakeFirstOrThrow();
    for (const userId of options.memberIds) await trx.insertInto('partner_office_members').values({ office_id: office.id, user_id: userId }).execute();
    await recordAudit(trx, options.actor, { action: 'cases.office_created', entityType: 'partner_office', entityId: office.id, details: { members: options.memberIds } });
    return office;
  });
}

/** A client's consent for an office, recorded by staff who may work on the file. */
export async function recordConsent(options: { db: Db; clock: Clock; actor: Actor; number: string; officeId: string; expiresOn: string }) {
  const now = options.clock.now();
  const today = localDay(now, CENTRAL_ZONE);
  return options.db.transaction().execute(async (trx) => {
    const file = await repo.lockByNumber(trx, options.number.toUpperCase());
    if (!file) throw new AppError('cases.not_found', 404);
    assertFileInScope(options.actor, file);
    if (!isIsoDate(options.expiresOn) || options.expiresOn < today || options.expiresOn > shiftDay(today, MAX_CONSENT_DAYS)) throw invalid('expiresOn', 'cases.error.expires_on');
    if (!UUID.test(options.officeId) || !(await trx.selectFrom('partner_offices').select('id').where('id', '=', options.officeId).executeTakeFirst())) throw invalid('officeId', 'cases.error.office');
    const consent = await trx
      .insertInto('delegation_consents')
      .values({ application_id: file.id, office_id: options.officeId, granted_on: today, expires_on: options.expiresOn, recorded_by: actorLabel(options.actor), created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'consent', actor: actorLabel(options.actor), public: false, details: { officeId: options.officeId, expiresOn: options.expiresOn } });
    await recordAudit(trx, options.actor, { action: 'cases.consent_recorded', entityType: 'application', entityId: file.id, details: { officeId: options.officeId, expiresOn: options.expiresOn } });
    return consent;
  });
}

/** The files an office may see today: consented, unexpired, not revoked. */
const consentedFiles = (db: Db, officeId: string, today: string) =>
  db
    .selectFrom('applications as a')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('delegation_consents as c').select('c.id').whereRef('c.application_id', '=', 'a.id').where('c.office_id', '=', officeId).where('c.expires_on', '>=', today).where('c.revoked_at', 'is', null)),
    );

export async function listDelegatedFiles(options: { db: Db; clock: Clock; actor: Actor }) {
  const office = await officeOfUser(options.db, options.actor.type === 'user' ? options.actor.id : null);
  const today = localDay(options.clock.now(), CENTRAL_ZONE);
  if (!office) return { office: null, files: [], inquiries: [], today };
  const files = await consentedFiles(options.db, office.id, today)
    .selectAll('a')
    .select(sql<string>`(select max(c.expires_on)::text from delegation_consents c where c.application_id = a.id and c.office_id = ${office.id} and c.revoked_at is null)`.as('consent_expires_on'))
    .orderBy('a.received_at', 'desc')
    .limit(500)
    .execute();
  const inquiries = await options.db.selectFrom('partner_inquiries').selectAll().where('office_id', '=', office.id).orderBy('asked_at', 'desc').limit(200).execute();
  await recordAudit(options.db, options.actor, { action: 'cases.delegated_read', entityType: 'partner_office', entityId: office.id, details: { files: files.map((f) => f.number) } });
  return { office, files, inquiries, today };
}

export async function askInquiry(options: { db: Db; clock: Clock; actor: Actor; applicationNumber: string; urgent: boolean; question: string }) {
  const office = await officeOfUser(options.db, options.actor.type === 'user' ? options.actor.id : null);
  if (!office) throw invalid('applicationNumber', 'cases.error.no_office');
  const question = options.question.trim();
  if (question.length < 5 || question.length > 2000) throw invalid('question', 'cases.error.question');
  const now = options.clock.now();
  const today = localDay(now, CENTRAL_ZONE);
  const file = await consentedFiles(options.db, office.id, today).select(['a.id', 'a.number']).where('a.number', '=', options.applicationNumber.trim().toUpperCase()).executeTakeFirst();
  if (!file) throw invalid('applicationNumber', 'cases.error.not_consented');
  const dueAt = options.urgent
    ? new Date(now.getTime() + INQUIRY_STANDARD.urgentHours * 3_600_000)
    : DateTime.fromISO(addBusinessDays(today, INQUIRY_STANDARD.businessDays, CENTRAL_PROVINCE), { zone: CENTRAL_ZONE }).endOf('day').toJSDate();
  return options.db.transaction().execute(async (trx) => {
    const inquiry = await trx
      .insertInto('partner_inquiries')
      .values({ office_id: office.id, application_id: file.id, urgent: options.urgent, question, asked_by: options.actor.id!, asked_at: now, due_at: dueAt })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.appendEvent(trx, { applicationId: file.id, at: now, type: 'inquiry', actor: actorLabel(options.actor), public: false, details: { inquiryId: inquiry.id, urgent: options.urgent } });
    await recordAudit(trx, options.actor, { action: 'cases.inquiry_asked', entityType: 'application', entityId: file.id, details: { inquiryId: inquiry.id, urgent: options.urgent } });
    return inquiry;
  });
}

/** Staff answer an office's inquiry about a file they may work on. */
export async function answerInquiry(options: { db: Db; clock: Clock; actor: Actor; inquiryId: string; answer: string }) {
  const now = options.clock.now();
  return options.db.transaction().execute(async (trx) => {
    const file = UUID.test(options.inquiryId) ? await repo.findInquiryFile(trx, options.inquiryId) : undefined;
    if (!file) throw new AppError('cases.error.inquiry_not_found', 404);
    assertFileInScope(options.actor, file);
    const answer = options.answer.trim();
    if (answer.length < 2 || answer.length > 2000) throw invalid('answer', 'cases.error.answer');
    const inquiry = await trx
      .updateTable('partner_inquiries')
      .set({ answer, answered_at: now, answered_by: options.actor.type === 'user' ? options.actor.id : null })
      .where('id', '=', options.inquiryId)
      .where('answered_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!inquiry) throw new AppError('cases.error.inquiry_not_found', 404);
    await recordAudit(trx, options.actor, { action: 'cases.inquiry_answered', entityType: 'application', entityId: inquiry.application_id, details: { inquiryId: inquiry.id, withinStandard: now <= inquiry.due_at } });
    return inquiry;
  });
}
