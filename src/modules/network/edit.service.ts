/**
 * Editing a service point's details: names, address, counters, services and weekly hours. One
 * transaction, checked whole (every problem reported), audited with what changed, announced.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { assertSiteAccess } from './network.service.js';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const POSTAL = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;

export interface DetailsInput {
  nameEn: string;
  nameFr: string;
  addressLine: string;
  postalCode: string;
  counters: string;
  services: string[];
  /** Per ISO weekday 1–7: both empty means closed that day. */
  hours: Record<number, { opensAt: string; closesAt: string }>;
}

function check(input: DetailsInput, known: Set<string>) {
  const fields: Record<string, string> = {};
  const nameEn = input.nameEn.trim();
  const nameFr = input.nameFr.trim();
  if (!nameEn || nameEn.length > 200) fields.nameEn = 'network.edit.name_invalid';
  if (!nameFr || nameFr.length > 200) fields.nameFr = 'network.edit.name_invalid';
  if (input.addressLine.length > 500) fields.addressLine = 'network.edit.address_invalid';
  const postal = input.postalCode.trim();
  if (postal && !POSTAL.test(postal)) fields.postalCode = 'network.edit.postal_invalid';
  const counters = Number(input.counters);
  if (!Number.isInteger(counters) || counters < 0 || counters > 200) fields.counters = 'network.edit.counters_invalid';
  if (input.services.some((code) => !known.has(code))) fields.services = 'network.unknown_service';
  const hours: { weekday: number; opensAt: string; closesAt: string }[] = [];
  for (let day = 1; day <= 7; day++) {
    const slot = input.hours[day] ?? { opensAt: '', closesAt: '' };
    if (!slot.opensAt && !slot.closesAt) continue;
    if (!TIME.test(slot.opensAt) || !TIME.test(slot.closesAt) || slot.closesAt <= slot.opensAt) fields[`opens-${day}`] = 'network.edit.hours_invalid';
    else hours.push({ weekday: day, ...slot });
  }
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  const postalCode = postal ? `${postal.slice(0, 3)} ${postal.slice(-3)}`.toUpperCase() : null;
  return { nameEn, nameFr, addressLine: input.addressLine.trim(), postalCode, counters, services: [...new Set(input.services)].sort(), hours };
}

export async function updateServicePointDetails(options: { db: Db; clock: Clock; actor: Actor; servicePointId: string; input: DetailsInput }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const known = new Set((await repo.listServices(options.db)).map((s) => s.code));
  const details = check(options.input, known);
  return options.db.transaction().execute(async (trx) => {
    const updated = await repo.updateDetails(trx, options.servicePointId, details, options.clock.now());
    if (!updated) throw new AppError('network.site_not_found', 404);
    await repo.replaceServicesOf(trx, options.servicePointId, details.services);
    await repo.replaceHoursOf(trx, options.servicePointId, details.hours);
    await recordAudit(trx, options.actor, { action: 'network.details_change', entityType: 'service_point', entityId: options.servicePointId, details });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'details', id: options.servicePointId });
    return details;
  });
}
