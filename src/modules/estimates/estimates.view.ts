/**
 * View models for the two partials: the applicant's plain-language range and the officer's
 * panel with the basis. Dates stay YYYY-MM-DD; the templates format them in the page's language.
 */
import type { DeadlineStanding, WaitingFor } from './estimator';
import type { CaseEstimate } from './estimates.module';

export interface ApplicantEstimateView {
  /** 'range': dates shown; 'none': no estimate (reason is a message key suffix); 'decided'. */
  state: 'range' | 'none' | 'decided';
  from: string | null;
  to: string | null;
  legalDeadline: string | null;
  deadline: DeadlineStanding | null;
  waitingFor: WaitingFor[];
  suspended: boolean;
  reason: string | null;
  /** The day the estimate was made ("updated daily"). */
  asOf: string;
}

export interface CaseEstimateView extends ApplicantEstimateView {
  likely: string | null;
  queueAhead: number | null;
  perWorkingDay: number | null;
  paceRange: [number, number] | null;
  /** Tag colour for the standing against the legal deadline (govuk-tag modifiers). */
  tagClass: string;
}

const TAG: Record<DeadlineStanding, string> = {
  within: 'govuk-tag--green',
  'range-passes': 'govuk-tag--yellow',
  'likely-passes': 'govuk-tag--red',
  'no-deadline': 'govuk-tag--grey',
};

export function applicantEstimateView(e: CaseEstimate): ApplicantEstimateView {
  if (e.kind === 'none') {
    return {
      state: e.reason === 'decided' || e.reason === 'closed' ? 'decided' : 'none',
      from: null,
      to: null,
      legalDeadline: e.kind === 'none' && 'input' in e ? (e.input?.legalDeadline ?? null) : null,
      deadline: null,
      waitingFor: [],
      suspended: false,
      reason: e.reason,
      asOf: e.today,
    };
  }
  const x = e.estimate;
  return {
    state: 'range',
    from: x.from,
    to: x.to,
    legalDeadline: x.legalDeadline,
    deadline: x.deadline,
    waitingFor: x.basis.waitingFor,
    suspended: x.basis.suspended,
    reason: null,
    asOf: e.today,
  };
}

export function caseEstimateView(e: CaseEstimate): CaseEstimateView {
  const base = applicantEstimateView(e);
  if (e.kind === 'none') {
    return {
      ...base,
      likely: null,
      queueAhead: null,
      perWorkingDay: null,
      paceRange: null,
      tagClass: TAG['no-deadline'],
    };
  }
  const x = e.estimate;
  return {
    ...base,
    likely: x.likely,
    queueAhead: x.basis.queueAhead,
    perWorkingDay: x.basis.perWorkingDay,
    paceRange: x.basis.paceRange,
    tagClass: TAG[x.deadline],
  };
}
