import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { ApplicationRow } from './applications.repository';

/**
 * What the applications module needs from its neighbours, in its own words. The composition root
 * adapts the catalogue, documents and payments modules to these ports, so this module never
 * depends on their internals and its core can be tested with plain objects.
 */
export type Texts = Partial<Record<Language, string>> & { lt: string };

export type QuestionType =
  'text' | 'date' | 'number' | 'select' | 'yes-no' | 'country' | 'email' | 'phone' | 'address';

export interface Question {
  id: string;
  type: QuestionType;
  required: boolean;
  label: Texts;
  hint?: Texts;
  options?: { value: string; label: Texts }[];
}

export interface RequiredDocument {
  id: string;
  name: Texts;
}

export interface CataloguePort {
  serviceName(serviceId: string): Texts | undefined;
  /** The grounds an application for the service can be made on. */
  grounds(serviceId: string): { id: string; name: Texts }[];
  /** Plain words on the legal processing term (e.g. "4 months") of an urgency level. */
  legalTerm(
    serviceId: string,
    groundId: string,
    urgency: string,
  ):
    | {
        amount: number;
        unit: string;
        /** What the term counts from: `submission`, or `application-accepted` (at the visit). */
        startsAt: string;
        /** The last day (YYYY-MM-DD) when the term starts on `from`; uncertain per the pack. */
        deadlineFrom(from: Date): { date: string; uncertain: boolean };
      }
    | undefined;
  groundName(serviceId: string, groundId: string): Texts | undefined;
  /** The questions that apply given the answers so far (conditions are the catalogue's). */
  visibleQuestions(
    serviceId: string,
    groundId: string,
    answers: Record<string, unknown>,
  ): Question[];
  requiredDocuments(
    serviceId: string,
    groundId: string,
    answers: Record<string, unknown>,
  ): RequiredDocument[];
  /**
   * The service fee on the given date for an urgency level, with the most favourable of the
   * claimed exemptions that apply; `cents: null` when the pack cannot compute it (it is then
   * settled at the branch, never blocking the application).
   */
  fee(
    serviceId: string,
    groundId: string,
    choice: { urgency: string; exemptions: string[] },
    on: Date,
  ): { cents: number | null; exemption: string | null };
  /** Ordering options of the pack (urgency levels, exemptions, delivery, visit): ordering.ts. */
  ordering: OrderingCatalogue;
}

export interface UrgencyOption {
  id: string;
  term: { amount: number; unit: string };
  /** Full fee of the level on the date; null when the pack cannot say. */
  feeCents: number | null;
}

export interface ExemptionOption {
  id: string;
  name: Texts;
  payPercent: number;
  minAge?: number;
  maxAge?: number;
  /** The document that proves it; absent: officers check it themselves. */
  evidence?: RequiredDocument;
}

export interface CourierRule {
  feeCents: number;
  levels: string[];
  notFirstDocument: boolean;
  requiresValidIdentityDocument: boolean;
  source: string;
}

export interface RemoteOrderRule {
  recordMaxAgeMonths: number;
  requiresValidIdentityDocument: boolean;
  source: string;
  uncertain: boolean;
}

export interface OrderingCatalogue {
  urgencyLevels(serviceId: string, groundId: string, on: Date): UrgencyOption[];
  exemptions(serviceId: string, groundId: string): ExemptionOption[];
  /** Whether the produced document is collected or delivered (the delivery step is asked). */
  hasDelivery(serviceId: string): boolean;
  courier(serviceId: string, on: Date): CourierRule | undefined;
  remoteOrder(serviceId: string, on: Date): RemoteOrderRule | undefined;
}

/** Who makes the register read: the signed-in person, or the system checking a draft. */
export type RecordReader = Principal | { kind: 'system'; id?: string };
export type RecordReadPurpose = 'remote-order-eligibility' | 'courier-eligibility';

/**
 * What the register knows of a person's identity documents and biometrics (holdings module):
 * for ordering without a visit and for the courier rule.
 */
export interface IdentityOnRecordPort {
  /** The read is personal data: the register audits it with this actor and purpose. */
  identityOnRecord(
    accountId: string,
    on: Date,
    actor: RecordReader,
    purpose: RecordReadPurpose,
  ): Promise<{
    photoTakenOn: Date | null;
    signatureTakenOn: Date | null;
    hasValidIdentityDocument: boolean;
    holdsAnyIdentityDocument: boolean;
  }>;
}

/** Branches where a produced document can be collected (accounts module). */
export type BranchesPort = () => Promise<{ code: string; name: Texts }[]>;

export interface StoredDocument {
  id: string;
  documentType: string;
  fileName: string;
  sizeBytes: number;
}

export interface PaymentsPort {
  statusFor(reference: {
    kind: string;
    id: string;
  }): Promise<'none' | 'pending' | 'paid' | 'failed' | 'cancelled'>;
  /** Starts (or resumes) paying; returns where to send the payer. */
  start(input: {
    payer: { accountId: string } | { partnerId: string };
    reference: { kind: string; id: string };
    amountCents: number;
    description: string;
    returnUrl: string;
  }): Promise<{ redirectUrl: string }>;
}

export interface DocumentsPort {
  listFor(owner: { kind: string; id: string }): Promise<StoredDocument[]>;
  /** Checks and stores a file; a refusal comes back as a reason code, nothing is kept. */
  store(input: {
    owner: { kind: string; id: string };
    uploadedBy: unknown;
    documentType: string;
    fileName: string;
    bytes: Uint8Array;
  }): Promise<{ ok: true; document: StoredDocument } | { ok: false; reason: string }>;
  remove(documentId: string, by: unknown): Promise<void>;
}

/** Tells a partner system about its application (signed webhook, sent after commit). */
export type PartnerNotifier = (
  partnerId: string,
  event: { type: string; data: Record<string, unknown> },
  trx: AnyTransaction,
) => Promise<unknown>;

export interface TravelDocumentFields {
  surname: string | null;
  givenNames: string | null;
  birthDate: string | null;
  expiryDate: string | null;
  documentNumber: string | null;
}

/** Reading the machine-readable zone of a passport or identity card (documents module). */
export interface TravelDocumentPort {
  parse(text: string): {
    valid: boolean;
    fields: TravelDocumentFields;
    problems: { field: string; code: string }[];
  };
  compare(
    fields: TravelDocumentFields,
    typed: { surname?: string; givenNames?: string; birthDate?: string },
  ): { field: string; mrz: string | null; typed: string }[];
  /** Until when the document should stay valid for this application, and the rule that says so. */
  mustBeValidUntil(
    serviceId: string,
    groundId: string,
    urgency: string,
    on: Date,
  ): { until: Date; rule: string; uncertain: boolean } | undefined;
}

/** A rule check shown before submission, already in the page's language (rules module, src/app). */
export interface PreSubmissionCheck {
  check: string;
  name: string;
  outcome: 'met' | 'not-met' | 'cannot-tell';
  /** The govuk-tag modifier of the outcome. */
  tagClass: string;
  reasons: { text: string; citation: string; uncertain: boolean }[];
  /** Facts the check lacked (message key rules.fact.<fact>) and where the applicant gives them. */
  missing: { fact: string; href?: string }[];
}

/** The checks an applicant can still fix, for a draft on the check page; [] when none apply. */
export type PreSubmissionChecks = (
  row: ApplicationRow,
  lang: Language,
) => Promise<PreSubmissionCheck[]>;
