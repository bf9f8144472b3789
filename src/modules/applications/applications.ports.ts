import type { AnyTransaction } from '../../platform/db';
import type { Language } from '../../platform/i18n';

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
  /** Plain words on the legal processing term (e.g. "4 months"), for the status page. */
  legalTerm(
    serviceId: string,
    groundId: string,
    urgent: boolean,
  ): { amount: number; unit: string } | undefined;
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
  /** The fee due on the given date, in euro cents (0 when none is due). */
  feeCents(
    serviceId: string,
    groundId: string,
    urgent: boolean,
    on: Date,
    answers: Record<string, unknown>,
  ): number;
}

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
    urgent: boolean,
    on: Date,
  ): { until: Date; rule: string; uncertain: boolean } | undefined;
}
