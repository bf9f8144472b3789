/**
 * The public face of module `cases` (DESIGN §4: other modules and src/app import only this file).
 * So far: the pure case lifecycle (statuses, actions, transition tables, four-eyes check).
 */
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { AuditModule } from '../audit';
import { createCasesRepository } from './cases.repository';
import { createCasesService, type LifecycleRulesPort } from './cases.service';

export {
  allowedActions,
  applyAction,
  APPROVER_ROLES,
  CASE_ACTION_KINDS,
  CASE_STATUSES,
  DECISION_OUTCOMES,
  deriveStatus,
  isDecided,
  isSuspended,
  isTerminal,
  LIFECYCLE_VARIANT_IDS,
  LIFECYCLE_VARIANTS,
  lifecycleFor,
  mayApprove,
  needsApproval,
  type ApprovalCheck,
  type ApprovalOutcome,
  type CaseActionInput,
  type CaseActionKind,
  type CaseState,
  type CaseStatus,
  type DecisionOutcome,
  type DeriveResult,
  type LifecycleVariant,
  type LifecycleVariantId,
  type RefusalReason,
  type TransitionResult,
  type TransitionTable,
} from './cases.lifecycle';

// The legal term clock (pure): deadline across suspensions, days left, near/overdue counts.
export {
  clockStart,
  countByState,
  legalClock,
  NEAR_MAX_DAYS,
  NEAR_SHARE,
  type LegalClock,
  type LegalClockError,
  type LegalClockErrorCode,
  type LegalClockInput,
  type LegalClockResult,
  type LegalClockState,
  type LegalClockStatus,
  type Suspension,
} from './legal-clock';

// Persistence: cases and their append-only actions (migration 0013), opened on submission.

export type { CaseActionRow, CaseCachePatch, CaseRow } from './cases.repository';
export type {
  CasesService,
  LifecycleRulesPort,
  NewCaseAction,
  SubmittedApplication,
} from './cases.service';
export { casesErrors } from './errors';

export interface CasesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** Which lifecycle variant a service follows (from the catalogue, adapted in src/app). */
  catalogue: LifecycleRulesPort;
}

/** The examination of submitted applications: cases, their actions and derived status. */
export function createCasesModule(deps: CasesDeps) {
  const repo = createCasesRepository(deps.db);
  const service = createCasesService({ ...deps, repo });
  return { service, repo };
}

export type CasesModule = ReturnType<typeof createCasesModule>;
