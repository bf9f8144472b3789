import type { ApplicationRow, PreSubmissionChecks } from '../modules/applications';
import type { AppointmentsModule } from '../modules/appointments';
import { localDate, type CatalogueModule } from '../modules/catalogue';
import { parseTravelDocumentMrz, type DocumentsModule } from '../modules/documents';
import {
  addMonths,
  applicantChecks,
  monthsBetween,
  type ApplicationSnapshotInput,
  type MissingFact,
  type RulesModule,
} from '../modules/rules';
import type { Clock } from '../platform/clock';
import type { AnyTransaction } from '../platform/db';
import { isAppError } from '../platform/errors';
import type { Logger } from '../platform/log';

/** The MRZ answer of the travel document page (applications module, travel-document.ts). */
const MRZ_ANSWER = 'travel-document-mrz';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const URGENCY = ['general', 'urgent', 'next-day', 'same-day'] as const;

/** What the application row alone does not say, gathered from other modules for one date. */
export interface SnapshotFacts {
  /** The evaluation date (YYYY-MM-DD): today for a draft, the submission date on submission. */
  on: string;
  /** Document types attached to the application (documents module). */
  documents: readonly string[];
  /** Expiry date read from the travel document's machine-readable zone; null when not entered. */
  travelDocumentExpiry: string | null;
  /**
   * When the permit would start: the last day of the legal term counted from `on` (the decision
   * is due then; the term of a TRP counts from the visit, so this is the earliest it can be).
   */
  permitStartsOn: string | null;
  /** The booked (or attended) visit's date; null when none is booked (always, before submission). */
  visitDate: string | null;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const day = (v: unknown) => (typeof v === 'string' && DAY.test(v) ? v : null);

/** A euro amount typed by a person ("2400", "2400.50") in cents; null when not a plain number. */
export function euroCents(v: unknown): number | null {
  const t = text(v);
  if (!t || !/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** Whole months asked for, 1–120 (the snapshot's range); anything else is not an answer. */
function months(v: unknown): number | null {
  const t = text(v);
  if (!t || !/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 120 ? n : null;
}

function ageOn(birthDate: string, on: string): number | null {
  const years = Math.floor(monthsBetween(birthDate, on).months / 12);
  return years >= 0 && years <= 150 ? years : null;
}

/**
 * The application as the rules read it (src/modules/rules/snapshot.ts): answers turned into typed
 * facts (euros into cents, age on the evaluation date), the travel document's validity counted
 * against the permit asked for, the visit against the filing date. What is not known stays null,
 * so a check says "cannot tell" and names it rather than guessing.
 */
export function snapshotOf(row: ApplicationRow, f: SnapshotFacts): ApplicationSnapshotInput {
  const a = row.answers;
  const kind = a['application-kind'];
  const urgency = row.urgency ?? (row.urgent ? 'urgent' : 'general');
  const birthDate = day(a['date-of-birth']) ?? day(row.for_person_birth_date);
  const inLithuania = a['in-lithuania'];
  const shortage = a['shortage-occupation'];
  const requestedMonths = months(a['requested-months']);
  const until =
    requestedMonths && f.permitStartsOn ? addMonths(f.permitStartsOn, requestedMonths) : null;
  const expiry = day(f.travelDocumentExpiry);
  const filedOn = row.submitted_at ? localDate(row.submitted_at) : null;
  const visit = f.visitDate && filedOn ? monthsBetween(filedOn, f.visitDate) : null;
  const visitKnown = visit && visit.months >= 0 && visit.days >= 0;
  return {
    service: row.service_id,
    ground: row.ground_id,
    applicationKind: kind === 'first' || kind === 'renewal' ? kind : null,
    urgency: URGENCY.find((u) => u === urgency) ?? 'general',
    exemptions: row.fee_exemptions ?? [],
    documents: [...new Set(f.documents)].sort(),
    person: {
      birthDate,
      age: birthDate ? ageOn(birthDate, f.on) : null,
      nationality: text(a.nationality),
      inLithuania: inLithuania === 'yes' ? true : inLithuania === 'no' ? false : null,
    },
    travelDocument: {
      validUntil: expiry,
      monthsValidAfterPermit: expiry && until ? monthsBetween(until, expiry).months : null,
    },
    permit: { requestedMonths, until },
    means: { monthlyCents: euroCents(a['monthly-means']) },
    employment: {
      monthlySalaryCents: euroCents(a['monthly-salary']),
      shortageOccupation: shortage === 'yes' ? true : shortage === 'no' ? false : null,
    },
    filedOn,
    visit: {
      date: visitKnown ? f.visitDate : null,
      fullMonthsAfterFiling: visitKnown ? visit.months : null,
      daysBeyondFullMonths: visitKnown ? Math.min(visit.days, 30) : null,
    },
  };
}

/**
 * The facts an applicant is asked for when a check cannot tell, with where to give them: a
 * derived fact (months of validity after the permit) is named by what it is made of.
 */
export function missingFactsFor(row: ApplicationRow, s: ApplicationSnapshotInput) {
  const base = `/applications/${row.id}`;
  const question = (id: string) => `${base}/questions/${id}`;
  const where: Record<string, string> = {
    documents: `${base}/documents`,
    'travelDocument.validUntil': `${base}/travel-document`,
    'permit.requestedMonths': question('requested-months'),
    'person.birthDate': question('date-of-birth'),
    'person.nationality': question('nationality'),
    'person.inLithuania': question('in-lithuania'),
    applicationKind: question('application-kind'),
    'means.monthlyCents': question('monthly-means'),
    'employment.monthlySalaryCents': question('monthly-salary'),
    'employment.shortageOccupation': question('shortage-occupation'),
  };
  const madeOf = (fact: string): string[] => {
    if (fact === 'travelDocument.monthsValidAfterPermit' || fact === 'permit.until') {
      const parts = [
        ...(fact !== 'permit.until' && !s.travelDocument?.validUntil
          ? ['travelDocument.validUntil']
          : []),
        ...(s.permit?.requestedMonths ? [] : ['permit.requestedMonths']),
      ];
      return parts.length ? parts : [fact];
    }
    if (fact === 'person.age') return ['person.birthDate'];
    return [fact];
  };
  return (facts: string[]): MissingFact[] =>
    [...new Set(facts.flatMap(madeOf))].map((fact) =>
      where[fact] ? { fact, href: where[fact] } : { fact },
    );
}

/** Where the facts outside the application row come from, read in the caller's transaction. */
export interface SnapshotSources {
  facts(row: ApplicationRow, on: string, trx?: AnyTransaction): Promise<SnapshotFacts>;
}

export function snapshotSourcesFrom(
  catalogue: CatalogueModule,
  documents: DocumentsModule,
  appointments: () => Pick<AppointmentsModule, 'repo'>,
  clock: Clock,
): SnapshotSources {
  const permitStartsOn = (row: ApplicationRow, on: string): string | null => {
    try {
      const term = catalogue.legalTerm({
        serviceId: row.service_id,
        groundId: row.ground_id ?? undefined,
        urgent: row.urgent,
        urgency: row.urgency,
        renewal: row.answers['application-kind'] === 'renewal',
      });
      return catalogue.legalDeadline(term, new Date(`${on}T12:00:00Z`)).date;
    } catch (e) {
      // No term in the pack for this service or ground: the permit is counted from the day itself.
      if (isAppError(e) && e.code.startsWith('CATALOGUE_')) return on;
      throw e;
    }
  };
  const visitDate = async (applicationId: string, trx?: AnyTransaction) => {
    const { repo } = appointments();
    const current = (await repo.forApplication(applicationId, trx)).find(
      (x) => x.state === 'booked' || x.state === 'checked-in',
    );
    const slot = current && (await repo.slot(current.slot_id, trx));
    return slot ? localDate(slot.starts_at) : null;
  };
  return {
    async facts(row, on, trx) {
      const mrz = row.answers[MRZ_ANSWER];
      return {
        on,
        documents: (await documents.service.listFor({ kind: 'application', id: row.id }, trx)).map(
          (d) => d.documentType,
        ),
        travelDocumentExpiry: mrz
          ? parseTravelDocumentMrz(mrz, { today: clock.now() }).fields.expiryDate
          : null,
        permitStartsOn: row.ground_id ? permitStartsOn(row, on) : null,
        visitDate: row.state === 'submitted' ? await visitDate(row.id, trx) : null,
      };
    },
  };
}

/** A pack or parameter problem (RULES_*) must not stop a person from applying: it is logged. */
const rulesProblem = (e: unknown) => isAppError(e) && e.code.startsWith('RULES_');

/**
 * On submission, inside its transaction and after the case is opened: the evaluation on the
 * submission date is kept with the case (nothing when the service has no rule set).
 */
export function recordOnSubmission(
  rules: Pick<RulesModule, 'recordSubmission'>,
  sources: SnapshotSources,
  clock: Clock,
  logger: Pick<Logger, 'error'>,
) {
  return async (row: ApplicationRow, caseId: string | null, trx: AnyTransaction) => {
    const on = localDate(row.submitted_at ?? clock.now());
    const snapshot = snapshotOf(row, await sources.facts(row, on, trx));
    try {
      await rules.recordSubmission({ applicationId: row.id, caseId, snapshot, date: on }, trx);
    } catch (e) {
      if (!rulesProblem(e)) throw e;
      logger.error({ err: e, applicationId: row.id }, 'rule checks not kept for a submission');
    }
  };
}

/** "Checks before you submit" on the draft's check page, evaluated for today (not kept). */
export function checksBeforeSubmission(
  rules: Pick<RulesModule, 'forService' | 'evaluate' | 'explain'>,
  sources: SnapshotSources,
  clock: Clock,
  logger: Pick<Logger, 'error'>,
): PreSubmissionChecks {
  return async (row, lang) => {
    if (!(await rules.forService(row.service_id))) return [];
    const on = localDate(clock.now());
    const snapshot = snapshotOf(row, await sources.facts(row, on));
    try {
      const evaluation = await rules.evaluate(row.service_id, snapshot, on);
      return applicantChecks(await rules.explain(evaluation, lang), missingFactsFor(row, snapshot));
    } catch (e) {
      if (!rulesProblem(e)) throw e;
      logger.error({ err: e, applicationId: row.id }, 'rule checks not shown before submission');
      return [];
    }
  };
}
