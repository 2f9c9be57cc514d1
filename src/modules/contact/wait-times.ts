/** The published wait times: each line's hours and its estimate now, as a client reads them. */
import type { Db } from '../../platform/db/database.js';
import type { Language, Translate } from '../../platform/i18n/index.js';
import { waitBand } from './estimate.js';
import { getWaitTimes } from './lines.service.js';

export async function publishedWaitTimes(db: Db, now: Date, language: Language, t: Translate) {
  const lines = await getWaitTimes({ db, now });
  return lines.map(({ line, open, inQueue, estimatedWaitSeconds }) => {
    const band = estimatedWaitSeconds === null ? null : waitBand(estimatedWaitSeconds);
    return {
      lineId: line.id,
      code: line.code,
      name: language === 'fr' ? line.name_fr : line.name_en,
      open,
      alwaysOpen: line.hours === null,
      hours: line.hours ?? [],
      timeZone: line.time_zone,
      inQueue,
      estimatedWaitSeconds,
      announcement: band ? t(band.key, band.values) : null,
    };
  });
}
