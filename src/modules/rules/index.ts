/**
 * The public face of module `rules` (issue 6): the country's legal logic as versioned decision
 * tables (DMN style, FEEL cells), compiled once, evaluated against a snapshot of an application,
 * with explanations that cite the law.
 */
export { rulesErrors } from './errors';
export {
  ApplicationSnapshot,
  SNAPSHOT_FACTS,
  addMonths,
  factAt,
  monthsBetween,
  type ApplicationSnapshotInput,
} from './snapshot';
export {
  HIT_POLICIES,
  OUTCOMES,
  RuleSetFile,
  type HitPolicy,
  type LegalReference,
  type Outcome,
  type ParameterSpec,
  type Table,
  type Texts as RuleTexts,
} from './rules.schemas';
export {
  compileRuleSet,
  type CompileOptions,
  type CompiledRuleSet,
  type CompiledTable,
} from './engine/compile';
export {
  evaluateRuleSets,
  parametersOf,
  type CheckResult,
  type Evaluation,
  type FiredRule,
  type ParameterResolver,
} from './engine/evaluate';
export {
  cite,
  explain,
  explainAll,
  type ExplainedCheck,
  type Explanations,
} from './engine/explain';
export { createRuleBook, runTableTests, type RuleBook } from './engine/rule-book';
export { loadRuleSets, parseRuleSet } from './rules.pack';
// Rules in the application journey: evaluations kept with the case, checks shown before submission.
export {
  createRulesModule,
  inputHash,
  type RulesDeps,
  type RulesModule,
  type SubmissionInput,
} from './rules.service';
export type { RulesEvaluationRow, StoredCheck } from './rules.repository';
export {
  APPLICANT_CHECKS,
  applicantChecks,
  casePanel,
  type CasePanel,
  type CheckView,
  type MissingFact,
} from './rules.view';
// Administration: versions loaded through the workbench, impact analyses, their pages and job.
export { createRulesAdminModule, type RulesAdminDeps, type RulesAdminModule } from './admin.module';
export { RULES_AUTHOR_ROLES, RULES_READ_ROLES, RULES_PATH } from './admin.pages';
export { rulesAdminErrors } from './admin.errors';
export { IMPACT_JOB, type ImpactJob, type ImpactService } from './impact.service';
export {
  createImpactTally,
  compareCase,
  diffEvaluations,
  type CaseError,
  type CheckChange,
  type ImpactCase,
  type ImpactSummary,
} from './impact';
export type { VersionEntry, VersionState, VersionsService } from './versions.service';
