/**
 * The public face of module `processing` (issue 8): the automated pipeline (identity → registry
 * checks → rules → triage → routing) run as a job on submission, on each answer from the
 * applicant and on each registry answer; its steps stored with their inputs' reference; the
 * prepared grant of a routine case, confirmed by an officer in two clicks. It never refuses.
 */
export {
  createProcessingModule,
  type ProcessingDeps,
  type ProcessingModule,
} from './processing.module';
export {
  PROCESSING_RUN_JOB,
  STEPS,
  TRIGGERS,
  type IdentityOutcome,
  type IdentityResult,
  type PipelineApplication,
  type PipelineCase,
  type PipelineFeatures,
  type ProcessingPorts,
  type ProcessingRunJob,
  type RuleCheckOutcome,
  type RulesResult,
  type Step,
  type StepState,
  type Tier,
  type Trigger,
  type TriageResult,
} from './processing.types';
export {
  PREPARED_GROUNDS,
  RUNNABLE_STATUSES,
  type ProcessingService,
  type RunOutcome,
} from './processing.service';
export {
  stalenessOf,
  type PreparedGrantPorts,
  type PreparedGrants,
  type Staleness,
} from './prepared-grant.service';
export { PREPARED_GRANT_ROLES } from './prepared-grant.pages';
export type { ProcessingStepRow, ProposalRow } from './processing.repository';
export {
  COMPLETENESS_CHECK,
  featuresOf,
  inputRefOf,
  subjectOf,
  type ProposalCheck,
} from './features';
export { applicantAutomationView, caseProcessingPanel } from './processing.view';
export { processingErrors } from './errors';
