/**
 * The fold, pure (ADR 0015, PLAN S5): a batch of events in the order the fold reads them
 * (`(tx, id)`), and the current `analytics_cases` rows of the cases they touch, in; the created or
 * changed case rows and the counter deltas of every daily fact table out. No clock, no database:
 * the fact day of an event is the Vilnius day of its business time.
 *
 * Associative: folding a batch at once, or in parts carrying the returned case rows into the next
 * part and adding the deltas (`mergeDeltas`), gives the same rows and totals — the only state
 * that crosses events lives in the case rows. Idempotency is the repository's (each event is
 * folded once, by the transaction-id watermark); the core only skips a case action whose `seq` is
 * not above the row's `last_seq`, so a rebuild over surviving rows cannot count an action twice.
 */
import type { CaseActionKind, CaseStatus, DecisionOutcome } from '../../cases';
import { NONE, type AnalyticsEvent, type EventOf } from '../events.schemas';
import { daysBetween, vilniusDay } from './fold.days';
import { addRow, emptyMaps, toDeltas, type DeltaMaps } from './fold.tables';
import {
  BRANCH_SOURCES,
  type AnalyticsCaseRow,
  type AppointmentsDelta,
  type AutomationMeasure,
  type BranchSource,
  type ContactChannel,
  type ContactMeasure,
  type Day,
  type FlowMeasure,
  type FoldResult,
} from './fold.types';

export { mergeDeltas } from './fold.tables';

/** Calendar days from submission to decision are bucketed one per day up to this cap. */
export const DAYS_CAP = 730;
/** Share of the term used, in 5 % buckets (the lower edge), capped here. */
export const TERM_PCT_STEP = 5;
export const TERM_PCT_CAP = 300;

/** Case actions that are steps of the flow table under their own name. */
const FLOW_OF_ACTION: Partial<Record<CaseActionKind, FlowMeasure>> = {
  accepted: 'accepted',
  'examination-started': 'examination-started',
  'information-requested': 'information-requested',
  'information-received': 'information-received',
  withdrawn: 'withdrawn',
  'document-ordered': 'document-ordered',
  'document-produced': 'document-produced',
  issued: 'issued',
  revoked: 'revoked',
};

/** Actions that decide a case, and the status each outcome leads to. */
const DECIDING_ACTIONS: readonly CaseActionKind[] = ['decision-approved', 'decided'];
const OUTCOME_OF_STATUS: Partial<Record<CaseStatus, DecisionOutcome>> = {
  granted: 'grant',
  refused: 'refuse',
  terminated: 'terminate',
};
/** An officer's actions that count as decisions in the throughput (proposed or approved). */
const DECISION_WORK: readonly CaseActionKind[] = [
  'decision-proposed',
  'decision-approved',
  'decided',
];

const rank = (s: BranchSource) => BRANCH_SOURCES.indexOf(s);

/** What the repository must load before folding: the rows of these cases and applications. */
export function casesTouched(events: readonly AnalyticsEvent[]): {
  caseIds: string[];
  applicationIds: string[];
} {
  const caseIds = new Set<string>();
  const applicationIds = new Set<string>();
  for (const e of events) {
    if ('caseId' in e) caseIds.add(e.caseId);
    else if ('applicationId' in e) applicationIds.add(e.applicationId);
  }
  return { caseIds: [...caseIds].sort(), applicationIds: [...applicationIds].sort() };
}

class Fold {
  readonly cases = new Map<string, AnalyticsCaseRow>();
  readonly caseOfApplication = new Map<string, string>();
  readonly changed = new Set<string>();
  readonly maps: DeltaMaps = emptyMaps();
  readonly unmatched = { unknownCase: 0, alreadyFolded: 0 };

  constructor(current: readonly AnalyticsCaseRow[]) {
    // Copies: the caller's rows are never changed.
    for (const r of current) this.remember({ ...r });
  }

  result(): FoldResult {
    const cases = [...this.changed].sort().map((id) => this.cases.get(id)!);
    return { cases, deltas: toDeltas(this.maps), unmatched: { ...this.unmatched } };
  }

  fold(e: AnalyticsEvent): void {
    switch (e.kind) {
      case 'application.submitted':
        return this.submitted(e);
      case 'case.action':
        return this.caseAction(e);
      case 'case.assigned':
        return this.touchBranch(this.cases.get(e.caseId), e.branchCode, 'assignment');
      case 'appointment.booked':
        this.visit(e, { booked: 1 });
        return this.touchBranch(this.caseOf(e.applicationId), e.branchCode, 'booking');
      case 'appointment.moved':
        this.visit({ ...e, branchCode: e.fromBranchCode, visitOn: e.fromVisitOn }, { moved: 1 });
        this.visit(e, { booked: 1 });
        return this.touchBranch(this.caseOf(e.applicationId), e.branchCode, 'booking');
      case 'appointment.cancelled':
      case 'appointment.cancelled-case-closed':
        return this.visit(e, { cancelled: 1 });
      case 'appointment.checked-in':
        return this.visit(e, { attended: 1 });
      case 'appointment.no-show':
        return this.visit(e, { no_show: 1 });
      case 'appointment.walk-in-served':
        return this.visit(e, { walk_ins_served: 1 });
      case 'appointment.walk-in-left':
        return this.visit(e, { walk_ins_left: 1 });
      case 'appointment.capacity-set':
        return this.visit(e, { capacity: e.capacity });
      // No column counts these (the appointments table is per visit, and a walk-in is counted
      // when served or gone); they stay in the event table for a later measure.
      case 'appointment.offered':
      case 'appointment.offer-lapsed':
      case 'appointment.walk-in-registered':
        return;
      case 'triage.run':
        return this.triageRun(e);
      case 'triage.overridden':
        this.automation('override', e);
        return this.patch(e.caseId, { triage_overridden: true });
      case 'prepared-grant.used':
        this.automation('prepared-grant-used', e);
        return this.patch(e.caseId, { prepared_grant_used: true });
      case 'assistant.answered':
        return addRow('assistant', this.maps.assistant, {
          day: vilniusDay(e.occurredAt),
          lang: e.lang,
          answer_kind: e.answerKind,
          answers: 1,
          handoffs_offered: e.handoffOffered ? 1 : 0,
          low_confidence: e.confidence === 'low' ? 1 : 0,
        });
      case 'conversation.handed-off':
        return this.contact('handed-off', e.occurredAt, 'assistant');
      case 'conversation.taken':
        return this.contact('taken', e.occurredAt, 'assistant');
      case 'conversation.replied':
        // Only the first reply measures the contact centre's pace; a first reply without its
        // minutes would pull the mean down, so it is not counted.
        if (e.first && e.minutesSinceHandoff !== null)
          this.contact('replied-first', e.occurredAt, 'assistant', e.minutesSinceHandoff);
        return;
      case 'conversation.closed':
        return this.contact('closed', e.occurredAt, 'assistant');
      case 'contact.logged':
        return this.contact(
          e.entryKind === 'message' ? 'message-sent' : 'contact-logged',
          e.occurredAt,
          e.channel,
        );
      default:
        return assertNever(e);
    }
  }

  private remember(row: AnalyticsCaseRow): void {
    this.cases.set(row.case_id, row);
    this.caseOfApplication.set(row.application_id, row.case_id);
  }

  private caseOf(applicationId: string): AnalyticsCaseRow | undefined {
    const id = this.caseOfApplication.get(applicationId);
    return id === undefined ? undefined : this.cases.get(id);
  }

  private patch(caseId: string, fields: Partial<AnalyticsCaseRow>): void {
    const row = this.cases.get(caseId);
    if (!row) {
      this.unmatched.unknownCase++;
      return;
    }
    Object.assign(row, fields);
    this.changed.add(caseId);
  }

  private submitted(e: EventOf<'application.submitted'>): void {
    if (this.cases.has(e.caseId)) {
      this.unmatched.alreadyFolded++;
      return;
    }
    const delivery = e.deliveryBranchCode !== NONE;
    const row: AnalyticsCaseRow = {
      case_id: e.caseId,
      application_id: e.applicationId,
      service_id: e.serviceId,
      ground_id: e.groundId,
      urgency: e.urgency,
      channel: e.channel,
      nationality_group: e.nationalityGroup,
      branch_code: delivery ? e.deliveryBranchCode : NONE,
      branch_source: delivery ? 'delivery' : 'none',
      submitted_on: e.submittedOn,
      accepted_on: null,
      term_starts_on: e.termStartsOn,
      deadline_on: e.deadlineOn,
      term_days: e.termDays,
      status: 'submitted',
      decided_on: null,
      outcome: null,
      deadline_met: null,
      closed_on: null,
      issued_on: null,
      triage_tier: null,
      triage_overridden: false,
      prepared_grant_used: false,
      last_seq: 1,
    };
    this.remember(row);
    this.changed.add(row.case_id);
    this.intake(row, 1);
  }

  /** The case's intake count, on its submission day, under its current dimensions. */
  private intake(row: AnalyticsCaseRow, applications: number): void {
    addRow('intake', this.maps.intake, {
      day: row.submitted_on,
      service_id: row.service_id,
      ground_id: row.ground_id,
      branch_code: row.branch_code,
      nationality_group: row.nationality_group,
      channel: row.channel,
      urgency: row.urgency,
      applications,
    });
  }

  /**
   * A branch from `source`: taken when the source is at least as strong as the one the case has
   * (the latest of the strongest wins: a moved booking, a reassignment). When the code changes,
   * the case's intake moves to it on its submission day (−1 and +1), so intake by branch is the
   * branch that handles the application.
   */
  private touchBranch(row: AnalyticsCaseRow | undefined, code: string, source: BranchSource) {
    if (!row) {
      this.unmatched.unknownCase++;
      return;
    }
    if (code === NONE || rank(source) > rank(row.branch_source)) return;
    if (code === row.branch_code && source === row.branch_source) return;
    if (code !== row.branch_code) {
      this.intake(row, -1);
      row.branch_code = code;
      this.intake(row, 1);
    }
    row.branch_source = source;
    this.changed.add(row.case_id);
  }

  private caseAction(e: EventOf<'case.action'>): void {
    const row = this.cases.get(e.caseId);
    if (row && e.seq <= row.last_seq) {
      // Its facts were counted when it was folded.
      this.unmatched.alreadyFolded++;
      return;
    }
    const day = vilniusDay(e.occurredAt);
    if (row) {
      // The visit first: an `accepted` action's facts count at the branch of the visit.
      if (e.action === 'accepted' && e.visitBranchCode !== null)
        this.touchBranch(row, e.visitBranchCode, 'visit');
      this.touchBranch(row, e.branchCode, 'assignment');
    } else {
      // Counted all the same with what the event knows; durations need the row (submission day).
      this.unmatched.unknownCase++;
    }
    const branch = row?.branch_code ?? e.branchCode;
    const flow = (measure: FlowMeasure) =>
      addRow('flow', this.maps.flow, {
        measure,
        day,
        service_id: e.serviceId,
        branch_code: branch,
        n: 1,
      });

    const stepMeasure = FLOW_OF_ACTION[e.action];
    if (stepMeasure) flow(stepMeasure);
    const outcome = DECIDING_ACTIONS.includes(e.action)
      ? (e.outcome ?? OUTCOME_OF_STATUS[e.statusAfter] ?? null)
      : null;
    // A decision is judged against the deadline as it stood before it (moved by suspensions).
    const deadline = e.deadlineBefore ?? row?.deadline_on ?? null;
    const met = outcome && deadline !== null ? day <= deadline : null;
    if (outcome) {
      flow(`decided-${outcome}`);
      if (met !== null) flow(met ? 'decided-in-term' : 'decided-late');
      if (row) this.durations(row, e, day, outcome, deadline);
    }
    if (e.staffAccountId !== null)
      addRow('officer', this.maps.officer, {
        day,
        service_id: e.serviceId,
        branch_code: branch,
        staff_account_id: e.staffAccountId,
        actions: 1,
        decisions: DECISION_WORK.includes(e.action) ? 1 : 0,
      });

    if (!row) return;
    row.status = e.statusAfter;
    row.last_seq = e.seq;
    row.term_starts_on = e.termStartsOn ?? row.term_starts_on;
    row.term_days = e.termDays ?? row.term_days;
    // Null once closed: the row keeps the deadline the case was judged against.
    row.deadline_on = e.deadlineOn ?? (outcome ? deadline : row.deadline_on);
    if (e.action === 'accepted') row.accepted_on ??= day;
    if (outcome) {
      row.decided_on = day;
      row.outcome = outcome;
      row.deadline_met = met;
      row.closed_on = day;
    }
    if (e.action === 'withdrawn') row.closed_on = day;
    if (e.action === 'issued') row.issued_on = day;
    this.changed.add(row.case_id);
  }

  /** Days from submission (one bucket per day) and the share of the legal term used. */
  private durations(
    row: AnalyticsCaseRow,
    e: EventOf<'case.action'>,
    day: Day,
    outcome: DecisionOutcome,
    deadline: Day | null,
  ): void {
    const base = { day, service_id: e.serviceId, branch_code: row.branch_code, outcome, n: 1 };
    const days = Math.min(DAYS_CAP, Math.max(0, daysBetween(row.submitted_on, day)));
    addRow('durations', this.maps.durations, { ...base, measure: 'days', bucket: days });
    const start = e.termStartsOn ?? row.term_starts_on;
    if (start === null || deadline === null) return;
    const span = daysBetween(start, deadline);
    if (span <= 0) return;
    const used = Math.max(0, daysBetween(start, day));
    // Integer arithmetic: deciding exactly on the deadline is bucket 100, not 95 by rounding.
    const bucket = Math.min(
      TERM_PCT_CAP,
      Math.floor((used * 100) / (span * TERM_PCT_STEP)) * TERM_PCT_STEP,
    );
    addRow('durations', this.maps.durations, { ...base, measure: 'term-pct', bucket });
  }

  private visit(
    e: { branchCode: string; serviceId: string; visitOn: Day },
    counts: Partial<Omit<AppointmentsDelta, 'day' | 'branch_code' | 'service_id'>>,
  ): void {
    addRow('appointments', this.maps.appointments, {
      day: e.visitOn,
      branch_code: e.branchCode,
      service_id: e.serviceId,
      capacity: null,
      booked: 0,
      cancelled: 0,
      moved: 0,
      attended: 0,
      no_show: 0,
      walk_ins_served: 0,
      walk_ins_left: 0,
      ...counts,
    });
  }

  private triageRun(e: EventOf<'triage.run'>): void {
    // A switched-off run is not triage (every case gets `standard`): counted as such, and it
    // neither counts as a tier nor sets the case's.
    this.automation(
      e.switchedOff ? 'switched-off' : e.seq === 1 ? `first-tier-${e.tier}` : 'rerun',
      e,
    );
    if (e.switchedOff) return;
    const row = this.cases.get(e.caseId);
    if (!row) {
      this.unmatched.unknownCase++;
      return;
    }
    if (row.triage_tier === null) {
      row.triage_tier = e.tier;
      this.changed.add(row.case_id);
    }
  }

  private automation(measure: AutomationMeasure, e: { occurredAt: Date; serviceId: string }): void {
    addRow('automation', this.maps.automation, {
      measure,
      day: vilniusDay(e.occurredAt),
      service_id: e.serviceId,
      n: 1,
    });
  }

  private contact(measure: ContactMeasure, at: Date, channel: ContactChannel, minutes = 0): void {
    addRow('contact', this.maps.contact, {
      measure,
      day: vilniusDay(at),
      channel,
      n: 1,
      minutes_sum: minutes,
    });
  }
}

// Unreachable: the switch is exhaustive at compile time, and stored events are parsed by the same
// union (`fromStored`) before they reach the fold.
function assertNever(e: never): never {
  throw new Error(`analytics fold: unhandled event ${(e as { kind: string }).kind}`);
}

/**
 * Folds a batch of events, in the order the fold reads them, over the current rows of the cases
 * they touch (`casesTouched` says which: by case id, and by application id for visits). Returns
 * the case rows to upsert and the counter deltas per daily table, keyed by each primary key.
 */
export function foldEvents(
  events: readonly AnalyticsEvent[],
  current: readonly AnalyticsCaseRow[],
): FoldResult {
  const fold = new Fold(current);
  for (const e of events) fold.fold(e);
  return fold.result();
}
