/**
 * What every branch desk operation shares: the ports to the rest of Vartai, who may work at which
 * desk (staff at their own branch's; head office staff, with no branch, at every branch's; another
 * branch answers as an unknown one, like the branch isolation of cases), refusals as values, and
 * recording a served visit on the case inside the desk's own transaction.
 */
import type { Clock, Ids } from '../../platform/clock';
import { isUniqueViolation, type AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { AuditModule } from '../audit';
import { localDate } from '../catalogue';
import type { BranchesPack, PackBranch } from './calendar.pack';
import type { DeskRepository, Take } from './desk.repository';
import { appointmentsErrors } from './errors';

export type Staff = Extract<Principal, { kind: 'staff' }>;

export interface DeskApplication {
  id: string;
  reference: string | null;
  serviceId: string;
  state: string;
}

/** A served visit to record on the application's case. */
export interface RecordedVisit {
  applicationId: string;
  staffAccountId: string;
  branch: string;
  deskVisitId: string;
  recorded: readonly Take[];
}

/** What the desk needs from the rest of Vartai (adapted in src/app/desk.wiring.ts). */
export interface DeskPorts {
  /** The code of a staff member's branch; null for head office (no branch). */
  branchOf(staff: Staff): Promise<string | null>;
  /** Applications by id that `staff` may see (the day list's references); others are left out. */
  applications(ids: readonly string[], staff: Staff): Promise<Map<string, DeskApplication>>;
  /** An application by its reference number (a walk-in names it), if `staff` may see it. */
  byReference(reference: string, staff: Staff): Promise<DeskApplication | undefined>;
  /** What the service's visit records (catalogue `visit.takes`); empty when it needs no visit. */
  takes(serviceId: string): readonly Take[];
  /** The service's name in a language (the catalogue). */
  serviceName(serviceId: string, lang: Language): string;
  /** The application's case still waits for its visit. */
  waitsForVisit(applicationId: string): Promise<boolean>;
  /**
   * Records the visit on the case in `trx` (the lifecycle's visit steps, with what was recorded);
   * null when the case waits for no visit (already accepted, withdrawn, or no case).
   */
  recordVisit(
    v: RecordedVisit,
    trx: AnyTransaction,
  ): Promise<{ caseId: string; actions: string[] } | null>;
}

type Reason =
  | 'not-booked'
  | 'not-today'
  | 'too-early'
  | 'no-visit'
  | 'visit-done'
  | 'not-waiting'
  | 'unknown-reference'
  | 'not-submitted'
  | 'already-waiting'
  | 'reason-missing';

/** Why the desk did not do what was asked; nothing was changed. */
export type DeskRefusal =
  | { ok: false; reason: 'takes-missing'; missing: Take[] }
  | { ok: false; reason: 'has-appointment'; at: Date; branch: string }
  | { ok: false; reason: Reason };

class Refused extends Error {
  constructor(readonly refusal: DeskRefusal) {
    super(refusal.reason);
  }
}
/** A refusal thrown inside a change: rolls it back, then becomes the answer. */
export const refuse = (reason: Reason) => new Refused({ ok: false, reason });
export const refusal = (reason: Reason): DeskRefusal => ({ ok: false, reason });

export interface DeskDeps {
  repo: DeskRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  pack: BranchesPack;
  ports: DeskPorts;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDeskCore(d: DeskDeps) {
  const notFound = appointmentsErrors.deskNotFound;
  return {
    notFound,
    today: () => localDate(d.clock.now()),
    staffOf(p: Principal): Staff {
      if (p.kind !== 'staff' || !p.mfaPassed) throw notFound();
      return p;
    },

    /** The branch if `s` may work at its desk; another branch answers as an unknown one (audited). */
    async deskOf(s: Staff, code: string): Promise<PackBranch> {
      const own = await d.ports.branchOf(s);
      const branch = d.pack.branches.find((b) => b.code === code);
      if (branch && (own === null || own === code)) return branch;
      if (branch)
        await d.audit.record({
          actor: s,
          action: 'appointments.desk-access-denied',
          subject: { kind: 'branch', id: code },
          details: { own },
        });
      throw notFound();
    },

    /** The application behind a desk row; gone means the row is not shown. */
    async applicationOf(id: string, s: Staff) {
      const app = (await d.ports.applications([id], s)).get(id);
      if (!app) throw notFound();
      return app;
    },

    /** Runs a change in one transaction; a refusal thrown inside rolls it back and is the answer. */
    async attempt<T>(work: (trx: AnyTransaction) => Promise<T>) {
      try {
        return { ok: true as const, ...(await d.repo.db.transaction().execute(work)) };
      } catch (e) {
        if (e instanceof Refused) return e.refusal;
        // One place in the queue per application: a second registration lost the race.
        if (isUniqueViolation(e)) return refusal('already-waiting');
        throw e;
      }
    },

    /** What the catalogue asks the visit to record that the officer did not tick. */
    missingOf: (required: readonly Take[], ticked: readonly string[]) =>
      required.filter((t) => !ticked.includes(t)),

    /** Records the served visit on the case, in `trx`; a case that waits for none refuses it all. */
    async record(v: RecordedVisit, trx: AnyTransaction) {
      const r = await d.ports.recordVisit(v, trx);
      if (!r) throw refuse('visit-done');
      return r;
    },

    /** A staff read of personal data at the desk (references, the visit). */
    readAudit: (
      s: Staff,
      action: string,
      subject: { kind: string; id: string },
      details: Record<string, unknown>,
    ) => d.audit.record({ actor: s, action, subject, purpose: 'branch-desk', details }),
  };
}

export type DeskCore = ReturnType<typeof createDeskCore>;
