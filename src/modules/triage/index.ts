/**
 * The public face of module `triage` (issue 8): explainable triage of cases into tiers from named,
 * versioned criteria, the AI Act log of every run, and human oversight (an officer disregards a
 * tier; an administrator's switch turns triage off; override and fairness reports). Triage only
 * orders the work: it never refuses, proposes a refusal or closes a case.
 */
export {
  FORBIDDEN_INPUTS,
  SWITCHED_OFF,
  TIERS,
  TriageFeatures,
  type Contribution,
  type Tier,
  type TriageOutcome,
  type TriageOverride,
  type TriageRun,
  type TriageSetting,
} from './triage.schemas';
export {
  FLAG_SIGNALS,
  ROUTINE_CONDITIONS,
  TriageCriteria,
  WEIGHT_SIGNALS,
  criteriaInForce,
  criteriaVersion,
  loadCriteria,
  parseCriteria,
  type TriageTexts,
} from './criteria';
export { triage, ROUTINE_MET } from './triage';
export { triageErrors } from './errors';
export {
  createTriageModule,
  type TriageDeps,
  type TriageModule,
  type MayOpenCase,
} from './triage.module';
export type { TriageService, ReplayResult } from './triage.service';
export { TRIAGE_PURGE_JOB, RETENTION_MONTHS } from './triage.service';
export { triageCasePanel, type TriageCasePanel } from './triage.view';
export {
  TRIAGE_ADMIN_ROLES,
  TRIAGE_OVERRIDE_ROLES,
  TRIAGE_REPORT_ROLES,
  TRIAGE_PATH,
} from './access';
export { fairnessReport, type FairnessOptions, type FairnessReport } from './fairness';
export {
  AGE_BANDS,
  SEXES,
  generateApplicants,
  loadPopulation,
  nationalityGroups,
  type Population,
  type SyntheticApplicant,
} from './synthetic';
