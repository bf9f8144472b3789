/**
 * The public face of module `cases` (DESIGN §4: other modules and src/app import only this file).
 * So far: the pure case lifecycle (statuses, actions, transition tables, four-eyes check).
 */
import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { AuditModule } from '../audit';
import { createCasesRepository } from './cases.repository';
import { createCasesService, type LegalTermsPort, type LifecycleRulesPort } from './cases.service';
import { createQueues } from './queues';
import { createContactCentreService } from './contact-centre.service';
import type { NotifyApplicant } from './applicant-notices';

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
  LegalTermsPort,
  LifecycleRulesPort,
  NewCaseAction,
  SubmittedApplication,
} from './cases.service';
export { casesErrors } from './errors';
// Branch isolation: the one rule for who may open a case (workbench pages and case reads).
export { mayOpenCase } from './cases.access';
// Queues, assignment, internal notes and the workbench's simple actions (issue 4).
export {
  DEADLINE_STATES,
  NOTE_MAX_LENGTH,
  QUEUE_PAGE_SIZE,
  SIMPLE_ACTIONS,
  type QueueQuery,
  type Queues,
  type SimpleAction,
} from './queues';
export type { CaseNoteRow, DeadlineState, QueueRow } from './queues.repository';
// Requests for information: the officer asks, the applicant answers, the legal term stops meanwhile.
export {
  createInformationRequests,
  type InformationRequestsDeps,
  type InformationRequestsModule,
} from './information-requests.module';
export { MAX_DUE_DAYS, type InformationRequestsPorts } from './information-requests.service';
export type { InformationRequestRow, RequestedItem } from './information-requests.repository';
// Decisions with four eyes and their letters (content/lt/letters; issue 4 points 4 and 5).
export {
  createDecisionsModule,
  type DecisionsDeps,
  type DecisionsModule,
} from './decisions.module';
export {
  DECISION_LETTER_JOB,
  PROPOSER_ROLES,
  type DecisionsPorts,
  type DecisionsService,
  type GrantStep,
} from './decisions.service';
export type { DecisionRow, LetterRow } from './decisions.repository';
export { loadLettersPack, type LegalGround, type LettersPack } from './letters.loader';
// Document production and delivery: card producer, courier, hand-over (issue 4 point 6).
export {
  createCardProducerSimulator,
  createCourierSimulator,
  type CardProducer,
  type Courier,
  type RandomSource,
} from './card-producer';
export { createProduction, type ProductionDeps, type ProductionModule } from './production.module';
export {
  MAX_PRODUCTION_ATTEMPTS,
  POLL_PRODUCER_JOB,
  type IssuedDocument,
  type ProductionPorts,
  type ProductionService,
} from './production.service';
export type { DocumentOrderRow } from './production.repository';
export { loadProductionPack, type ProductionPack } from './production.pack';

// Collection or courier chosen by the holder after a grant (residence permit cards).
export {
  createDeliveryChoiceModule,
  type DeliveryChoiceModule,
  type DeliveryChoiceModuleDeps,
} from './delivery-choice.module';
export { COURIER_FEE_REFERENCE, type DeliveryChoicePorts } from './delivery-choice.service';

// The contact centre: search by reference, name + date of birth or document number; contact log.
export {
  CONTACT_CENTRE_ROLES,
  mayUseContactCentre,
  type ContactCentreQuery,
  type ContactCentreResult,
  type ContactCentreService,
} from './contact-centre.service';
export {
  createContactCentre,
  type ContactCentreDeps,
  type ContactCentreModule,
} from './contact-centre.module';
// What the cases module tells applicants, through the notifications module (a port, src/app).
export type { ApplicantNotice, NoticeValue, NotifyApplicant } from './applicant-notices';
export type { OpenRequestDue } from './information-requests.job';

export interface CasesDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** Which lifecycle variant a service follows (from the catalogue, adapted in src/app). */
  catalogue: LifecycleRulesPort;
  /** The catalogue's legal terms, for the queue's deadline cache (adapted in src/app). */
  terms?: LegalTermsPort;
  /** Tells the applicant when a case of a service with a visit opens (notifications, src/app). */
  notify?: NotifyApplicant;
}

/** The examination of submitted applications: cases, their actions and derived status. */
export function createCasesModule(deps: CasesDeps) {
  const repo = createCasesRepository(deps.db);
  const service = createCasesService({ ...deps, repo });
  const queues = createQueues({ ...deps, cases: service });
  const contactCentre = createContactCentreService({ ...deps, cases: repo });
  return {
    service,
    repo,
    queues,
    contactCentre,
    /** The contact centre's search (issue 4 point 7): by reference, name + birth date or document. */
    searchForContactCentre: contactCentre.search,
  };
}

export type CasesModule = ReturnType<typeof createCasesModule>;
// Routing (issue 8): the triage tier kept on the case for the queue (queues.setRouting).
export { TRIAGE_TIERS, type TriageTier } from './queues.repository';

// What the decision date estimate reads (module estimates): throughput, queue place, open request.
export {
  createThroughputRepository,
  DECISION_ACTION_KINDS,
  IN_LINE_STATUSES,
  type DecisionsOnDay,
  type EstimateCaseFacts,
  type ThroughputRepository,
} from './throughput.repository';
