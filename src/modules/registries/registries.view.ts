import type { CheckOutcome, CheckState, RegistryCheck, RegistryId } from './registries.types';

/** Tag colour per outcome (govuk-tag modifiers): what needs a look is red. */
const TAG: Record<CheckOutcome, string> = {
  clear: 'govuk-tag--green',
  confirmed: 'govuk-tag--green',
  hit: 'govuk-tag--red',
  'not-confirmed': 'govuk-tag--red',
};
const STATE_TAG: Record<CheckState, string> = {
  waiting: 'govuk-tag--grey',
  answered: 'govuk-tag--blue',
  retrying: 'govuk-tag--yellow',
};

export interface RegistryCasePanel {
  rows: {
    registry: RegistryId;
    state: CheckState;
    stateTagClass: string;
    outcome: CheckOutcome | null;
    outcomeTagClass: string | null;
    reasonCode: string | null;
    attempts: number;
    lastError: string | null;
    requestedAt: Date;
    answeredAt: Date | null;
    expectedBy: Date | null;
    /** The register's facts, for staff: each as a key and a printable value; yes/no are keys too. */
    details: { key: string; value: string; yesNo: boolean }[];
  }[];
  /** Checks with a result that needs the officer's look (a hit or a fact not confirmed). */
  needsLook: number;
  /** Checks still without an answer (waiting or retrying). */
  pending: number;
}

const printable = (v: unknown) =>
  v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The staff case view's panel (`_case-panel.njk`, variable `registryChecks`). */
export function registryCasePanel(checks: RegistryCheck[]): RegistryCasePanel {
  return {
    rows: checks.map((c) => ({
      registry: c.registry,
      state: c.state,
      stateTagClass: STATE_TAG[c.state],
      outcome: c.outcome,
      outcomeTagClass: c.outcome ? TAG[c.outcome] : null,
      reasonCode: c.reasonCode,
      attempts: c.attempts,
      lastError: c.lastError,
      requestedAt: c.requestedAt,
      answeredAt: c.answeredAt,
      expectedBy: c.expectedBy,
      details: Object.entries(c.details).map(([key, value]) =>
        typeof value === 'boolean'
          ? { key, value: value ? 'yes' : 'no', yesNo: true }
          : { key, value: printable(value), yesNo: false },
      ),
    })),
    needsLook: checks.filter((c) => c.outcome === 'hit' || c.outcome === 'not-confirmed').length,
    pending: checks.filter((c) => c.state !== 'answered').length,
  };
}

/**
 * What the applicant is told per register: nothing stands in the way, an officer will look at the
 * result, or waiting (with the date the register gave, if any). Never the register's details or
 * the kind of result; the State Security Department's opinion only as done or waiting, because
 * saying more would tell a person under a security assessment what it found.
 */
export type ApplicantCheckStatus = 'nothing-in-the-way' | 'officer-looks' | 'waiting' | 'done';

export interface RegistryApplicantView {
  items: { registry: RegistryId; status: ApplicantCheckStatus; expectedBy: Date | null }[];
  allAnswered: boolean;
}

/** The applicant's view (`_applicant-checks.njk`, variable `registryChecks`). */
export function registryApplicantView(checks: RegistryCheck[]): RegistryApplicantView {
  return {
    items: checks.map((c) => {
      const answered = c.state === 'answered';
      let status: ApplicantCheckStatus;
      if (!answered) status = 'waiting';
      else if (c.registry === 'vsd') status = 'done';
      else if (c.outcome === 'clear' || c.outcome === 'confirmed') status = 'nothing-in-the-way';
      else status = 'officer-looks';
      return { registry: c.registry, status, expectedBy: answered ? null : c.expectedBy };
    }),
    allAnswered: checks.every((c) => c.state === 'answered'),
  };
}
