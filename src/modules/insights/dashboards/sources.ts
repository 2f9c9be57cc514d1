/**
 * One small adapter per source of figures. Each reads another module's public contract and turns
 * it into the same daily rows, so the dashboards and the forecast never know where a figure came
 * from, and a source that has nothing yet yields no rows (shown as "no data yet"), never an error.
 */
import type { Db } from '../../../platform/db/database.js';
import { getApplicationDailyVolumes } from '../../cases/index.js';
import { getContactDailyVolumes } from '../../contact/index.js';
import { getVisitDailyVolumes } from '../../visits/index.js';

/** Seed 000's channels, in its order. */
export const CHANNELS = ['in_person', 'echannels', 'online', 'esin', 'phone_calls', 'phone_requests'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface DailyRow {
  day: string;
  channel: Channel;
  /** A service or programme code, a contact line's code, or 'all' when the source has none. */
  service: string;
  siteCode: string | null;
  province: string | null;
  volume: number;
  /** Clients served or answered, and of those within the target (wait, answer or standard). */
  handled: number;
  withinTarget: number;
  /** Offered but lost (left the queue, hung up). */
  abandoned: number;
  /** Wait minutes summed over the handled (so means weigh every client once). */
  waitMinutes: number;
}

export interface SourceWindow {
  db: Db;
  from: string;
  to: string;
}

const inPerson = async ({ db, from, to }: SourceWindow): Promise<DailyRow[]> =>
  (await getVisitDailyVolumes({ db, from, to })).map((r) => ({
    day: r.day,
    channel: 'in_person',
    service: 'all',
    siteCode: r.siteCode,
    province: r.province,
    volume: r.arrivals,
    handled: r.served,
    withinTarget: r.servedWithinTarget,
    abandoned: r.abandoned,
    waitMinutes: r.meanWaitMinutes * r.served,
  }));

/**
 * Applications by channel: received online → "online" (eSIN when the programme is the SIN),
 * anything else not made at a counter (mail, partners, email) → "eChannels". Applications made in
 * person are already counted as visits, so they are left out here to avoid counting them twice.
 */
export function applicationChannel(programme: string, channel: string): Channel | null {
  if (channel === 'in_person' || channel === 'counter') return null;
  if (channel === 'online') return programme === 'sin' ? 'esin' : 'online';
  return 'echannels';
}

const applications = async ({ db, from, to }: SourceWindow): Promise<DailyRow[]> =>
  (await getApplicationDailyVolumes({ db, from, to })).flatMap((r) => {
    const channel = applicationChannel(r.programme, r.channel);
    if (!channel) return [];
    return [{ day: r.day, channel, service: r.programme, siteCode: null, province: null, volume: r.received, handled: r.completed, withinTarget: r.completedWithinStandard, abandoned: 0, waitMinutes: 0 }];
  });

/** Calls offered per line ("calls"), and written inquiries ("requests"), from the contact centre. */
const contact = async ({ db, from, to }: SourceWindow): Promise<DailyRow[]> =>
  (await getContactDailyVolumes({ db, from, to })).flatMap((r) => [
    { day: r.day, channel: 'phone_calls' as const, service: r.lineCode, siteCode: null, province: null, volume: r.offered, handled: r.answered, withinTarget: r.answeredWithinTarget, abandoned: r.abandoned, waitMinutes: 0 },
    { day: r.day, channel: 'phone_requests' as const, service: r.lineCode, siteCode: null, province: null, volume: r.inquiries, handled: r.inquiries, withinTarget: r.inquiriesWithinStandard, abandoned: 0, waitMinutes: 0 },
  ]);

export const SOURCES = { in_person: inPerson, applications, contact } as const;
export type SourceName = keyof typeof SOURCES;

/** Every source's rows for the window; a source that fails is reported, the others still show. */
export async function readSources(window: SourceWindow): Promise<{ rows: DailyRow[]; failed: SourceName[] }> {
  const names = Object.keys(SOURCES) as SourceName[];
  const settled = await Promise.allSettled(names.map((name) => SOURCES[name](window)));
  const failed = names.filter((_, i) => settled[i]!.status === 'rejected');
  const rows = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  return { rows, failed };
}
