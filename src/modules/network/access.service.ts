/**
 * A site's accessibility features and languages of service: what a client can count on before
 * going. Both lists come from fixed catalogues (so they can be searched and translated); an edit
 * replaces both in one transaction, audited and announced.
 */
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import { publishEvent } from '../../platform/db/event-bus.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './network.repo.js';
import { NETWORK_TOPIC } from './network.service.js';
import { assertSiteAccess } from './network.service.js';

export const ACCESSIBILITY_FEATURES = ['step_free_entrance', 'automatic_door', 'accessible_washroom', 'accessible_parking', 'hearing_loop', 'sign_language_on_request', 'large_print', 'quiet_space', 'seating_while_waiting'] as const;
/** ISO 639 codes: the official languages, then languages of Indigenous and other communities served. */
export const SERVICE_LANGUAGES = ['en', 'fr', 'iu', 'cr', 'oj', 'mic', 'den', 'es', 'zh', 'pa', 'ar', 'tl'] as const;

export const getAccess = (options: { db: Db; servicePointId: string }) => repo.findAccessOf(options.db, options.servicePointId);

export async function updateAccess(options: { db: Db; actor: Actor; servicePointId: string; features: string[]; languages: string[] }) {
  await assertSiteAccess({ db: options.db, actor: options.actor, siteId: options.servicePointId });
  const features = [...new Set(options.features)].sort();
  const languages = [...new Set(options.languages)].sort();
  const fields: Record<string, string> = {};
  if (features.some((f) => !(ACCESSIBILITY_FEATURES as readonly string[]).includes(f))) fields.features = 'network.access.feature_invalid';
  if (languages.some((l) => !(SERVICE_LANGUAGES as readonly string[]).includes(l))) fields.languages = 'network.access.language_invalid';
  // A federal office serves in at least one official language.
  if (!languages.includes('en') && !languages.includes('fr')) fields.languages = 'network.access.official_required';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
  await options.db.transaction().execute(async (trx) => {
    await repo.replaceAccessOf(trx, options.servicePointId, { features, languages });
    await recordAudit(trx, options.actor, { action: 'network.access_change', entityType: 'service_point', entityId: options.servicePointId, details: { features, languages } });
    await publishEvent(trx, NETWORK_TOPIC, { change: 'access', id: options.servicePointId });
  });
}
