/** The history per line and day: the demo's year of aggregates, and live days read from the calls. */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Actor } from '../../platform/audit.repo.js';
import { recordAudit } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import { createHolidayCalendar } from '../../platform/holidays.js';
import { createStaffUser } from '../../platform/auth/auth.service.js';
import { systemClock } from '../../platform/clock.js';
import { enrolAgent } from './agents.service.js';
import { DEMO_LINES, generateContactHistory } from './demo/history.js';

export interface ContactDailyVolume {
  day: string;
  lineCode: string;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  callbacksRequested: number;
  inquiries: number;
  inquiriesWithinStandard: number;
}

const BUSINESS_HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '16:30' }));
const AGENTS = ['Amina Diallo', 'Benoît Tremblay', 'Chloé Nguyen', 'David Singh', 'Élise Martin', 'François Roy', 'Grace Lee', 'Hugo Gagnon', 'Isabelle Côté', 'Jonah Smith', 'Karima Haddad', 'Louis Bouchard'];

async function insertLines(db: Db) {
  const lines = await db
    .insertInto('contact_lines')
    .values(DEMO_LINES.map((l) => ({ code: l.code, name_en: l.nameEn, name_fr: l.nameFr, priority: l.priority, hours: l.alwaysOpen ? null : JSON.stringify(BUSINESS_HOURS) })))
    .returning(['id', 'code'])
    .execute();
  return new Map(lines.map((l) => [l.code, l.id]));
}

/** `amina.diallo@contact.demo.guichet.ca`: the demo colleagues' addresses, without accents. */
export const demoAgentEmail = (name: string) => `${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.')}@contact.demo.guichet.ca`;

/** The demo's agents are staff accounts (role agent) on two lines each, enrolled as agents. */
async function createDemoAgents(options: { db: Db; actor: Actor; password: string }) {
  const clock = systemClock;
  for (const [i, name] of AGENTS.entries()) {
    const lines = [DEMO_LINES[i % DEMO_LINES.length]!.code, DEMO_LINES[(i + 1) % DEMO_LINES.length]!.code];
    const languages = i % 3 === 0 ? ['fr'] : ['en', 'fr'];
    const user = await createStaffUser({ db: options.db, actor: options.actor, email: demoAgentEmail(name), displayName: name, role: 'agent', password: options.password, language: i % 3 === 0 ? 'fr' : 'en', assignments: { lines } });
    await enrolAgent({ db: options.db, clock, actor: options.actor, staffUserId: user.id, languages });
  }
}

/**
 * A small sample of the last day's individual calls on the passport line (waits and handle
 * times, no estimates: estimates are only ever recorded live), so recent handle times exist.
 */
async function insertRecentSample(db: Db, lineId: string, endDay: string) {
  const rng = xoroshiro128plus(502);
  const open = Date.parse(`${endDay}T13:30:00Z`);
  const rows = Array.from({ length: 120 }, (_, i) => {
    const arrived = new Date(open + i * 230_000);
    const wait = Math.round(-Math.log(1 - uniformFloat64(rng)) * 900);
    const handle = Math.round(180 + -Math.log(1 - uniformFloat64(rng)) * 240);
    const abandoned = uniformFloat64(rng) < 0.25;
    const answeredAt = new Date(arrived.getTime() + wait * 1000);
    return {
      line_id: lineId,
      from_number: `+1613555${String(1000 + i).slice(-4)}`,
      language: i % 4 === 0 ? ('fr' as const) : ('en' as const),
      kind: i % 10 === 0 ? ('callback' as const) : ('call' as const),
      state: abandoned ? ('abandoned' as const) : ('completed' as const),
      arrived_at: arrived,
      queue_time: arrived,
      answered_at: abandoned ? null : answeredAt,
      connected_at: abandoned ? null : answeredAt,
      ended_at: abandoned ? answeredAt : new Date(answeredAt.getTime() + handle * 1000),
      wait_seconds: abandoned ? null : wait,
      outcome_code: abandoned ? null : 'information_given',
      resolved: abandoned ? null : uniformFloat64(rng) < 0.7,
      updated_at: answeredAt,
    };
  });
  await db.insertInto('contact_calls').values(rows).execute();
}

/** The demo's year of calls, callbacks and inquiries, ending on `endDay` (daily aggregates per line). */
export async function loadDemoContactHistory(options: { db: Db; endDay: string; actor: Actor; /** The demo agents' password (random: they cannot sign in). */ agentPassword?: string }): Promise<void> {
  const existing = await options.db.selectFrom('contact_lines').select('id').where('code', '=', 'passport').executeTakeFirst();
  if (existing) return;
  const holidays = createHolidayCalendar();
  const rows = generateContactHistory({ endDay: options.endDay, isHoliday: (day) => holidays.holidayOn(day, 'ON') !== null });
  await options.db.transaction().execute(async (trx) => {
    const lineIds = await insertLines(trx);
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500).map(({ code, ...row }) => ({ ...row, line_id: lineIds.get(code)! }));
      await trx.insertInto('contact_daily_stats').values(batch).execute();
    }
    await insertRecentSample(trx, lineIds.get('passport')!, options.endDay);
    await recordAudit(trx, options.actor, { action: 'contact.demo_load', details: { lines: DEMO_LINES.length, days: rows.length } });
  });
  await createDemoAgents({ db: options.db, actor: options.actor, password: options.agentPassword ?? randomBytes(24).toString('base64url') });
}

/** Live days: calls and inquiries aggregated per line and local day. */
async function liveVolumes(db: Db, from: string, to: string): Promise<ContactDailyVolume[]> {
  const calls = await sql<{ day: string; code: string; offered: number; answered: number; abandoned: number; within: number; callbacks: number }>`
    select to_char((c.arrived_at at time zone l.time_zone)::date, 'YYYY-MM-DD') as day, l.code,
      count(*) filter (where c.queue_time is not null)::int as offered,
      count(*) filter (where c.connected_at is not null)::int as answered,
      count(*) filter (where c.state = 'abandoned' and c.queue_time is not null)::int as abandoned,
      count(*) filter (where c.connected_at is not null and c.wait_seconds <= l.service_level_seconds)::int as within,
      count(*) filter (where c.kind = 'callback')::int as callbacks
    from contact_calls c join contact_lines l on l.id = c.line_id
    where (c.arrived_at at time zone l.time_zone)::date between ${from}::date and ${to}::date
    group by 1, 2`.execute(db);
  const inquiries = await sql<{ day: string; code: string; received: number; within: number }>`
    select to_char((i.received_at at time zone l.time_zone)::date, 'YYYY-MM-DD') as day, l.code,
      count(*)::int as received,
      count(*) filter (where i.state = 'answered' and (i.answered_at at time zone l.time_zone)::date <= i.due_on)::int as within
    from contact_inquiries i join contact_lines l on l.id = i.line_id
    where (i.received_at at time zone l.time_zone)::date between ${from}::date and ${to}::date
    group by 1, 2`.execute(db);
  const byKey = new Map<string, ContactDailyVolume>();
  const entry = (day: string, code: string) => {
    const key = `${code}|${day}`;
    if (!byKey.has(key)) byKey.set(key, { day, lineCode: code, offered: 0, answered: 0, abandoned: 0, answeredWithinTarget: 0, callbacksRequested: 0, inquiries: 0, inquiriesWithinStandard: 0 });
    return byKey.get(key)!;
  };
  for (const c of calls.rows) Object.assign(entry(c.day, c.code), { offered: c.offered, answered: c.answered, abandoned: c.abandoned, answeredWithinTarget: c.within, callbacksRequested: c.callbacks });
  for (const i of inquiries.rows) Object.assign(entry(i.day, i.code), { inquiries: i.received, inquiriesWithinStandard: i.within });
  return [...byKey.values()];
}

/** Calls and inquiries per day and line (for insights and the standards): stored days first, live days for the rest. */
export async function getContactDailyVolumes(options: { db: Db; from: string; to: string }): Promise<ContactDailyVolume[]> {
  const stored = await options.db
    .selectFrom('contact_daily_stats as s')
    .innerJoin('contact_lines as l', 'l.id', 's.line_id')
    .select(['s.day', 'l.code', 's.offered', 's.answered', 's.abandoned', 's.answered_within_target', 's.callbacks_requested', 's.inquiries', 's.inquiries_within_standard'])
    .where('s.day', '>=', options.from)
    .where('s.day', '<=', options.to)
    .execute();
  const result: ContactDailyVolume[] = stored.map((s) => ({
    day: s.day,
    lineCode: s.code,
    offered: s.offered,
    answered: s.answered,
    abandoned: s.abandoned,
    answeredWithinTarget: s.answered_within_target,
    callbacksRequested: s.callbacks_requested,
    inquiries: s.inquiries,
    inquiriesWithinStandard: s.inquiries_within_standard,
  }));
  const seen = new Set(result.map((r) => `${r.lineCode}|${r.day}`));
  for (const live of await liveVolumes(options.db, options.from, options.to)) if (!seen.has(`${live.lineCode}|${live.day}`)) result.push(live);
  return result.sort((a, b) => a.day.localeCompare(b.day) || a.lineCode.localeCompare(b.lineCode));
}
