/**
 * The tables of applications and their status and service standards
 * (`src/modules/cases`, `standards`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type ApplicationChannel = 'in_person' | 'mail' | 'online';

export interface ProgrammesTable {
  code: string;
  name_en: string;
  name_fr: string;
  department: 'ESDC' | 'IRCC';
}

export interface ApplicationTypesTable {
  code: string;
  programme_code: string;
  name_en: string;
  name_fr: string;
  number_prefix: string;
  position: number;
}

export interface ApplicationTypeChannelsTable {
  type_code: string;
  channel: ApplicationChannel;
  standard_business_days: number;
  target_percent: number;
}

export interface ApplicationStagesTable {
  type_code: string;
  code: string;
  position: number;
  name_en: string;
  name_fr: string;
  expected_business_days: number;
  channel: ApplicationChannel | null;
  completes: Generated<boolean>;
  next_codes: Generated<string[]>;
}

export interface PartnerOfficesTable {
  id: Generated<string>;
  kind: 'mp' | 'senator';
  name_en: string;
  name_fr: string;
  created_at: CreatedAt;
}

export interface PartnerOfficeMembersTable {
  office_id: string;
  user_id: string;
}

export interface ApplicationsTable {
  id: Generated<string>;
  number: string;
  type_code: string;
  programme_code: string;
  channel: ApplicationChannel;
  site_id: string | null;
  province_code: string;
  surname: string;
  given_names: string;
  date_of_birth: string;
  language: 'en' | 'fr';
  stage_code: string;
  state: 'open' | 'completed' | 'closed';
  received_at: Timestamp;
  expected_by: string;
  completed_at: NullableTimestamp;
  completed_day: string | null;
  within_standard: boolean | null;
  decision: 'approved' | 'refused' | null;
  decision_note: string | null;
  decided_at: NullableTimestamp;
  assigned_site_id: string | null;
  assigned_agent_id: string | null;
  notice_email: string | null;
  updated_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: string;
  occurred_at: ColumnType<Date, Date | string, never>;
  type: string;
  from_stage: string | null;
  to_stage: string | null;
  reason: string | null;
  actor: string;
  public: Generated<boolean>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface DocumentRequestsTable {
  id: Generated<string>;
  application_id: string;
  kind: string;
  note: Generated<string>;
  due_day: string;
  requested_at: Timestamp;
  received_at: NullableTimestamp;
}

export interface DelegationConsentsTable {
  id: Generated<string>;
  application_id: string;
  office_id: string;
  granted_on: string;
  expires_on: string;
  revoked_at: NullableTimestamp;
  recorded_by: string;
  created_at: Timestamp;
}

export interface PartnerInquiriesTable {
  id: Generated<string>;
  office_id: string;
  application_id: string;
  urgent: boolean;
  question: string;
  asked_by: string;
  asked_at: Timestamp;
  due_at: Timestamp;
  answer: string | null;
  answered_at: NullableTimestamp;
  answered_by: string | null;
}

export interface ServiceStandardsTable {
  id: string;
  service_id: string;
  service_name_en: string;
  service_name_fr: string;
  standard_en: string;
  standard_fr: string;
  type: 'TML' | 'ACS' | 'ACY' | 'OTH';
  channel: string;
  channel_comments_en: string;
  channel_comments_fr: string;
  threshold: number;
  threshold_unit: 'business_days' | 'minutes' | 'seconds';
  target_percent: number;
  source: 'cases' | 'visits' | 'contact';
  type_codes: string[];
  application_channel: ApplicationChannel | null;
  position: number;
}

export type Application = Selectable<ApplicationsTable>;
export type ApplicationStage = Selectable<ApplicationStagesTable>;
export type ApplicationEvent = Selectable<ApplicationEventsTable>;
export type ServiceStandard = Selectable<ServiceStandardsTable>;

export interface CasesTables {
  programmes: ProgrammesTable;
  application_types: ApplicationTypesTable;
  application_type_channels: ApplicationTypeChannelsTable;
  application_stages: ApplicationStagesTable;
  partner_offices: PartnerOfficesTable;
  partner_office_members: PartnerOfficeMembersTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  document_requests: DocumentRequestsTable;
  delegation_consents: DelegationConsentsTable;
  partner_inquiries: PartnerInquiriesTable;
  service_standards: ServiceStandardsTable;
}

export const CASES_COLUMNS: { [T in keyof CasesTables]: (keyof CasesTables[T])[] } = {
  programmes: ['code', 'name_en', 'name_fr', 'department'],
  application_types: ['code', 'programme_code', 'name_en', 'name_fr', 'number_prefix', 'position'],
  application_type_channels: ['type_code', 'channel', 'standard_business_days', 'target_percent'],
  application_stages: ['type_code', 'code', 'position', 'name_en', 'name_fr', 'expected_business_days', 'channel', 'completes', 'next_codes'],
  partner_offices: ['id', 'kind', 'name_en', 'name_fr', 'created_at'],
  partner_office_members: ['office_id', 'user_id'],
  applications: [
    'id', 'number', 'type_code', 'programme_code', 'channel', 'site_id', 'province_code', 'surname', 'given_names', 'date_of_birth', 'language', 'stage_code', 'state',
    'received_at', 'expected_by', 'completed_at', 'completed_day', 'within_standard', 'decision', 'decision_note', 'decided_at', 'assigned_site_id', 'assigned_agent_id', 'notice_email', 'updated_at',
  ],
  application_events: ['id', 'application_id', 'occurred_at', 'type', 'from_stage', 'to_stage', 'reason', 'actor', 'public', 'details'],
  document_requests: ['id', 'application_id', 'kind', 'note', 'due_day', 'requested_at', 'received_at'],
  delegation_consents: ['id', 'application_id', 'office_id', 'granted_on', 'expires_on', 'revoked_at', 'recorded_by', 'created_at'],
  partner_inquiries: ['id', 'office_id', 'application_id', 'urgent', 'question', 'asked_by', 'asked_at', 'due_at', 'answer', 'answered_at', 'answered_by'],
  service_standards: [
    'id', 'service_id', 'service_name_en', 'service_name_fr', 'standard_en', 'standard_fr', 'type', 'channel', 'channel_comments_en', 'channel_comments_fr',
    'threshold', 'threshold_unit', 'target_percent', 'source', 'type_codes', 'application_channel', 'position',
  ],
};
