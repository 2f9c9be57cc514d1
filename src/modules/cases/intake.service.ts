/** Intake: a new application, its number, its expected completion day and its first history row. */
import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { actorLabel, recordAudit, type Actor } from '../../platform/audit.repo.js';
import { assertFileInScope } from '../../platform/auth/scope.js';
import { isIsoDate, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Application, ApplicationChannel } from '../../platform/db/tables.cases.js';
import { AppError } from '../../platform/errors.js';
import { getServicePoint } from '../network/index.js';
import { considerForQaSample } from '../qa/index.js';
import { addBusinessDays } from './business-days.js';
import { loadCatalogue, type ApplicationType } from './catalogue.js';
import * as repo from './cases.repo.js';

/** Files with no site (mail, online) are processed in the National Capital Region. */
export const CENTRAL_PROVINCE = 'ON';
export const CENTRAL_ZONE = 'America/Toronto';
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export interface IntakeInput {
  type: string;
  channel: string;
  siteId?: string | undefined;
  applicant: { surname: string; givenNames: string; dateOfBirth: string };
  language?: string | undefined;
  email?: string | undefined;
}

/** The local calendar day of an instant in a zone. */
export const localDay = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toISODate()!;

export const actorUserId = (actor: Actor) => (actor.type === 'user' ? actor.id : null);

function validate(input: IntakeInput, type: ApplicationType | undefined, today: string) {
  const fields: Record<string, string> = {};
  const applicant = input.applicant;
  if (!type) fields.type = 'cases.error.type';
  else if (!type.channels.some((c) => c.channel === input.channel)) fields.channel = 'cases.error.channel';
  if (!applicant.surname.trim() || applicant.surname.length > 100) fields['applicant.surname'] = 'cases.error.name';
  if (!applicant.givenNames.trim() || applicant.givenNames.length > 100) fields['applicant.givenNames'] = 'cases.error.name';
  if (!isIsoDate(applicant.dateOfBirth) || applicant.dateOfBirth > today || applicant.dateOfBirth < '1900-01-01') fields['applicant.dateOfBirth'] = 'cases.error.date_of_birth';
  if (input.email && !EMAIL.test(input.email)) fields.email = 'cases.error.email';
  if (input.channel === 'in_person' && !input.siteId) fields.siteId = 'cases.error.site';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
}

async function siteOf(db: Db, siteId: string | undefined) {
  if (!siteId) return null;
  try {
    return await getServicePoint({ db, ref: siteId });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw new AppError('common.invalid_input', 400, {}, { siteId: 'cases.error.site' });
    throw error;
  }
}

export async function intakeApplication(options: { db: Db; clock: Clock; actor: Actor } & IntakeInput): Promise<Application> {
  const { db, clock, actor } = options;
  const type = (await loadCatalogue(db)).get(options.type);
  const now = clock.now();
  validate(options, type, localDay(now, CENTRAL_ZONE));
  const site = await siteOf(db, options.siteId);
  const province = site?.province_code ?? CENTRAL_PROVINCE;
  // A new file must be one the person could work on: their programme, where they work.
  assertFileInScope(actor, { programme_code: type!.programme, province_code: province, site_id: site?.id ?? null, assigned_site_id: site?.id ?? null });
  const day = localDay(now, site?.time_zone ?? CENTRAL_ZONE);
  const standard = type!.channels.find((c) => c.channel === options.channel)!;
  const first = type!.stages[0]!;
  return db.transaction().execute(async (trx) => {
    let created: Application | undefined;
    for (let attempt = 0; !created && attempt < 8; attempt++) {
      created = await repo.insertApplication(trx, {
        number: `${type!.prefix}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`,
        type_code: type!.code,
        programme_code: type!.programme,
        channel: options.channel as ApplicationChannel,
        site_id: site?.id ?? null,
        assigned_site_id: site?.id ?? null,
        province_code: province,
        surname: options.applicant.surname.trim(),
        given_names: options.applicant.givenNames.trim(),
        date_of_birth: options.applicant.dateOfBirth,
        language: options.language === 'fr' ? 'fr' : 'en',
        stage_code: first.code,
        state: 'open',
        received_at: now,
        expected_by: addBusinessDays(day, standard.standardBusinessDays, province),
        notice_email: options.email ? options.email : null,
        updated_at: now,
      });
    }
    if (!created) throw new AppError('common.conflict', 409);
    await repo.appendEvent(trx, { applicationId: created.id, at: now, type: 'received', actor: actorLabel(actor), toStage: first.code, details: { channel: created.channel, siteId: created.site_id } });
    await recordAudit(trx, actor, { action: 'cases.intake', entityType: 'application', entityId: created.id, details: { number: created.number, type: created.type_code, channel: created.channel } });
    await considerForQaSample(trx, { applicationId: created.id, applicationNumber: created.number, programme: created.programme_code, typeCode: created.type_code, stage: first.code, siteId: created.site_id, agentId: actorUserId(actor), at: now });
    return created;
  });
}
