/**
 * The rows the fold reads and writes (ADR 0015, PLAN S5), named exactly as the columns of
 * `migrations/0038_analytics_create-events-and-facts.sql`, so the repository passes them through
 * without a mapping. Days are Vilnius calendar days as `YYYY-MM-DD` strings.
 */
import type { CaseStatus, DecisionOutcome } from '../../cases';
import type { Tier } from '../../triage';
import type { ANSWER_KINDS, Channel, CONTACT_CHANNELS, URGENCIES } from '../events.schemas';
import type { Language } from '../../../platform/i18n';

export type Day = string;

/** Where a case's branch came from, strongest first (ADR 0015, "The branch of a case"). */
export const BRANCH_SOURCES = ['visit', 'booking', 'assignment', 'delivery', 'none'] as const;
export type BranchSource = (typeof BRANCH_SOURCES)[number];

/** One row of `analytics_cases`: the fold's per-case state. */
export interface AnalyticsCaseRow {
  case_id: string;
  application_id: string;
  service_id: string;
  ground_id: string;
  urgency: (typeof URGENCIES)[number];
  channel: Channel;
  nationality_group: string;
  branch_code: string;
  branch_source: BranchSource;
  submitted_on: Day;
  accepted_on: Day | null;
  term_starts_on: Day | null;
  deadline_on: Day | null;
  term_days: number | null;
  status: CaseStatus;
  decided_on: Day | null;
  outcome: DecisionOutcome | null;
  deadline_met: boolean | null;
  closed_on: Day | null;
  issued_on: Day | null;
  triage_tier: Tier | null;
  triage_overridden: boolean;
  prepared_grant_used: boolean;
  last_seq: number;
}

export const FLOW_MEASURES = [
  'accepted',
  'examination-started',
  'information-requested',
  'information-received',
  'decided-grant',
  'decided-refuse',
  'decided-terminate',
  'decided-in-term',
  'decided-late',
  'withdrawn',
  'document-ordered',
  'document-produced',
  'issued',
  'revoked',
] as const;
export type FlowMeasure = (typeof FLOW_MEASURES)[number];

export const AUTOMATION_MEASURES = [
  'first-tier-routine',
  'first-tier-standard',
  'first-tier-enhanced',
  'rerun',
  'switched-off',
  'override',
  'prepared-grant-used',
] as const;
export type AutomationMeasure = (typeof AUTOMATION_MEASURES)[number];

export const CONTACT_MEASURES = [
  'handed-off',
  'taken',
  'replied-first',
  'closed',
  'contact-logged',
  'message-sent',
] as const;
export type ContactMeasure = (typeof CONTACT_MEASURES)[number];
export type ContactChannel = 'assistant' | (typeof CONTACT_CHANNELS)[number];

export type DurationMeasure = 'days' | 'term-pct';

// Each delta row is the table's primary key plus its counters (to add). The repository applies
// one `insert … on conflict (pk) do update set c = t.c + excluded.c` per table.

export interface IntakeDelta {
  day: Day;
  service_id: string;
  ground_id: string;
  branch_code: string;
  nationality_group: string;
  channel: Channel;
  urgency: string;
  applications: number;
}

export interface FlowDelta {
  measure: FlowMeasure;
  day: Day;
  service_id: string;
  branch_code: string;
  n: number;
}

export interface DurationDelta {
  day: Day;
  service_id: string;
  branch_code: string;
  outcome: DecisionOutcome;
  measure: DurationMeasure;
  bucket: number;
  n: number;
}

export interface AppointmentsDelta {
  day: Day;
  branch_code: string;
  service_id: string;
  /**
   * Not a counter: the latest capacity reported for the day in this batch, or null when none was.
   * Apply as `capacity = coalesce(excluded.capacity, t.capacity)` (insert `coalesce(…, 0)`).
   */
  capacity: number | null;
  booked: number;
  cancelled: number;
  moved: number;
  attended: number;
  no_show: number;
  walk_ins_served: number;
  walk_ins_left: number;
}

export interface AutomationDelta {
  measure: AutomationMeasure;
  day: Day;
  service_id: string;
  n: number;
}

export interface OfficerDelta {
  day: Day;
  service_id: string;
  branch_code: string;
  staff_account_id: string;
  actions: number;
  decisions: number;
}

export interface AssistantDelta {
  day: Day;
  lang: Language;
  answer_kind: (typeof ANSWER_KINDS)[number];
  answers: number;
  handoffs_offered: number;
  low_confidence: number;
}

export interface ContactDelta {
  measure: ContactMeasure;
  day: Day;
  channel: ContactChannel;
  n: number;
  minutes_sum: number;
}

/** Counter deltas per daily fact table (the backlog is a daily snapshot, see fold.backlog.ts). */
export interface FoldDeltas {
  intake: IntakeDelta[];
  flow: FlowDelta[];
  durations: DurationDelta[];
  appointments: AppointmentsDelta[];
  automation: AutomationDelta[];
  officer: OfficerDelta[];
  assistant: AssistantDelta[];
  contact: ContactDelta[];
}

export interface FoldResult {
  /** The `analytics_cases` rows created or changed by the batch (upsert them), by case id. */
  cases: AnalyticsCaseRow[];
  deltas: FoldDeltas;
  /**
   * Events that could not touch a case row: the case (or, for a visit, the application) is not
   * known, or a case action at or below the row's `last_seq` (already folded). Their facts that
   * need no case row are still counted. For the lag metrics and logs, not an error.
   */
  unmatched: { unknownCase: number; alreadyFolded: number };
}
