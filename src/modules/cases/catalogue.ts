/**
 * The reference data of applications (programmes, types, stages, per-channel standards). It
 * ships in migrations and never changes while a process runs, so each process reads it once.
 */
import type { Db } from '../../platform/db/database.js';
import type { ApplicationChannel, ApplicationStage } from '../../platform/db/tables.cases.js';

export interface ApplicationType {
  code: string;
  programme: string;
  department: 'ESDC' | 'IRCC';
  name: { en: string; fr: string };
  programmeName: { en: string; fr: string };
  prefix: string;
  channels: { channel: ApplicationChannel; standardBusinessDays: number; targetPercent: number }[];
  stages: ApplicationStage[];
}

export type Catalogue = Map<string, ApplicationType>;

const cache = new WeakMap<Db, Promise<Catalogue>>();

async function readCatalogue(db: Db): Promise<Catalogue> {
  const [types, programmes, channels, stages] = await Promise.all([
    db.selectFrom('application_types').selectAll().orderBy('position').execute(),
    db.selectFrom('programmes').selectAll().execute(),
    db.selectFrom('application_type_channels').selectAll().execute(),
    db.selectFrom('application_stages').selectAll().orderBy('position').execute(),
  ]);
  const catalogue: Catalogue = new Map();
  for (const type of types) {
    const programme = programmes.find((p) => p.code === type.programme_code)!;
    catalogue.set(type.code, {
      code: type.code,
      programme: type.programme_code,
      department: programme.department,
      name: { en: type.name_en, fr: type.name_fr },
      programmeName: { en: programme.name_en, fr: programme.name_fr },
      prefix: type.number_prefix,
      channels: channels.filter((c) => c.type_code === type.code).map((c) => ({ channel: c.channel, standardBusinessDays: c.standard_business_days, targetPercent: c.target_percent })),
      stages: stages.filter((s) => s.type_code === type.code),
    });
  }
  return catalogue;
}

export function loadCatalogue(db: Db): Promise<Catalogue> {
  let loaded = cache.get(db);
  if (!loaded) {
    loaded = readCatalogue(db);
    cache.set(db, loaded);
    loaded.catch(() => cache.delete(db));
  }
  return loaded;
}

/** The stages a file of this type goes through on its channel, in order. */
export const pathOf = (type: ApplicationType, channel: ApplicationChannel) => type.stages.filter((s) => s.channel === null || s.channel === channel);

export const stageOf = (type: ApplicationType, code: string) => type.stages.find((s) => s.code === code);
