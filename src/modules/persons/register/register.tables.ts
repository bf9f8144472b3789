import type { Kysely } from 'kysely';
import type { ActionKind, LinkedBy, PersonStatus, SourceKind } from './types';

/** Rows of the register's tables (migration 0030). Dates of validity are YYYY-MM-DD text. */
export interface PersonRow {
  id: string;
  number: string;
  status: PersonStatus;
  merged_into: string | null;
  created_at: Date;
}

export interface PersonRecordRow {
  id: string;
  person_id: string;
  original_person_id: string;
  source_kind: SourceKind;
  source_id: string;
  source_label: string | null;
  given_names: string;
  surname: string;
  latin_names: string[];
  date_of_birth: string | null;
  sex: 'M' | 'F' | null;
  nationality: string | null;
  document_type: string | null;
  document_number: string | null;
  document_state: string | null;
  document_valid_until: string | null;
  place_of_birth: string | null;
  recorded_at: Date;
  linked_by: LinkedBy;
  probability: number | null;
  explanation: Record<string, unknown> | null;
}

export interface PersonActionRow {
  id: string;
  kind: ActionKind;
  person_id: string;
  other_person_id: string | null;
  actor_id: string;
  at: Date;
  reason: string;
  details: Record<string, unknown>;
  undoes: string | null;
}

interface PersonKeyRow {
  person_record_id: string;
  key: string;
}

export type ReviewStatus = 'open' | 'linked' | 'merged' | 'not-same';
export interface PersonReviewRow {
  id: string;
  record_id: string;
  person_id: string;
  candidate_person_id: string;
  candidate_record_id: string;
  probability: number;
  explanation: Record<string, unknown>;
  status: ReviewStatus;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
  action_id: string | null;
}

export interface PersonDistinctRow {
  person_id: string;
  other_person_id: string;
  action_id: string;
  at: Date;
}

export type PersonsTables = {
  persons: PersonRow;
  person_records: PersonRecordRow;
  person_keys: PersonKeyRow;
  person_actions: PersonActionRow;
  person_reviews: PersonReviewRow;
  person_distinct: PersonDistinctRow;
};
export type Q = Kysely<PersonsTables>;
