import type { AnyTransaction } from '../../platform/db';

/** The national registers the pipeline asks (domain catalogue, § registries in scope). */
export const REGISTRY_IDS = [
  'residents',
  'sis',
  'wanted',
  'vsd',
  'employment',
  'sodra',
  'education',
] as const;
export type RegistryId = (typeof REGISTRY_IDS)[number];

/**
 * clear / hit: a register that looks for something against the person (SIS, wanted, VSD);
 * confirmed / not-confirmed: a register that confirms a fact the application relies on.
 */
export const CHECK_OUTCOMES = ['clear', 'hit', 'confirmed', 'not-confirmed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const CHECK_STATES = ['waiting', 'answered', 'retrying'] as const;
export type CheckState = (typeof CHECK_STATES)[number];

/** Who is checked; built by the processing pipeline from the application and the person. */
export interface RegistrySubject {
  personId: string | null;
  givenNames: string;
  surname: string;
  /** YYYY-MM-DD, or null when unknown. */
  dateOfBirth: string | null;
  nationality: string | null;
  documentNumber: string | null;
  /** The employer's company code, when the application gives one. */
  employerCode: string | null;
  serviceId: string;
  groundId: string | null;
}

/** One row of registry_checks, as other modules read it. */
export interface RegistryCheck {
  caseId: string;
  registry: RegistryId;
  state: CheckState;
  outcome: CheckOutcome | null;
  /** Why the outcome, e.g. 'sis-entry-ban-alert', 'no-insured-employment'. */
  reasonCode: string | null;
  /** Staff-only facts (alert id, employer, exam date…); never shown to the applicant. */
  details: Record<string, unknown>;
  requestedAt: Date;
  answeredAt: Date | null;
  expectedBy: Date | null;
  attempts: number;
  lastError: string | null;
}

export type AnsweredListener = (
  caseId: string,
  registry: RegistryId,
  trx: AnyTransaction,
) => Promise<void>;

export interface RegistriesService {
  /** Which registries a service/ground needs (from content/lt/registries/registries.yaml). */
  registriesFor(serviceId: string, groundId: string | null): RegistryId[];
  /**
   * Idempotent: rows for registries not yet requested on this case are inserted as 'waiting'
   * and one `registries.check-case` job is enqueued for them in the caller's transaction
   * (outbox). Gives the case's checks after the request (as `checksOf` would).
   */
  request(
    caseId: string,
    subject: RegistrySubject,
    registries: RegistryId[],
    trx: AnyTransaction,
  ): Promise<RegistryCheck[]>;
  checksOf(caseId: string, trx?: AnyTransaction): Promise<RegistryCheck[]>;
  /** Called inside the transaction that stores an answer; the pipeline re-runs from it. */
  onAnswered(listener: AnsweredListener): void;
}

/** What a register says about a subject. */
export interface RegistryAnswer {
  outcome: CheckOutcome;
  reasonCode: string | null;
  details: Record<string, unknown>;
}

/** An asynchronous register (VSD) acknowledges first and answers later. */
export interface RegistryAcknowledgement {
  ticket: string;
  /** When the register expects to answer. */
  expectedBy: Date;
}

/**
 * One register's port. Synchronous registers implement `check`; an asynchronous one implements
 * `submit` and `collect` (collect gives undefined while the answer is not ready). The signal is
 * aborted when the caller's timeout gives up on the call.
 */
export type RegistryPort =
  | { kind: 'sync'; check(subject: RegistrySubject, signal?: AbortSignal): Promise<RegistryAnswer> }
  | {
      kind: 'async';
      submit(subject: RegistrySubject, signal?: AbortSignal): Promise<RegistryAcknowledgement>;
      collect(
        ticket: string,
        subject: RegistrySubject,
        signal?: AbortSignal,
      ): Promise<RegistryAnswer | undefined>;
    };
