/**
 * Opt-in email notices: a client who asked to be told hears of each change to their file (a new
 * stage, a document request, a decision) in the file's language. Sent after the change commits;
 * a failed send is logged and never undoes the change (the tracker always shows the truth).
 */
import { recordAudit, type Actor } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Application } from '../../platform/db/tables.cases.js';
import { AppError } from '../../platform/errors.js';
import type { I18n } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mailer.js';
import type { Guard } from '../../platform/throttle/throttle.service.js';
import { loadCatalogue, stageOf } from './catalogue.js';
import * as repo from './cases.repo.js';
import { findForClient } from './status.service.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export interface NoticeDeps {
  db: Db;
  mailer: Mailer;
  i18n: I18n;
  /** The absolute address of the tracker in a language. */
  trackerUrl(language: 'en' | 'fr'): string;
  log(error: unknown): void;
}

export type Change = 'stage' | 'document_requested' | 'decision';

export async function sendChangeNotice(deps: NoticeDeps, file: Application, change: Change): Promise<void> {
  if (!file.notice_email) return;
  try {
    const t = deps.i18n.translator(file.language);
    const stage = stageOf((await loadCatalogue(deps.db)).get(file.type_code)!, file.stage_code)!;
    const values = { number: file.number, stage: file.language === 'fr' ? stage.name_fr : stage.name_en, url: deps.trackerUrl(file.language) };
    await deps.mailer.send({ to: file.notice_email, subject: t('cases.notice.subject', values), text: t(`cases.notice.${change}`, values), language: file.language });
  } catch (error) {
    deps.log(error);
  }
}

/** The client, proving the file is theirs again, asks for notices (or, with no address, stops them). */
export async function setNoticeEmail(options: { db: Db; clock: Clock; guard: Guard; actor: Actor; applicationNumber: unknown; dateOfBirth: unknown; email: string }) {
  const email = options.email.trim();
  if (email && !EMAIL.test(email)) throw new AppError('common.invalid_input', 400, {}, { email: 'cases.error.email' });
  const file = await findForClient({ ...options, channel: 'notices' });
  if (!file) throw new AppError('cases.not_found', 404);
  return options.db.transaction().execute(async (trx) => {
    const updated = await repo.updateApplication(trx, file.id, { notice_email: email || null });
    await recordAudit(trx, options.actor, { action: email ? 'cases.notices_on' : 'cases.notices_off', entityType: 'application', entityId: file.id });
    return updated;
  });
}
