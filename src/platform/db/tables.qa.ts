/**
 * The tables of quality assurance (`src/modules/qa`), for Kysely; joined into `Tables` by `tables.ts`
 * and checked against the live schema by `tables.test.ts` like every other.
 */
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export const QA_RESULTS = ['pass', 'fail', 'not_applicable'] as const;
export type QaResult = (typeof QA_RESULTS)[number];
export const QA_FINDING_TYPES = ['eligibility', 'identity', 'documents', 'data_entry', 'fees', 'procedure', 'privacy', 'client_service'] as const;
export type QaFindingType = (typeof QA_FINDING_TYPES)[number];
export const QA_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type QaSeverity = (typeof QA_SEVERITIES)[number];
export const QA_OBSERVATION_MODES = ['on_site', 'virtual'] as const;
export type QaObservationMode = (typeof QA_OBSERVATION_MODES)[number];

export interface QaPlansTable {
  programme: string;
  stage: string;
  active: Defaulted<boolean>;
  updated_at: Timestamp;
}

export interface QaRatesTable {
  programme: string;
  from_quarter: string;
  rate: number;
}

export interface QaSamplingKeysTable {
  version: number;
  secret: string;
  activated_at: ColumnType<Date, Date | string, never>;
  created_by: string;
  reason: Defaulted<string>;
}

export interface QaFrameTable {
  id: Generated<string>;
  application_id: string;
  application_number: string;
  programme: string;
  type_code: string;
  stage: string;
  site_id: string | null;
  agent_id: string | null;
  reached_at: ColumnType<Date, Date | string, never>;
  fiscal_quarter: string;
  rate: number;
  key_version: number;
  drawn: boolean;
}
export type QaFrameRow = Selectable<QaFrameTable>;

export interface QaChecklistItemsTable {
  programme: string;
  code: string;
  label_en: string;
  label_fr: string;
  sort_order: Defaulted<number>;
  active: Defaulted<boolean>;
}

export interface QaTeamMembersTable {
  agent_id: string;
  team: string;
  updated_at: Timestamp;
}

export interface QaReviewsTable {
  id: Generated<string>;
  frame_id: string;
  reviewer_id: string;
  in_error: boolean;
  comments: Defaulted<string>;
  reviewed_at: ColumnType<Date, Date | string, never>;
}

export interface QaReviewItemsTable {
  review_id: string;
  item_code: string;
  result: QaResult;
}

export interface QaFindingsTable {
  id: Generated<string>;
  review_id: string;
  item_code: string | null;
  type: QaFindingType;
  severity: QaSeverity;
  description: string;
}

export interface QaFeedbackTable {
  review_id: string;
  agent_id: string;
  message: string;
  sent_at: ColumnType<Date, Date | string, never>;
  acknowledged_at: NullableTimestamp;
}

export interface QaObservationsTable {
  id: Generated<string>;
  service_point_id: string;
  visit_id: string | null;
  mode: QaObservationMode;
  observer_id: string;
  observed_at: ColumnType<Date, Date | string, never>;
  notes: Defaulted<string>;
}

export interface QaObservationItemsTable {
  observation_id: string;
  item_code: string;
  result: QaResult;
}

export interface QaTables {
  qa_plans: QaPlansTable;
  qa_rates: QaRatesTable;
  qa_sampling_keys: QaSamplingKeysTable;
  qa_frame: QaFrameTable;
  qa_checklist_items: QaChecklistItemsTable;
  qa_team_members: QaTeamMembersTable;
  qa_reviews: QaReviewsTable;
  qa_review_items: QaReviewItemsTable;
  qa_findings: QaFindingsTable;
  qa_feedback: QaFeedbackTable;
  qa_observations: QaObservationsTable;
  qa_observation_items: QaObservationItemsTable;
}

export const QA_COLUMNS: { [T in keyof QaTables]: (keyof QaTables[T])[] } = {
  qa_plans: ['programme', 'stage', 'active', 'updated_at'],
  qa_rates: ['programme', 'from_quarter', 'rate'],
  qa_sampling_keys: ['version', 'secret', 'activated_at', 'created_by', 'reason'],
  qa_frame: ['id', 'application_id', 'application_number', 'programme', 'type_code', 'stage', 'site_id', 'agent_id', 'reached_at', 'fiscal_quarter', 'rate', 'key_version', 'drawn'],
  qa_checklist_items: ['programme', 'code', 'label_en', 'label_fr', 'sort_order', 'active'],
  qa_team_members: ['agent_id', 'team', 'updated_at'],
  qa_reviews: ['id', 'frame_id', 'reviewer_id', 'in_error', 'comments', 'reviewed_at'],
  qa_review_items: ['review_id', 'item_code', 'result'],
  qa_findings: ['id', 'review_id', 'item_code', 'type', 'severity', 'description'],
  qa_feedback: ['review_id', 'agent_id', 'message', 'sent_at', 'acknowledged_at'],
  qa_observations: ['id', 'service_point_id', 'visit_id', 'mode', 'observer_id', 'observed_at', 'notes'],
  qa_observation_items: ['observation_id', 'item_code', 'result'],
};
