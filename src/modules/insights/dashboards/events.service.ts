/** Known events (a work stoppage, a campaign, a closure) that analysts record for the forecast. */
import { recordAudit, actorLabel, type Actor } from '../../../platform/audit.repo.js';
import { isIsoDate } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { listProvinces } from '../../network/index.js';
import * as repo from './events.repo.js';
import { CHANNELS, type Channel } from './sources.js';

export interface EventInput {
  name: string;
  startsOn: string;
  endsOn: string;
  province?: string | undefined;
  channel?: string | undefined;
  effectPercent: number;
}

export interface KnownEvent {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  province: string | null;
  channel: Channel | null;
  effectPercent: number;
}

const toEvent = (row: Awaited<ReturnType<typeof repo.listEvents>>[number]): KnownEvent => ({
  id: row.id,
  name: row.name,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  province: row.province_code,
  channel: row.channel as Channel | null,
  effectPercent: row.effect_percent,
});

async function check(db: Db, input: EventInput): Promise<void> {
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) fields.name = 'insights.events.name_invalid';
  if (!isIsoDate(input.startsOn)) fields.startsOn = 'insights.dashboards.date_invalid';
  if (!isIsoDate(input.endsOn)) fields.endsOn = 'insights.dashboards.date_invalid';
  else if (isIsoDate(input.startsOn) && (input.endsOn < input.startsOn || Date.parse(input.endsOn) - Date.parse(input.startsOn) > 366 * 86_400_000)) fields.endsOn = 'insights.events.ends_invalid';
  if (!Number.isFinite(input.effectPercent) || input.effectPercent < -100 || input.effectPercent > 1000) fields.effectPercent = 'insights.events.effect_invalid';
  if (input.channel && !(CHANNELS as readonly string[]).includes(input.channel)) fields.channel = 'insights.events.channel_invalid';
  if (input.province && !(await listProvinces({ db })).some((p) => p.code === input.province)) fields.province = 'insights.dashboards.province_invalid';
  if (Object.keys(fields).length > 0) throw new AppError('common.invalid_input', 400, {}, fields);
}

/** Records one event, with its audit row, in one transaction. */
export async function recordEvent(options: { db: Db; actor: Actor; input: EventInput }): Promise<KnownEvent> {
  await check(options.db, options.input);
  const { input } = options;
  return options.db.transaction().execute(async (trx) => {
    const row = await repo.insertEvent(trx, {
      name: input.name.trim(),
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      province_code: input.province || null,
      channel: input.channel || null,
      effect_percent: input.effectPercent,
      created_by: actorLabel(options.actor),
    });
    await recordAudit(trx, options.actor, { action: 'insights.event_recorded', entityType: 'insights_event', entityId: row.id, details: { name: row.name, startsOn: row.starts_on, endsOn: row.ends_on, effectPercent: row.effect_percent } });
    return toEvent(row);
  });
}

export async function listKnownEvents(options: { db: Db; from: string; to: string }): Promise<KnownEvent[]> {
  return (await repo.listEvents(options.db, options)).map(toEvent);
}
