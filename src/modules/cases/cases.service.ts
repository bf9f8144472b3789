import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import {
  allowedActions,
  deriveStatus,
  isDecided,
  lifecycleFor,
  OPENING_ACTION,
  type CaseActionInput,
  type CaseActionKind,
  type CaseStatus,
  type DecisionOutcome,
  type LifecycleVariant,
} from './cases.lifecycle';
import { localDate, onOrNextWorkingDay, type HolidayRules, type TermUnit } from '../catalogue';
import { visitNeeded, type NotifyApplicant } from './applicant-notices';
import { mayOpenCase } from './cases.access';
import type { CaseActionRow, CaseCachePatch, CaseRow, CasesRepository } from './cases.repository';
import { casesErrors } from './errors';
import { clockStart, legalClock } from './legal-clock';
import { searchKeysFor } from './contact-centre.keys';
import { writeSearchKeys } from './contact-centre.repository';

/** What the cases module needs to know about a submitted application (given by the composition root). */
export interface SubmittedApplication {
  id: string;
  service_id: string;
  ground_id: string | null;
  /** general, urgent, next-day, same-day; missing = general. */
  urgency?: string | undefined;
  submitted_at: Date | null;
  /** The reference and answers give the contact centre's search keys (contact-centre.keys.ts). */
  reference?: string | null | undefined;
  answers?: Record<string, unknown> | undefined;
  /** Who is told what to do next: the person it is for, else whoever filed it (notifications). */
  owner_account_id?: string | null | undefined;
  filed_by_account_id?: string | null | undefined;
}

/** The catalogue's rules that choose a service's lifecycle variant (adapted in src/app). */
export interface LifecycleRulesPort {
  lifecycleRules(serviceId: string): { visitRequired: boolean; grantNeedsApproval: boolean };
}

/** The catalogue's legal term of a case (adapted in src/app); null when the pack names none. */
export interface LegalTermsPort {
  legalTerm(q: {
    serviceId: string;
    groundId: string | null;
    urgency: string;
  }): { amount: number; unit: TermUnit; startsAt: string } | null;
  holidays: HolidayRules;
}

export interface CasesServiceDeps {
  repo: CasesRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  catalogue: LifecycleRulesPort;
  /** Fills the deadline cache; without it (a test that does not care) the term stays unknown. */
  terms?: LegalTermsPort | undefined;
  /** Tells the applicant of the visit when a case of a service with one opens (notifications). */
  notify?: NotifyApplicant | undefined;
}

/** An action to record on a case: what, by whom, with which facts. */
export interface NewCaseAction {
  kind: CaseActionKind;
  actor_kind: string;
  actor_id: string | null;
  details?: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES: readonly string[] = ['grant', 'refuse', 'terminate'];

/** The part of a stored action the lifecycle reads: its kind and, if any, the decision outcome. */
const lifecycleInput = (a: Pick<CaseActionRow, 'kind' | 'details'>): CaseActionInput => {
  const outcome = a.details['outcome'];
  return typeof outcome === 'string' && OUTCOMES.includes(outcome)
    ? { kind: a.kind, outcome: outcome as DecisionOutcome }
    : { kind: a.kind };
};

/** Staff who passed MFA may read cases; everyone else is told the case does not exist. */
const mayRead = (p: Principal) => p.kind === 'staff' && p.mfaPassed;

/** Told, in the recording transaction, when a case is decided or withdrawn. */
export type CaseClosedListener = (c: CaseRow, trx: AnyTransaction) => Promise<void>;

export function createCasesService(d: CasesServiceDeps) {
  const { repo, clock, ids, audit } = d;
  const closedListeners: CaseClosedListener[] = [];
  const closed = (status: CaseStatus) => isDecided(status) || status === 'withdrawn';
  const variantOf = (serviceId: string): LifecycleVariant =>
    lifecycleFor(d.catalogue.lifecycleRules(serviceId));

  /**
   * The queue columns: the day the term starts (submission or acceptance, per the catalogue's
   * `startsAt`) and its last day; both null while the start event has not happened or the pack
   * names no term. Suspensions are not counted here: whoever records them passes the new dates.
   */
  function termDates(
    c: Pick<CaseRow, 'service_id' | 'ground_id' | 'urgency'>,
    dates: { submittedOn: string; acceptedOn: string | null },
  ): Pick<CaseRow, 'term_starts_on' | 'deadline_on'> {
    const none = { term_starts_on: null, deadline_on: null };
    const term = d.terms?.legalTerm({
      serviceId: c.service_id,
      groundId: c.ground_id,
      urgency: c.urgency,
    });
    if (!term || !d.terms) return none;
    const start = clockStart(term.startsAt, dates);
    if (start === null) return none;
    // A same-day term (amount 0) ends on the start day, moved off a non-working day.
    if (term.amount === 0) {
      return { term_starts_on: start, deadline_on: onOrNextWorkingDay(start, d.terms.holidays) };
    }
    const r = legalClock({
      term: { amount: term.amount, unit: term.unit },
      start,
      suspensions: [],
      holidays: d.terms.holidays,
      today: start,
    });
    return r.ok ? { term_starts_on: start, deadline_on: r.clock.deadline } : none;
  }

  /** The status the table gives a list of actions; a list it refuses is refused as a whole. */
  function statusOf(serviceId: string, actions: readonly CaseActionInput[]) {
    const derived = deriveStatus(variantOf(serviceId), actions);
    if (!derived.ok) throw casesErrors.actionNotAllowed(derived);
    return derived.status;
  }

  /**
   * Opens the case of a submitted application, in the submission's own transaction: the case,
   * its first action `submitted` and the audit entry commit with the submission or not at all.
   * A second call for the same application returns the case it already has.
   */
  async function openCase(app: SubmittedApplication, trx: AnyTransaction): Promise<CaseRow> {
    const existing = await repo.findByApplication(app.id, trx);
    if (existing) return existing;
    const at = app.submitted_at ?? clock.now();
    const row: CaseRow = {
      id: ids.uuid(),
      application_id: app.id,
      service_id: app.service_id,
      ground_id: app.ground_id,
      urgency: app.urgency ?? 'general',
      branch_id: null,
      assigned_to: null,
      status: statusOf(app.service_id, [{ kind: OPENING_ACTION }]),
      ...termDates(
        { service_id: app.service_id, ground_id: app.ground_id, urgency: app.urgency ?? 'general' },
        { submittedOn: localDate(at), acceptedOn: null },
      ),
      opened_at: at,
    };
    if (!(await repo.insertIfAbsent(row, trx))) {
      // Another transaction opened it between our read and our insert (it has committed).
      return (await repo.findByApplication(app.id, trx)) as CaseRow;
    }
    await repo.appendAction(
      {
        case_id: row.id,
        at,
        kind: OPENING_ACTION,
        actor_kind: 'system',
        actor_id: null,
        details: { applicationId: app.id },
      },
      trx,
    );
    await writeSearchKeys(row.id, searchKeysFor(app), trx);
    await audit.record(
      {
        actor: { kind: 'system', id: 'cases' },
        action: 'cases.opened',
        subject: { kind: 'case', id: row.id },
        details: { applicationId: app.id, service: app.service_id, status: row.status },
      },
      trx,
    );
    // A visit comes before examination: the applicant is told with the submission, or not at all.
    const notice = visitNeeded(app, row, d.catalogue.lifecycleRules(app.service_id).visitRequired);
    if (notice && d.notify) await d.notify(notice, trx);
    return row;
  }

  /**
   * Records an action under the case row lock, if the lifecycle table allows it from the case's
   * current position (CASE_ACTION_NOT_ALLOWED otherwise), and updates the status cache and any
   * queue columns given in the same transaction. Authorisation is the caller's (the workbench).
   */
  async function recordAction(
    caseId: string,
    action: NewCaseAction,
    trx: AnyTransaction,
    cache: Omit<CaseCachePatch, 'status'> = {},
  ): Promise<CaseRow> {
    const locked = UUID.test(caseId) ? await repo.lock(caseId, trx) : undefined;
    if (!locked) throw casesErrors.notFound();
    const details = action.details ?? {};
    const before = await repo.actions(caseId, trx);
    // Acceptance starts the terms that count from it (catalogue `startsAt: application-accepted`).
    if (action.kind === 'accepted' && cache.deadline_on === undefined) {
      const dates = termDates(locked, {
        submittedOn: localDate(locked.opened_at),
        acceptedOn: localDate(clock.now()),
      });
      if (dates.term_starts_on !== locked.term_starts_on) cache = { ...cache, ...dates };
    }
    const status = statusOf(locked.service_id, [
      ...before.map(lifecycleInput),
      lifecycleInput({ kind: action.kind, details }),
    ]);
    // The decision (or a withdrawal) ends the legal term: from then on the queue neither orders
    // the case by its deadline nor counts it near or overdue. The case view shows how it ended.
    if (closed(status) && locked.deadline_on !== null) cache = { ...cache, deadline_on: null };
    await repo.appendAction(
      {
        case_id: caseId,
        at: clock.now(),
        kind: action.kind,
        actor_kind: action.actor_kind,
        actor_id: action.actor_id,
        details,
      },
      trx,
    );
    await repo.updateCache(caseId, { ...cache, status }, trx);
    const row = { ...locked, ...cache, status };
    // Closing a case ends what still waits on it elsewhere (e.g. a booked visit, a place in line).
    if (closed(status) && !closed(locked.status))
      for (const listener of closedListeners) await listener(row, trx);
    return row;
  }

  /**
   * The case if `p` may open it (mayOpenCase: MFA and branch isolation). A staff member turned
   * away by the branch rule gets the same "not found" as for an unknown id, and the attempt is
   * audited as 'cases.access-denied'.
   */
  async function readable(id: string, p: Principal): Promise<CaseRow> {
    const row = mayRead(p) && UUID.test(id) ? await repo.find(id) : undefined;
    if (!row) throw casesErrors.notFound();
    if (!mayOpenCase(p, row)) {
      await audit.record({
        actor: p,
        action: 'cases.access-denied',
        subject: { kind: 'case', id },
        details: { branchId: p.kind === 'staff' ? p.branchId : null },
      });
      throw casesErrors.notFound();
    }
    return row;
  }

  return {
    openCase,
    recordAction,
    /** Registers a listener for cases decided or withdrawn (called inside the transaction). */
    onClosed(listener: CaseClosedListener): void {
      closedListeners.push(listener);
    },
    /** The case if `p` may open it, unaudited (for changes, which audit themselves); else CASE_NOT_FOUND. */
    openable: readable,
    /**
     * What the lifecycle allows next on a case, given its actions (the proposed outcome decides
     * between approving and deciding). For pages: the record itself is checked again on recording.
     */
    nextActions(row: Pick<CaseRow, 'service_id'>, actions: readonly CaseActionRow[]) {
      const derived = deriveStatus(variantOf(row.service_id), actions.map(lifecycleInput));
      if (!derived.ok) return [];
      const state = derived.state;
      return allowedActions(variantOf(row.service_id), state.status, state.proposedOutcome);
    },
    /** A case for staff (after MFA); anyone else, or an unknown id, gets CASE_NOT_FOUND. */
    async getCase(id: string, p: Principal): Promise<CaseRow> {
      const row = await readable(id, p);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id },
        purpose: 'examination',
        fields: ['case'],
      });
      return row;
    },
    /** The case's actions in order, for staff (after MFA); anyone else gets CASE_NOT_FOUND. */
    async actionsOf(id: string, p: Principal): Promise<CaseActionRow[]> {
      await readable(id, p);
      const actions = await repo.actions(id);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'case', id },
        purpose: 'examination',
        fields: ['actions'],
      });
      return actions;
    },
  };
}

export type CasesService = ReturnType<typeof createCasesService>;
