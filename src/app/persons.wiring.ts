import type { ApplicationRow } from '../modules/applications';
import type { IssuedDocument } from '../modules/cases';
import { parseTravelDocumentMrz } from '../modules/documents';
import type { PersonsService } from '../modules/persons';
import type { RecordInput } from '../modules/persons';
import type { Clock } from '../platform/clock';
import type { AnyTransaction } from '../platform/db';
import { isAppError } from '../platform/errors';
import type { Logger } from '../platform/log';

/** The answer holding the travel document's machine-readable zone (applications module). */
const MRZ_ANSWER = 'travel-document-mrz';
const NUMBER_ANSWER = 'travel-document-number';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ALPHA3 = /^[A-Z]{3}$/;
/** The ICAO 9303 document codes: P… passports, I…, A…, C… identity and other travel cards. */
const DOCUMENT_TYPES: Record<string, string> = { P: 'passport', I: 'identity-card' };

type Matcher = Pick<PersonsService, 'matchRecord'>;

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const code = (v: unknown) => {
  const t = text(v)?.toUpperCase();
  return t && ALPHA3.test(t) ? t : null;
};
const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : null);

/** The person an application is for, as the register reads it; null when there is no surname. */
export function recordOfApplication(row: ApplicationRow, today: Date): RecordInput | null {
  const a = row.answers;
  // Filed for someone else without their name in the answers: the name the filer gave.
  const forName = text(row.for_person_name)?.split(/\s+/) ?? [];
  const surname = text(a.surname) ?? (forName.length > 1 ? forName.at(-1)! : null);
  if (!surname) return null;
  const givenNames = text(a['given-names']) ?? (a.surname ? '' : forName.slice(0, -1).join(' '));
  // The MRZ only when every check digit holds: a mistyped number must not link by the rule.
  const mrz = text(a[MRZ_ANSWER]) ? parseTravelDocumentMrz(a[MRZ_ANSWER]!, { today }) : null;
  const doc = mrz?.valid ? mrz.fields : null;
  const sex = doc?.sex === 'male' ? 'M' : doc?.sex === 'female' ? 'F' : null;
  return {
    sourceKind: 'application',
    sourceId: row.id,
    sourceLabel: row.reference,
    givenNames,
    surname,
    dateOfBirth: day(a['date-of-birth']) ?? day(row.for_person_birth_date) ?? null,
    sex,
    nationality: code(a.nationality) ?? code(doc?.nationality),
    // Without a readable zone, a number typed on its own (demo and partner answers) is taken,
    // issued by the nationality's state as the matcher assumes.
    documentNumber: text(doc?.documentNumber) ?? text(a[NUMBER_ANSWER]),
    documentState: code(doc?.issuingState),
    documentType: doc?.documentCode ? (DOCUMENT_TYPES[doc.documentCode[0]!] ?? null) : null,
    documentValidUntil: day(doc?.expiryDate),
    placeOfBirth: text(a['place-of-birth']),
  };
}

/**
 * For the applications module's onSubmitted hook (build-app): every submitted application is
 * matched into the persons register in the submission's transaction, so the person and the
 * application are never apart. A record the register cannot read (no surname) is logged and
 * skipped: a submission never fails for the register's sake.
 */
export function matchApplicationOnSubmission(
  persons: Matcher,
  deps: { clock: Clock; logger?: Pick<Logger, 'warn'> },
) {
  return async (row: ApplicationRow, trx: AnyTransaction): Promise<void> => {
    const input = recordOfApplication(row, deps.clock.now());
    if (!input) {
      deps.logger?.warn({ applicationId: row.id }, 'persons: application without a surname');
      return;
    }
    try {
      await persons.matchRecord(input, trx);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'PERSONS_RECORD_INVALID') throw e;
      deps.logger?.warn({ applicationId: row.id, problems: e.details }, 'persons: not matched');
    }
  };
}

/** A document Vartai handed over, as a record of its holder (issued by Lithuania). */
export function recordOfIssuedDocument(doc: IssuedDocument): RecordInput {
  return {
    sourceKind: 'held-document',
    sourceId: `${doc.documentKind}:${doc.documentNumber}`,
    sourceLabel: doc.documentNumber,
    givenNames: doc.holder.givenNames,
    surname: doc.holder.surname,
    dateOfBirth: day(doc.holder.dateOfBirth),
    sex: null,
    nationality: code(doc.holder.nationality),
    documentNumber: doc.documentNumber,
    documentState: 'LTU',
    documentType: doc.documentKind,
    documentValidUntil: day(doc.expiresOn),
    placeOfBirth: null,
    // Issued on that application to the person it was for: the same person, whatever the score.
    samePersonAs: { sourceKind: 'application', sourceId: doc.applicationId },
  };
}

/**
 * For production's recordIssued port (production.wiring.ts), beside holdings: the document
 * handed over joins the person of the application it was issued on (matched as any record when
 * that application is not in the register), in the hand-over's transaction; a later record
 * quoting its number links to that person by the deterministic rule.
 */
export function matchIssuedDocument(persons: Matcher, deps: { logger?: Pick<Logger, 'warn'> }) {
  return async (doc: IssuedDocument, trx: AnyTransaction): Promise<void> => {
    if (!text(doc.holder.surname)) return;
    try {
      await persons.matchRecord(recordOfIssuedDocument(doc), trx);
    } catch (e) {
      if (!isAppError(e) || e.code !== 'PERSONS_RECORD_INVALID') throw e;
      deps.logger?.warn({ caseId: doc.caseId, problems: e.details }, 'persons: not matched');
    }
  };
}
