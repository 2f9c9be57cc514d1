/**
 * Email and web inquiries: received from the public form or the inbound mail gateway, each due a
 * number of business days later (per line; weekends and the province's public holidays do not
 * count), listed for agents by due date, answered by email from bilingual templates.
 */
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { Actor } from '../../platform/audit.repo.js';
import { actorLabel, recordAudit } from '../../platform/audit.repo.js';
import { assertLineInScope, lineFilter } from '../../platform/auth/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import type { ContactInquiry } from '../../platform/db/tables.contact.js';
import { AppError } from '../../platform/errors.js';
import type { HolidayCalendar } from '../../platform/holidays.js';
import type { I18n, Language } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mailer.js';
import * as repo from './contact.repo.js';
import { assertLineIdInScope } from './contact-scope.js';
import { dueDate, localDay } from './hours.js';
import { CONTACT_TOPIC, getLine } from './lines.service.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;
export const REPLY_TEMPLATES = ['answer', 'need_information', 'referral'] as const;
export type ReplyTemplate = (typeof REPLY_TEMPLATES)[number];

export interface NewInquiry {
  line: string;
  name: string;
  email: string;
  subject: string;
  body: string;
  language: Language;
  channel: 'web' | 'email';
}

function check(input: NewInquiry) {
  const fields: Record<string, string> = {};
  if (!input.line) fields.line = 'contact.inquiry.line_required';
  if (!input.name.trim() || input.name.length > 120) fields.name = 'contact.name_required';
  if (!EMAIL.test(input.email.trim()) || input.email.length > 254) fields.email = 'contact.inquiry.email_invalid';
  if (!input.subject.trim() || input.subject.length > 200) fields.subject = 'contact.inquiry.subject_required';
  if (!input.body.trim() || input.body.length > 10_000) fields.body = 'contact.inquiry.body_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
}

export async function receiveInquiry(options: { db: Db; clock: Clock; actor: Actor; holidays: HolidayCalendar; inquiry: NewInquiry }) {
  const input = options.inquiry;
  check(input);
  const line = await repo.findLine(options.db, input.line);
  if (!line) throw new AppError('common.invalid_input', 400, {}, { line: 'contact.inquiry.line_required' });
  // The public writes to any line; a mail gateway's token only to the lines it serves.
  assertLineInScope(options.actor, line.code);
  const now = options.clock.now();
  const due = dueDate({ receivedAt: now, timeZone: line.time_zone, province: line.province_code, days: line.inquiry_due_days, holidays: options.holidays });
  return options.db.transaction().execute(async (trx) => {
    const inquiry = await trx
      .insertInto('contact_inquiries')
      .values({ reference: `CQ-${randomBytes(4).toString('hex').toUpperCase()}`, line_id: line.id, channel: input.channel, language: input.language, name: input.name.trim(), email: input.email.trim(), subject: input.subject.trim(), body: input.body.trim(), received_at: now, due_on: due })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, options.actor, { action: 'contact.inquiry_receive', entityType: 'contact_inquiry', entityId: inquiry.id, details: { channel: input.channel, line: line.code } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'inquiry', lineId: line.id });
    return { inquiry, line };
  });
}

/**
 * An email as the gateway received it (raw MIME, parsed by mailparser): the line is the local
 * part of the address it was sent to (passport@… → passport), else `fallbackLine`.
 */
export async function receiveEmail(options: { db: Db; clock: Clock; actor: Actor; holidays: HolidayCalendar; raw: string; fallbackLine: string }) {
  const mail = await simpleParser(options.raw);
  const from = mail.from?.value[0];
  const to = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
  const local = to.split('@')[0]?.toLowerCase() ?? '';
  const line = (await repo.findLine(options.db, local)) ? local : options.fallbackLine;
  const language: Language = /^fr\b/i.test(String(mail.headers.get('content-language') ?? '')) ? 'fr' : 'en';
  return receiveInquiry({ ...options, inquiry: { line, name: from?.name || from?.address || '', email: from?.address ?? '', subject: mail.subject ?? '', body: mail.text ?? '', language, channel: 'email' } });
}

export async function getInquiry(options: { db: Db; actor: Actor; inquiryId: string }): Promise<ContactInquiry> {
  const inquiry = await options.db.selectFrom('contact_inquiries').selectAll().where('id', '=', options.inquiryId).executeTakeFirst();
  if (!inquiry) throw new AppError('contact.inquiry.not_found', 404);
  await assertLineIdInScope(options.db, options.actor, inquiry.line_id);
  // A client's message is part of their file: every read is audited.
  await recordAudit(options.db, options.actor, { action: 'contact.inquiry_read', entityType: 'contact_inquiry', entityId: inquiry.id });
  return inquiry;
}

/** The agent inbox: open inquiries on the actor's lines by due date, oldest first within a day. */
export const listOpenInquiries = (options: { db: Db; actor: Actor; limit?: number }) => repo.listOpenInquiries(options.db, { lineCodes: lineFilter(options.actor), limit: options.limit ?? 100 });

export async function replyToInquiry(options: { db: Db; clock: Clock; actor: Actor; mailer: Mailer; i18n: I18n; inquiryId: string; template: ReplyTemplate; text: string }) {
  if (!(REPLY_TEMPLATES as readonly string[]).includes(options.template)) throw new AppError('common.invalid_input', 400, {}, { template: 'contact.inquiry.template_invalid' });
  if (!options.text.trim() || options.text.length > 10_000) throw new AppError('common.invalid_input', 400, {}, { text: 'contact.inquiry.body_required' });
  const now = options.clock.now();
  const { inquiry, withinStandard } = await options.db.transaction().execute(async (trx) => {
    const inquiry = await trx.selectFrom('contact_inquiries').selectAll().where('id', '=', options.inquiryId).forUpdate().executeTakeFirst();
    if (!inquiry) throw new AppError('contact.inquiry.not_found', 404);
    await assertLineIdInScope(trx, options.actor, inquiry.line_id);
    if (inquiry.state !== 'open') throw new AppError('contact.inquiry.already_answered', 409);
    const t = options.i18n.translator(inquiry.language);
    const values = { name: inquiry.name, reference: inquiry.reference, subject: inquiry.subject, text: options.text.trim() };
    const message = { to: inquiry.email, language: inquiry.language, subject: t('contact.template.subject', values), text: t(`contact.template.${options.template}`, values) };
    await trx.updateTable('contact_inquiries').set({ state: 'answered', answered_at: now, answered_by: actorLabel(options.actor), reply_template: options.template, reply_text: message.text }).where('id', '=', inquiry.id).execute();
    await recordAudit(trx, options.actor, { action: 'contact.inquiry_reply', entityType: 'contact_inquiry', entityId: inquiry.id, details: { template: options.template } });
    await publishEvent(trx, CONTACT_TOPIC, { change: 'inquiry_answered', lineId: inquiry.line_id });
    // Sent last inside the transaction: if the mail server refuses it, the inquiry stays open.
    await options.mailer.send(message);
    const line = await getLine({ db: trx, actor: options.actor, ref: inquiry.line_id });
    return { inquiry, message, withinStandard: localDay(now, line.time_zone) <= inquiry.due_on };
  });
  return { ...inquiry, state: 'answered' as const, withinStandard };
}
