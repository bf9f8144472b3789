/**
 * The public face of module `estimates` (DESIGN §4): an honest, per-case decision date range.
 * The estimator is pure; the service reads the case's queue, throughput and waits through ports
 * (the cases module's throughput repository, the registries' pending answers) wired in src/app.
 */
export {
  estimateDecisionDate,
  THROUGHPUT_WINDOW_DAYS,
  type DecisionDateEstimate,
  type EstimateInput,
  type EstimateOutcome,
  type NoEstimateReason,
  type DeadlineStanding,
  type WaitingFor,
  estimateOutcome,
} from './estimator';
export {
  measureEstimateError,
  type EstimateErrorMeasure,
  type MeasureEstimateErrorOptions,
} from './simulation';
export {
  applicantEstimateView,
  caseEstimateView,
  type ApplicantEstimateView,
  type CaseEstimateView,
} from './estimates.view';
export {
  createEstimatesModule,
  type EstimatesDeps,
  type EstimatesModule,
  type EstimatesPorts,
  type EstimatesService,
  type PendingRegistryAnswer,
  type CaseEstimate,
} from './estimates.module';
export { estimatesErrors } from './errors';
