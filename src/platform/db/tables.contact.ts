/**
 * The tables of the contact centre (`src/modules/contact`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const AGENT_STATES = ['offline', 'available', 'on_call', 'wrap_up', 'break'] as const;
export type AgentState = (typeof AGENT_STATES)[number];
export const CALL_STATES = ['arrived', 'waiting', 'callback', 'dialling', 'connected', 'completed', 'abandoned', 'self_service', 'unreachable'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** One weekly opening in the line's zone; ISO weekday 1 = Monday … 7 = Sunday. */
export interface LineOpening {
  weekday: number;
  opens: string;
  closes: string;
}

export interface ContactLinesTable {
  id: Generated<string>;
  code: string;
  name_en: string;
  name_fr: string;
  time_zone: Defaulted<string>;
  hours: ColumnType<LineOpening[] | null, string | null | undefined, string | null>;
  languages: Defaulted<string[]>;
  priority: Defaulted<number>;
  province_code: Defaulted<string>;
  inquiry_due_days: Defaulted<number>;
  service_level_seconds: Defaulted<number>;
  callback_attempts: Defaulted<number>;
  callback_retry_seconds: Defaulted<number>;
  created_at: CreatedAt;
}
export type ContactLine = Selectable<ContactLinesTable>;

export interface ContactAgentsTable {
  id: Generated<string>;
  name: string;
  languages: string[];
  state: Defaulted<AgentState>;
  state_since: Timestamp;
  current_call_id: string | null;
  created_at: CreatedAt;
  /** The staff account this agent is (migrations/0022); null only for agents recorded before. */
  staff_user_id: ColumnType<string | null, string | null | undefined, string | null>;
}
export type ContactAgent = Selectable<ContactAgentsTable>;

export interface ContactAgentLinesTable {
  agent_id: string;
  line_id: string;
}

export interface ContactCallsTable {
  id: Generated<string>;
  line_id: string;
  from_number: string;
  language: 'en' | 'fr';
  kind: Defaulted<'call' | 'callback'>;
  state: CallState;
  arrived_at: ColumnType<Date, Date | string, Date | string>;
  queue_time: NullableTimestamp;
  eligible_at: NullableTimestamp;
  callback_number: string | null;
  window_end: NullableTimestamp;
  attempts: Defaulted<number>;
  agent_id: string | null;
  answered_at: NullableTimestamp;
  connected_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  outcome_code: string | null;
  resolved: boolean | null;
  transferred_from_line_id: string | null;
  estimate_seconds: number | null;
  estimate_asterisk_seconds: number | null;
  estimate_genesys_seconds: number | null;
  wait_seconds: number | null;
  updated_at: Timestamp;
}
export type ContactCall = Selectable<ContactCallsTable>;

export interface ContactCallEventsTable {
  id: Generated<number>;
  call_id: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  type: string;
  agent_id: string | null;
  actor: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ContactInquiriesTable {
  id: Generated<string>;
  reference: string;
  line_id: string;
  channel: 'web' | 'email';
  language: 'en' | 'fr';
  name: string;
  email: string;
  subject: string;
  body: string;
  received_at: ColumnType<Date, Date | string, never>;
  due_on: string;
  state: Defaulted<'open' | 'answered'>;
  answered_at: NullableTimestamp;
  answered_by: string | null;
  reply_template: string | null;
  reply_text: string | null;
}
export type ContactInquiry = Selectable<ContactInquiriesTable>;

export interface ContactDailyStatsTable {
  line_id: string;
  day: string;
  offered: number;
  answered: number;
  abandoned: number;
  answered_within_target: number;
  callbacks_requested: number;
  self_service: number;
  inquiries: number;
  inquiries_within_standard: number;
  mean_wait_seconds: number;
  mean_handle_seconds: number;
}

export interface ContactTables {
  contact_lines: ContactLinesTable;
  contact_agents: ContactAgentsTable;
  contact_agent_lines: ContactAgentLinesTable;
  contact_calls: ContactCallsTable;
  contact_call_events: ContactCallEventsTable;
  contact_inquiries: ContactInquiriesTable;
  contact_daily_stats: ContactDailyStatsTable;
}

export const CONTACT_COLUMNS: { [T in keyof ContactTables]: (keyof ContactTables[T])[] } = {
  contact_lines: ['id', 'code', 'name_en', 'name_fr', 'time_zone', 'hours', 'languages', 'priority', 'province_code', 'inquiry_due_days', 'service_level_seconds', 'callback_attempts', 'callback_retry_seconds', 'created_at'],
  contact_agents: ['id', 'name', 'languages', 'state', 'state_since', 'current_call_id', 'created_at', 'staff_user_id'],
  contact_agent_lines: ['agent_id', 'line_id'],
  contact_calls: [
    'id', 'line_id', 'from_number', 'language', 'kind', 'state', 'arrived_at', 'queue_time', 'eligible_at', 'callback_number', 'window_end', 'attempts', 'agent_id', 'answered_at', 'connected_at',
    'ended_at', 'outcome_code', 'resolved', 'transferred_from_line_id', 'estimate_seconds', 'estimate_asterisk_seconds', 'estimate_genesys_seconds', 'wait_seconds', 'updated_at',
  ],
  contact_call_events: ['id', 'call_id', 'occurred_at', 'type', 'agent_id', 'actor', 'details'],
  contact_inquiries: ['id', 'reference', 'line_id', 'channel', 'language', 'name', 'email', 'subject', 'body', 'received_at', 'due_on', 'state', 'answered_at', 'answered_by', 'reply_template', 'reply_text'],
  contact_daily_stats: [
    'line_id', 'day', 'offered', 'answered', 'abandoned', 'answered_within_target', 'callbacks_requested', 'self_service', 'inquiries', 'inquiries_within_standard', 'mean_wait_seconds', 'mean_handle_seconds',
  ],
};
