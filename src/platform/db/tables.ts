/**
 * The typed shape of every table, for Kysely. `tables.test.ts` compares it with the live schema
 * that the migrations build, on both engines, so the two cannot drift apart.
 * Each module adds its tables in its own section.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import { CASES_COLUMNS, type CasesTables } from './tables.cases.js';
import { CONTACT_COLUMNS, type ContactTables } from './tables.contact.js';
import { INSIGHTS_COLUMNS, type InsightsTables } from './tables.insights.js';
import { QA_COLUMNS, type QaTables } from './tables.qa.js';
import { THROTTLE_COLUMNS, type ThrottleTables } from './tables.throttle.js';
import { STAFF_SESSIONS_OIDC_COLUMNS, STAFF_USERS_OIDC_COLUMNS, type StaffSessionsOidcColumns, type StaffUsersOidcColumns } from './tables.oidc.js';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const ROLES = ['reception', 'agent', 'supervisor', 'qa_reviewer', 'analyst', 'admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];
export type Language = 'en' | 'fr';

// ── platform ────────────────────────────────────────────────────────────────────────────────
export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: CreatedAt;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface StaffUsersTable extends StaffUsersOidcColumns {
  id: Generated<string>;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  preferred_language: ColumnType<Language, Language | undefined, Language>;
  disabled_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  national: ColumnType<boolean, boolean | undefined, boolean>;
  site_ids: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  programmes: ColumnType<string[], string[] | undefined, string[]>;
  lines: ColumnType<string[], string[] | undefined, string[]>;
}
export type StaffUser = Selectable<StaffUsersTable>;

export interface StaffSessionsTable extends StaffSessionsOidcColumns {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  role: Role;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  national: ColumnType<boolean, boolean | undefined, boolean>;
  site_ids: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  programmes: ColumnType<string[], string[] | undefined, string[]>;
  lines: ColumnType<string[], string[] | undefined, string[]>;
}

export type ActorType = 'user' | 'token' | 'public' | 'system';
export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string | undefined, never>;
}
export type AuditEntry = Selectable<AuditLogTable>;

// ── network ─────────────────────────────────────────────────────────────────────────────────
export const SERVICE_POINT_TYPES = ['scc', 'scc_consolidated', 'passport_site', 'outreach_site', 'partnership_site'] as const;
export type ServicePointType = (typeof SERVICE_POINT_TYPES)[number];
export const SERVICE_POINT_STATUSES = ['open', 'temporarily_closed', 'suspended', 'reactivated', 'closed'] as const;
export type ServicePointStatus = (typeof SERVICE_POINT_STATUSES)[number];

export const JURISDICTIONS = ['federal', 'provincial', 'municipal', 'ngo'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export const COORDINATE_PRECISIONS = ['exact', 'street', 'postal_code', 'community'] as const;
export type CoordinatePrecision = (typeof COORDINATE_PRECISIONS)[number];
export const PARTNERSHIP_MODELS = ['referral', 'co_location', 'shared_space', 'integrated'] as const;
export type PartnershipModel = (typeof PARTNERSHIP_MODELS)[number];

export interface ProvincesTable {
  code: string;
  name_en: string;
  name_fr: string;
  default_time_zone: string;
  sort_order: number;
}

export interface ServicesTable {
  code: string;
  programme: string;
  name_en: string;
  name_fr: string;
  sort_order: number;
}

export interface ServicePointsTable {
  id: Generated<string>;
  code: string;
  type: ServicePointType;
  name_en: string;
  name_fr: string;
  address_line: string;
  city: string;
  province_code: string;
  postal_code: string | null;
  latitude: number;
  longitude: number;
  time_zone: string;
  counters: ColumnType<number, number | undefined, number>;
  yearly_volume: number | null;
  status: ColumnType<ServicePointStatus, ServicePointStatus | undefined, ServicePointStatus>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  external_id: string;
  jurisdiction: ColumnType<Jurisdiction, Jurisdiction | undefined, Jurisdiction>;
  partner_name: string | null;
  coordinate_precision: ColumnType<CoordinatePrecision, CoordinatePrecision | undefined, CoordinatePrecision>;
}
export type NewServicePoint = Insertable<ServicePointsTable>;

export interface ServicePointServicesTable {
  service_point_id: string;
  service_code: string;
}

export interface ServicePointHoursTable {
  service_point_id: string;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export interface ServicePointStatusHistoryTable {
  id: Generated<number>;
  service_point_id: string;
  status: ServicePointStatus;
  reason: string | null;
  effective_on: string;
  recorded_at: CreatedAt;
  recorded_by: string | null;
}

export interface ServicePointPartnersTable {
  id: Generated<string>;
  service_point_id: string;
  name_en: string;
  name_fr: string;
  partner_type: Jurisdiction;
  model: PartnershipModel;
}

export interface OutreachSchedulesTable {
  id: Generated<string>;
  service_point_id: string;
  rule: string;
  starts_on: string;
  ends_on: string | null;
  opens_at: string;
  closes_at: string;
  host_community: string;
  created_at: CreatedAt;
}

export interface ServicePointClosuresTable {
  service_point_id: string;
  day: string;
  reason: string;
}

export interface ServicePointFeaturesTable {
  service_point_id: string;
  feature: string;
}

export interface ServicePointLanguagesTable {
  service_point_id: string;
  language: string;
}

export interface NetworkReactivationPlanTable {
  week_start: string;
  planned_active: number;
  note: string | null;
}

// ── visits ──────────────────────────────────────────────────────────────────────────────────
export const VISIT_CHANNELS = ['walk_in', 'remote', 'appointment'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];
export const VISIT_STATES = ['waiting', 'called', 'on_hold', 'completed', 'no_show', 'left', 'closed'] as const;
export type VisitState = (typeof VISIT_STATES)[number];
export const VISIT_DESTINATIONS = ['counter', 'self_service', 'priority'] as const;
export type VisitDestination = (typeof VISIT_DESTINATIONS)[number];
export const ROLLOVER_POLICIES = ['close', 'carry_over'] as const;
export type RolloverPolicy = (typeof ROLLOVER_POLICIES)[number];

export interface VisitSiteSettingsTable {
  service_point_id: string;
  rollover_policy: ColumnType<RolloverPolicy, RolloverPolicy | undefined, RolloverPolicy>;
  wait_target_minutes: ColumnType<number, number | undefined, number>;
  max_pass_over_minutes: ColumnType<number, number | undefined, number>;
  notify_when_ahead: ColumnType<number, number | undefined, number>;
  last_rollover_day: string | null;
  updated_at: Timestamp;
}

export interface VisitCountersTable {
  id: Generated<string>;
  service_point_id: string;
  name: string;
  opened_by: string;
  opened_at: ColumnType<Date, Date | string, never>;
  closed_at: NullableTimestamp;
}

export interface VisitCounterServicesTable {
  counter_id: string;
  service_code: string;
}

export interface VisitTicketSequencesTable {
  service_point_id: string;
  service_day: string;
  prefix: string;
  last_number: number;
}

export interface VisitsTable {
  id: Generated<string>;
  service_point_id: string;
  service_day: string;
  ticket: string;
  service_code: string;
  channel: VisitChannel;
  language: Language;
  needs: ColumnType<string[], string | undefined, string>;
  destination: VisitDestination;
  priority: ColumnType<boolean, boolean | undefined, boolean>;
  state: VisitState;
  arrived_at: ColumnType<Date, Date | string, Date | string>;
  checked_in_at: NullableTimestamp;
  appointment_at: NullableTimestamp;
  running_late: ColumnType<boolean, boolean | undefined, boolean>;
  counter_id: string | null;
  first_called_at: NullableTimestamp;
  called_at: NullableTimestamp;
  call_count: ColumnType<number, number | undefined, number>;
  completed_at: NullableTimestamp;
  outcome_code: string | null;
  estimate_min_minutes: number | null;
  estimate_max_minutes: number | null;
  public_token: string;
  contact: ColumnType<VisitContact, string | undefined, string>;
  notified_at: NullableTimestamp;
  updated_at: Timestamp;
}
export type Visit = Selectable<VisitsTable>;
export interface VisitContact {
  email?: string;
  phone?: string;
}

export interface VisitEventsTable {
  id: Generated<number>;
  visit_id: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  type: string;
  counter_id: string | null;
  actor: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  response: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | string, never>;
}

export interface VisitFeedbackTable {
  visit_id: string;
  rating: number;
  comment: string | null;
  language: Language;
  submitted_at: ColumnType<Date, Date | string, never>;
}

export interface VisitDailyStatsTable {
  service_point_id: string;
  service_day: string;
  arrivals: number;
  served: number;
  abandoned: number;
  served_within_target: number;
  mean_wait_minutes: number;
  p90_wait_minutes: number;
  mean_service_minutes: number;
}

// ── appointments ────────────────────────────────────────────────────────────────────────────
export const APPOINTMENT_STATES = ['booked', 'cancelled', 'checked_in', 'no_show'] as const;
export type AppointmentState = (typeof APPOINTMENT_STATES)[number];

export interface AppointmentSiteSettingsTable {
  service_point_id: string;
  counters: number;
  lead_minutes: ColumnType<number, number | undefined, number>;
  horizon_days: ColumnType<number, number | undefined, number>;
  grace_minutes: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

export interface AppointmentServicesTable {
  service_point_id: string;
  service_code: string;
  bookable: boolean;
  slot_minutes: number;
}

export interface AppointmentBlackoutsTable {
  service_point_id: string;
  day: string;
  reason: string;
}

export interface AppointmentsTable {
  id: Generated<string>;
  reference: string;
  service_point_id: string;
  service_code: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  language: Language;
  email: string;
  phone: string | null;
  state: AppointmentState;
  visit_id: string | null;
  sequence: ColumnType<number, number | undefined, number>;
  reminder_sent_at: NullableTimestamp;
  created_at: ColumnType<Date, Date | string, never>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}
export type Appointment = Selectable<AppointmentsTable>;

export interface AppointmentEventsTable {
  id: Generated<number>;
  appointment_id: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  type: string;
  actor: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** Staff serving appointments per weekday window (local HH:MM). */
export interface AppointmentRosterTable {
  service_point_id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
  staff: number;
}

/** Every table. The later capabilities keep theirs in `tables.<module>.ts` beside this file. */
export interface Tables extends ContactTables, CasesTables, QaTables, InsightsTables, ThrottleTables {
  schema_migrations: SchemaMigrationsTable;
  platform_settings: PlatformSettingsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  provinces: ProvincesTable;
  services: ServicesTable;
  service_points: ServicePointsTable;
  service_point_services: ServicePointServicesTable;
  service_point_hours: ServicePointHoursTable;
  service_point_status_history: ServicePointStatusHistoryTable;
  service_point_partners: ServicePointPartnersTable;
  network_reactivation_plan: NetworkReactivationPlanTable;
  outreach_schedules: OutreachSchedulesTable;
  service_point_closures: ServicePointClosuresTable;
  service_point_features: ServicePointFeaturesTable;
  service_point_languages: ServicePointLanguagesTable;
  visit_site_settings: VisitSiteSettingsTable;
  visit_counters: VisitCountersTable;
  visit_counter_services: VisitCounterServicesTable;
  visit_ticket_sequences: VisitTicketSequencesTable;
  visits: VisitsTable;
  visit_events: VisitEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  visit_feedback: VisitFeedbackTable;
  visit_daily_stats: VisitDailyStatsTable;
  appointment_site_settings: AppointmentSiteSettingsTable;
  appointment_services: AppointmentServicesTable;
  appointment_blackouts: AppointmentBlackoutsTable;
  appointments: AppointmentsTable;
  appointment_events: AppointmentEventsTable;
  appointment_roster: AppointmentRosterTable;
}

/** Column names per table, checked against information_schema by tables.test.ts. */
export const TABLE_COLUMNS: { [T in keyof Tables]: (keyof Tables[T])[] } = {
  schema_migrations: ['version', 'name', 'applied_at'],
  platform_settings: ['key', 'value', 'updated_at'],
  staff_users: ['id', 'email', 'display_name', 'role', 'password_hash', 'preferred_language', 'disabled_at', 'created_at', 'updated_at', 'national', 'site_ids', 'regions', 'programmes', 'lines', ...STAFF_USERS_OIDC_COLUMNS],
  staff_sessions: ['token_hash', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent', ...STAFF_SESSIONS_OIDC_COLUMNS],
  api_tokens: ['id', 'name', 'role', 'token_hash', 'created_at', 'last_used_at', 'revoked_at', 'national', 'site_ids', 'regions', 'programmes', 'lines'],
  audit_log: ['id', 'occurred_at', 'actor_type', 'actor_id', 'action', 'entity_type', 'entity_id', 'ip', 'request_id', 'details'],
  provinces: ['code', 'name_en', 'name_fr', 'default_time_zone', 'sort_order'],
  services: ['code', 'programme', 'name_en', 'name_fr', 'sort_order'],
  service_points: ['id', 'code', 'type', 'name_en', 'name_fr', 'address_line', 'city', 'province_code', 'postal_code', 'latitude', 'longitude', 'time_zone', 'counters', 'yearly_volume', 'status', 'is_demo', 'created_at', 'updated_at', 'external_id', 'jurisdiction', 'partner_name', 'coordinate_precision'],
  service_point_services: ['service_point_id', 'service_code'],
  service_point_hours: ['service_point_id', 'weekday', 'opens_at', 'closes_at'],
  service_point_status_history: ['id', 'service_point_id', 'status', 'reason', 'effective_on', 'recorded_at', 'recorded_by'],
  service_point_partners: ['id', 'service_point_id', 'name_en', 'name_fr', 'partner_type', 'model'],
  network_reactivation_plan: ['week_start', 'planned_active', 'note'],
  outreach_schedules: ['id', 'service_point_id', 'rule', 'starts_on', 'ends_on', 'opens_at', 'closes_at', 'host_community', 'created_at'],
  service_point_closures: ['service_point_id', 'day', 'reason'],
  service_point_features: ['service_point_id', 'feature'],
  service_point_languages: ['service_point_id', 'language'],
  visit_site_settings: ['service_point_id', 'rollover_policy', 'wait_target_minutes', 'max_pass_over_minutes', 'notify_when_ahead', 'last_rollover_day', 'updated_at'],
  visit_counters: ['id', 'service_point_id', 'name', 'opened_by', 'opened_at', 'closed_at'],
  visit_counter_services: ['counter_id', 'service_code'],
  visit_ticket_sequences: ['service_point_id', 'service_day', 'prefix', 'last_number'],
  visits: ['id', 'service_point_id', 'service_day', 'ticket', 'service_code', 'channel', 'language', 'needs', 'destination', 'priority', 'state', 'arrived_at', 'checked_in_at', 'appointment_at', 'running_late', 'counter_id', 'first_called_at', 'called_at', 'call_count', 'completed_at', 'outcome_code', 'estimate_min_minutes', 'estimate_max_minutes', 'public_token', 'contact', 'notified_at', 'updated_at'],
  visit_events: ['id', 'visit_id', 'occurred_at', 'type', 'counter_id', 'actor', 'details'],
  idempotency_keys: ['scope', 'key', 'response', 'created_at'],
  visit_feedback: ['visit_id', 'rating', 'comment', 'language', 'submitted_at'],
  appointment_site_settings: ['service_point_id', 'counters', 'lead_minutes', 'horizon_days', 'grace_minutes', 'updated_at'],
  appointment_services: ['service_point_id', 'service_code', 'bookable', 'slot_minutes'],
  appointment_blackouts: ['service_point_id', 'day', 'reason'],
  appointments: ['id', 'reference', 'service_point_id', 'service_code', 'starts_at', 'ends_at', 'language', 'email', 'phone', 'state', 'visit_id', 'sequence', 'reminder_sent_at', 'created_at', 'updated_at'],
  appointment_events: ['id', 'appointment_id', 'occurred_at', 'type', 'actor', 'details'],
  appointment_roster: ['service_point_id', 'weekday', 'starts_at', 'ends_at', 'staff'],
  visit_daily_stats: ['service_point_id', 'service_day', 'arrivals', 'served', 'abandoned', 'served_within_target', 'mean_wait_minutes', 'p90_wait_minutes', 'mean_service_minutes'],
  ...CONTACT_COLUMNS,
  ...CASES_COLUMNS,
  ...QA_COLUMNS,
  ...INSIGHTS_COLUMNS,
  ...THROTTLE_COLUMNS,
};
