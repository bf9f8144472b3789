import type { AnyTransaction } from '../../platform/db';
import type { RegistriesService } from '../registries';

/** What starts a pipeline run on a case. */
export const TRIGGERS = ['submitted', 'information-received', 'registry-answer', 'repeat'] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const STEPS = ['identity', 'registries', 'rules', 'triage', 'routing'] as const;
export type Step = (typeof STEPS)[number];
export type StepState = 'done' | 'waiting' | 'skipped';

export type Tier = 'routine' | 'standard' | 'enhanced';
export type IdentityOutcome = 'linked' | 'new-person' | 'review-pending' | 'not-matched';

/** The job that runs the pipeline on one case (singleton per case while it waits). */
export const PROCESSING_RUN_JOB = 'processing.run';
export interface ProcessingRunJob {
  caseId: string;
  trigger: Trigger;
}

/** The case as the pipeline reads it (cases module). */
export interface PipelineCase {
  id: string;
  application_id: string;
  service_id: string;
  ground_id: string | null;
  status: string;
}

/** The application as submitted, with the facts the pipeline reads (applications module). */
export interface PipelineApplication {
  id: string;
  serviceId: string;
  groundId: string | null;
  answers: Record<string, string | null>;
  forPersonName: string | null;
  forPersonBirthDate: string | null;
}

export interface IdentityResult {
  outcome: IdentityOutcome;
  personId: string | null;
  /** What was matched, e.g. person-record:<id>; application:<id> when not matched. */
  ref: string;
}

/** A rule check as triage counts it (rules module's stored checks). */
export interface RuleCheckOutcome {
  check: string;
  outcome: 'met' | 'not-met' | 'cannot-tell';
  /** The check's name in Lithuanian (the rule set's table), for the prepared grant's reasons. */
  name?: string;
}

export interface RulesResult {
  /** skipped: the service has no rule set. */
  state: 'done' | 'skipped';
  /** rules-evaluation:<id> (kept on submission) or rules-input:<hash> (re-evaluated). */
  ref: string;
  checks: RuleCheckOutcome[];
}

/** What the pipeline gives triage: the same keys as the triage module's TriageFeatures. */
export interface PipelineFeatures {
  completeness: 'complete' | 'incomplete' | 'unknown';
  eligibility: { met: number; notMet: number; cannotTell: number } | null;
  registries: Array<{
    registry: string;
    state: 'waiting' | 'answered' | 'retrying';
    outcome: 'clear' | 'hit' | 'confirmed' | 'not-confirmed' | null;
  }>;
  identity: IdentityOutcome;
  documents: {
    travelDocumentReadable: boolean | null;
    travelDocumentValidForPermit: boolean | null;
  };
  inconsistencies: string[];
}

export interface TriageResult {
  id: string;
  tier: Tier;
  decisive: string[];
  switchedOff: boolean;
  criteriaVersion: string;
}

/** What the pipeline needs from other modules; adapted in src/app/processing.wiring.ts. */
export interface ProcessingPorts<A extends PipelineApplication = PipelineApplication> {
  /** The case, read before the run's transaction. */
  findCase(caseId: string): Promise<PipelineCase | undefined>;
  /** The case under its row lock: one run (or action) per case at a time. */
  lockCase(caseId: string, trx: AnyTransaction): Promise<PipelineCase | undefined>;
  /** The case's actions (number and kind), in the transaction. */
  actionsOf(caseId: string, trx: AnyTransaction): Promise<{ seq: number; kind: string }[]>;
  /** The application, read before the run's transaction (a system read). */
  applicationOf(applicationId: string): Promise<A | undefined>;
  identity(app: A, trx: AnyTransaction): Promise<IdentityResult>;
  /** Which registers the service needs, and asking them (idempotent; gives the case's checks). */
  registries: Pick<RegistriesService, 'registriesFor' | 'request'>;
  /** The rule checks: the submission's kept evaluation, or a new one after an answer. */
  rules(app: A, caseId: string, reevaluate: boolean, trx: AnyTransaction): Promise<RulesResult>;
  /** Document facts and inconsistencies read from the application (pure). */
  documents(app: A): {
    travelDocumentReadable: boolean | null;
    inconsistencies: string[];
  };
  triage: {
    run(
      caseId: string,
      features: PipelineFeatures,
      inputRef: string,
      trx: AnyTransaction,
    ): Promise<TriageResult>;
  };
  setRouting(caseId: string, routing: { tier: Tier }, trx: AnyTransaction): Promise<void>;
}
