/** The other organisations at a site and how they work together (seed 003): listed publicly, edited by supervisors. */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { JURISDICTIONS, PARTNERSHIP_MODELS, type Jurisdiction, type PartnershipModel } from '../../platform/db/tables.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { assertSiteAccess } from './network.service.js';

export const listPartners = (options: { db: Db; servicePointId: string }) => repo.listPartnersOf(options.db, options.servicePointId);

export async function addPartner(options: { db: Db; actor: Actor; servicePointId: string; nameEn: string; nameFr: string; partnerType: string; model: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const nameEn = options.nameEn.trim();
  const nameFr = options.nameFr.trim();
  const fields: Record<string, string> = {};
  if (nameEn.length < 2 || nameEn.length > 200) fields.nameEn = 'network.edit.name_invalid';
  if (nameFr.length < 2 || nameFr.length > 200) fields.nameFr = 'network.edit.name_invalid';
  if (!(JURISDICTIONS as readonly string[]).includes(options.partnerType)) fields.partnerType = 'network.partners.type_invalid';
  if (!(PARTNERSHIP_MODELS as readonly string[]).includes(options.model)) fields.model = 'network.partners.model_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const partner = { servicePointId: options.servicePointId, nameEn, nameFr, partnerType: options.partnerType as Jurisdiction, model: options.model as PartnershipModel };
  await options.db.transaction().execute(async (trx) => {
    await repo.insertPartners(trx, [partner]);
    await recordAudit(trx, options.actor, { action: 'network.partner_add', entityType: 'service_point', entityId: options.servicePointId, details: { nameEn, nameFr, partnerType: partner.partnerType, model: partner.model } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'partners', id: options.servicePointId });
  });
}

export async function removePartner(options: { db: Db; actor: Actor; servicePointId: string; partnerId: string }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  if (!/^[0-9a-f-]{36}$/i.test(options.partnerId)) throw new AppError('network.partners.not_found', 404);
  await options.db.transaction().execute(async (trx) => {
    const removed = await repo.deletePartner(trx, options.servicePointId, options.partnerId);
    if (!removed) throw new AppError('network.partners.not_found', 404);
    await recordAudit(trx, options.actor, { action: 'network.partner_remove', entityType: 'service_point', entityId: options.servicePointId, details: { nameEn: removed.name_en } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'partners', id: options.servicePointId });
  });
}
