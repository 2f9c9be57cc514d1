/** Public API of the cases module (issue 6): application types, case work, the status tracker, delegated access. */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Actor } from '../../platform/audit.repo.js';
import type { Db } from '../../platform/db/database.js';
import type { ModuleDeps } from '../../platform/deps.js';
import { fixedClock, type Clock } from '../../platform/clock.js';
import type { Guard } from '../../platform/throttle/throttle.service.js';
import { loadCatalogue, stageOf } from './catalogue.js';
import type { StageReached } from '../qa/index.js';
import { registerCasesRoutes } from './cases.routes.js';
import { loadDemoApplications } from './demo/history.js';
import { sendChangeNotice } from './notices.service.js';
import { findForClient } from './status.service.js';
import { CASE_PAGES, registerCasePages } from './ui/pages.js';

export { CASE_PAGES };
export { STATUS_POLICY } from '../../platform/throttle/policy.js';
export { createOffice, listDelegatedFiles, recordConsent } from './delegation.service.js';

export function registerCasesModule(app: FastifyInstance, deps: ModuleDeps): void {
  const trackerUrl = (language: 'en' | 'fr') => new URL(deps.shell.pages.path(CASE_PAGES.status, language), deps.config.publicUrl).toString();
  const noticeDeps = { db: deps.database.db, mailer: deps.mailer, i18n: deps.i18n, trackerUrl, log: (error: unknown) => app.log.error({ err: error }, 'case notice failed') };
  const hooks = { changed: (file: Parameters<typeof sendChangeNotice>[1], change: Parameters<typeof sendChangeNotice>[2]) => void sendChangeNotice(noticeDeps, file, change) };
  registerCasesRoutes(app, deps, hooks);
  registerCasePages(app, deps, hooks);
}

/**
 * The demo's two fiscal years of applications, QA sample and consents, ending on `endDay`; some of
 * the in-person files of `homeSite`'s province (a service point code) are handled there.
 */
export async function loadDemoCases(options: { db: Db; endDay: string; actor: Actor; homeSite?: string | undefined }): Promise<void> {
  await loadDemoApplications(options);
}

/** What the contact centre's automated self-service says about one application. */
export interface SelfServiceStatus {
  applicationNumber: string;
  type: { en: string; fr: string };
  stage: { en: string; fr: string };
  /** `YYYY-MM-DD`, or null when no date can be promised. */
  expectedBy: string | null;
  late: boolean;
}

/**
 * The status look-up behind the contact centre's self-service option: the same rules as the public
 * tracker (null for every miss, audited, 429 `cases.status_rate_limited` when throttled). `caller`
 * is what the throttle counts against in place of a network address (the contact module passes
 * the caller's number).
 */
export async function lookUpStatus(options: { db: Db; clock: Clock; guard: Guard; applicationNumber: string; dateOfBirth: string; actor: Actor; caller: string }): Promise<SelfServiceStatus | null> {
  const now = options.clock.now();
  const { db, guard, actor, caller } = options;
  const file = await findForClient({ db, guard, actor, caller, clock: fixedClock(now), applicationNumber: options.applicationNumber, dateOfBirth: options.dateOfBirth, channel: 'self_service' });
  if (!file) return null;
  const type = (await loadCatalogue(options.db)).get(file.type_code)!;
  const stage = stageOf(type, file.stage_code)!;
  const today = now.toISOString().slice(0, 10);
  return {
    applicationNumber: file.number,
    type: type.name,
    stage: { en: stage.name_en, fr: stage.name_fr },
    expectedBy: file.state === 'closed' ? null : file.expected_by,
    late: file.completed_day ? file.completed_day > file.expected_by : today > file.expected_by,
  };
}

/** Applications received and completed per day, programme and channel (for insights). Filled in by issue 6. */
export async function getApplicationDailyVolumes(options: { db: Db; from: string; to: string }): Promise<
  { day: string; programme: string; channel: string; received: number; completed: number; completedWithinStandard: number }[]
> {
  const result = await sql<{ day: string; programme: string; channel: string; received: number; completed: number; completedWithinStandard: number }>`
    with received as (
      select (received_at at time zone 'America/Toronto')::date as day, programme_code, channel, count(*)::int as n
      from applications
      where received_at >= (${options.from}::date - 1)::timestamptz and received_at < (${options.to}::date + 2)::timestamptz
      group by 1, 2, 3
    ), completed as (
      select completed_day as day, programme_code, channel, count(*)::int as n, count(*) filter (where within_standard)::int as within
      from applications
      where completed_day between ${options.from}::date and ${options.to}::date
      group by 1, 2, 3
    )
    select coalesce(r.day, c.day)::text as day, coalesce(r.programme_code, c.programme_code) as programme, coalesce(r.channel, c.channel) as channel,
      coalesce(r.n, 0) as received, coalesce(c.n, 0) as completed, coalesce(c.within, 0) as "completedWithinStandard"
    from (select * from received where day between ${options.from}::date and ${options.to}::date) r
    full join completed c on c.day = r.day and c.programme_code = r.programme_code and c.channel = r.channel
    order by 1, 2, 3`.execute(options.db);
  return result.rows;
}


/**
 * Every time a file of a programme reached a stage, as the QA sampler sees a stage move: what the
 * seed hands the QA module to draw the demo history's sample by the same rule.
 */
export async function listStageArrivals(options: { db: Db; programme: string; stage: string }): Promise<StageReached[]> {
  const result = await sql<{ applicationId: string; applicationNumber: string; typeCode: string; siteId: string | null; agentId: string | null; at: Date }>`
    select a.id as "applicationId", a.number as "applicationNumber", a.type_code as "typeCode",
      coalesce(a.assigned_site_id, a.site_id)::text as "siteId", a.assigned_agent_id::text as "agentId", e.occurred_at as at
    from application_events e join applications a on a.id = e.application_id
    where a.programme_code = ${options.programme} and e.to_stage = ${options.stage} and e.type in ('received', 'stage')
    order by e.occurred_at, e.id`.execute(options.db);
  return result.rows.map((row) => ({ ...row, programme: options.programme, stage: options.stage, at: new Date(row.at) }));
}
