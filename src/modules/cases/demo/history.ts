/**
 * The demo's applications: a little over two fiscal years of files, generated in SQL (INSERT …
 * SELECT over generate_series) so tens of thousands load in seconds. Processing times are drawn so
 * that each standard lands near the seeds' figures — passport about 90 % within standard, IRCC
 * lines about 57 % against their 80 % target — and a few files carry an MP office's consent.
 * Random draws are seeded, so every demo is the same.
 */
import { sql } from 'kysely';
import { recordAudit, type Actor } from '../../../platform/audit.repo.js';
import type { Db } from '../../../platform/db/database.js';
import { isBusinessDay, shiftDay } from '../business-days.js';
import { fiscalYearStart, MIX, STAGE_PATHS } from './mix.js';

/** Far enough past the end for the slowest drawn file's expected and completion days. */
const CALENDAR_TAIL_DAYS = 800;
const LEAD_MAX = Math.max(...MIX.map((m) => m.leadDays));

/**
 * Every province's calendar from `from` on: each day with the number of business days up to it,
 * so that counting business days in SQL is a join (a business day's `n` names it uniquely).
 */
async function createCalendar(trx: Db, provinces: string[], from: string, days: number) {
  await sql`create temp table demo_calendar (province text not null, day date not null, n integer not null, business boolean not null, primary key (province, day)) on commit drop`.execute(trx);
  for (const province of provinces) {
    const rows: string[] = [];
    for (let i = 0, n = 0; i < days; i++) {
      const day = shiftDay(from, i);
      const business = isBusinessDay(day, province);
      if (business) n += 1;
      rows.push(`${day}|${n}|${business ? 't' : 'f'}`);
    }
    await sql`insert into demo_calendar select ${province}, split_part(v, '|', 1)::date, split_part(v, '|', 2)::int, split_part(v, '|', 3)::boolean from unnest(${rows}::text[]) v`.execute(trx);
  }
  await sql`create unique index on demo_calendar (province, n) where business`.execute(trx);
}

/** One row per file: type, channel, site, received business day, drawn duration. */
async function drawFiles(trx: Db, from: string, endDay: string) {
  const mix = JSON.stringify(MIX);
  await sql`select setseed(0.2026)`.execute(trx);
  await sql`create temp table demo_sites on commit drop as
    select id, province_code, (row_number() over (order by code))::int as k from service_points where type = 'passport_site' and status <> 'closed'`.execute(trx);
  await sql`create temp table demo_files on commit drop as
    with mix as (select * from jsonb_to_recordset(${mix}::jsonb) as m(type text, programme text, channel text, "perDay" numeric, "withinRate" numeric, std int, "lateDays" int, prefix text, "leadDays" int)),
    days as (select day from demo_calendar where province = 'ON' and business and day between ${from}::date - ${LEAD_MAX}::int and ${endDay}::date),
    sites as (select count(*)::int as n from demo_sites),
    raw as (
      select m.*, d.day, random() as r_on_time, random() as r_span, random() as r_site, random() as r_person
      from mix m join days d on d.day >= ${from}::date - m."leadDays"
      cross join lateral generate_series(1, greatest(0, round(m."perDay" * (0.6 + 0.8 * random()))::int)) g(i)
    )
    select (row_number() over (order by raw.day, raw.type))::int as seq, raw.*, s.id as site_id, coalesce(s.province_code, 'ON') as province, c.n as n_received,
      case when raw.r_on_time < raw."withinRate" then 1 + floor(raw.r_span * raw.std)::int else raw.std + 1 + floor(raw.r_span * raw."lateDays")::int end as duration
    from raw cross join sites
    left join demo_sites s on raw.channel = 'in_person' and s.k = 1 + floor(raw.r_site * sites.n)::int
    join demo_calendar c on c.province = coalesce(s.province_code, 'ON') and c.day = raw.day`.execute(trx);
}

const SURNAMES = ['Tremblay', 'Smith', 'Roy', 'Nguyen', 'Gagnon', 'Singh', 'Côté', 'Brown', 'Bouchard', 'Wilson', 'Haddad', 'Lee', 'Gauthier', 'Martin', 'Patel', 'Morin'];
const GIVEN = ['Marie', 'Jean', 'Amira', 'Liam', 'Sophie', 'Noah', 'Chloé', 'Olivia', 'Mohamed', 'Léa', 'Ethan', 'Priya', 'Félix', 'Emma', 'Wei', 'Gabriel'];

async function insertApplications(trx: Db, endDay: string) {
  const paths = JSON.stringify(STAGE_PATHS);
  await sql`insert into applications (number, type_code, programme_code, channel, site_id, assigned_site_id, province_code, surname, given_names, date_of_birth, language, stage_code, state,
      received_at, expected_by, completed_at, completed_day, within_standard, decision, decision_note, decided_at, updated_at)
    select f.prefix || lpad(((f.seq::bigint * 7919 + 104729) % 1000000000)::text, 9, '0'), f.type, f.programme, f.channel, f.site_id, f.site_id, f.province,
      (${SURNAMES}::text[])[1 + floor(random() * ${SURNAMES.length})::int], (${GIVEN}::text[])[1 + floor(random() * ${GIVEN.length})::int],
      date '1945-01-01' + floor(random() * 24000)::int, case when f.r_person < 0.25 then 'fr' else 'en' end,
      case when done.day is null then p.open_stages[1 + least(array_length(p.open_stages, 1) - 1, floor((${endDay}::date - f.day) * array_length(p.open_stages, 1)::numeric / (f.std * 7 / 5 + 1))::int)]
        when f.channel = 'in_person' and f.programme = 'passport' and done.day + 5 <= ${endDay}::date then 'picked_up' else p.done_stage end,
      case when done.day is null then 'open' else 'completed' end,
      f.day + time '13:00' + (f.r_span * interval '6 hours'), expected.day,
      done.day + time '19:00', done.day, case when done.day is null then null else f.duration <= f.std end,
      case when done.day is not null and f.programme in ('citizenship', 'immigration') then case when f.r_person > 0.92 then 'refused' else 'approved' end end,
      case when done.day is not null and f.programme in ('citizenship', 'immigration') then
        case when f.r_person > 0.92 then 'We could not approve your application because a required document was missing. You may apply again.'
        else 'Your application is approved. Your document will reach you by mail within two weeks.' end end,
      case when done.day is not null and f.programme in ('citizenship', 'immigration') then done.day + time '18:00' end,
      coalesce(done.day + time '19:00', f.day + time '13:00')
    from demo_files f
    join jsonb_to_recordset(${paths}::jsonb) as p(type text, channel text, open_stages text[], done_stage text) on p.type = f.type and p.channel = f.channel
    join demo_calendar expected on expected.province = f.province and expected.business and expected.n = f.n_received + f.std
    left join demo_calendar done on done.province = f.province and done.business and done.n = f.n_received + f.duration and done.day <= ${endDay}::date`.execute(trx);
}

/** The history of each file: one row per stage reached, spread over the time it has taken so far. */
async function insertEvents(trx: Db, endDay: string) {
  await sql`insert into application_events (application_id, occurred_at, type, from_stage, to_stage, reason, actor, public, details)
    select a.id, a.received_at + (coalesce(a.completed_at, ${endDay}::date + time '17:00') - a.received_at) * ((s.position - 1)::numeric / greatest(cur.position - 1, 1)),
      case when s.position = 1 then 'received' else 'stage' end, null, s.code, null, 'system:seed', true, '{}'::jsonb
    from applications a
    join application_stages cur on cur.type_code = a.type_code and cur.code = a.stage_code
    join application_stages s on s.type_code = a.type_code and s.position <= cur.position and (s.channel is null or s.channel = a.channel)`.execute(trx);
}

/**
 * The demo's case team works at one service centre, which receives and handles about a third of
 * its province's in-person passport files: its agent's inventory and QA sample are not empty.
 */
async function handleAtHomeSite(trx: Db, siteCode: string) {
  await sql`update applications a set site_id = h.id, assigned_site_id = h.id
    from service_points h
    where h.code = ${siteCode} and a.province_code = h.province_code and a.channel = 'in_person' and a.programme_code = 'passport' and right(a.number, 1) in ('0', '3', '6')`.execute(trx);
}

async function insertConsents(trx: Db, endDay: string) {
  const partner = await trx.selectFrom('staff_users').select('id').where('role', '=', 'partner').orderBy('created_at').executeTakeFirst();
  const mp = await trx.insertInto('partner_offices').values({ kind: 'mp', name_en: 'Office of the MP for Ottawa Centre', name_fr: 'Bureau du député d’Ottawa-Centre' }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('partner_offices').values({ kind: 'senator', name_en: 'Office of Senator Ontario', name_fr: 'Bureau de la sénatrice de l’Ontario' }).execute();
  if (partner) await trx.insertInto('partner_office_members').values({ office_id: mp.id, user_id: partner.id }).execute();
  // A dozen open files with a running consent, and three whose consent has lapsed (the office no longer sees them).
  await sql`insert into delegation_consents (application_id, office_id, granted_on, expires_on, recorded_by, created_at)
    select id, ${mp.id}, received_at::date, case when k <= 12 then ${endDay}::date + 180 else ${endDay}::date - 3 end, 'system:seed', received_at
    from (select id, received_at, row_number() over (order by number) as k from applications where state = 'open' and province_code = 'ON' limit 15) chosen`.execute(trx);
}

export async function loadDemoApplications(options: { db: Db; endDay: string; actor: Actor; homeSite?: string | undefined }): Promise<{ files: number }> {
  return options.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('applications').select('id').limit(1).executeTakeFirst()) return { files: 0 };
    const from = fiscalYearStart(options.endDay, 2);
    const provinces = (await trx.selectFrom('provinces').select('code').execute()).map((p) => p.code);
    await createCalendar(trx, provinces, shiftDay(from, -LEAD_MAX - 7), Math.round((Date.parse(options.endDay) - Date.parse(from)) / 86_400_000) + LEAD_MAX + CALENDAR_TAIL_DAYS);
    await drawFiles(trx, from, options.endDay);
    await insertApplications(trx, options.endDay);
    if (options.homeSite) await handleAtHomeSite(trx, options.homeSite);
    await insertEvents(trx, options.endDay);
    await insertConsents(trx, options.endDay);
    const { n } = await trx.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await recordAudit(trx, options.actor, { action: 'cases.demo_loaded', entityType: 'application', details: { files: Number(n), from, to: options.endDay } });
    return { files: Number(n) };
  });
}
