/**
 * Builders for fold tests: events with sensible defaults, and a seeded random stream of whole
 * case lives (submission, triage, visits, examination, suspensions, decisions, production) mixed
 * with assistant, contact-centre and capacity events, in the order the fold would read them.
 */
import type { CaseActionKind, CaseStatus, DecisionOutcome } from '../../cases';
import type { AnalyticsEvent, EventOf } from '../events.schemas';
import { createRandom } from '../../../platform/random';
import { daysBetween, vilniusDay } from './fold.days';

export const SERVICE = 'temporary-residence-permit';
export const BRANCHES = ['VLN', 'KNS', 'KLP', 'SIA'] as const;

/** A uuid from a number, so tests can spell ids. */
export const uid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** 09:00 UTC: the same calendar day in Vilnius all year. */
export const at = (day: string, minutes = 0) =>
  new Date(Date.parse(`${day}T09:00:00Z`) + minutes * 60_000);

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function submitted(
  n: number,
  over: Partial<EventOf<'application.submitted'>> = {},
): EventOf<'application.submitted'> {
  const day = over.submittedOn ?? '2027-03-01';
  return {
    kind: 'application.submitted',
    occurredAt: at(day),
    applicationId: uid(1000 + n),
    caseId: uid(n),
    serviceId: SERVICE,
    groundId: 'work',
    urgency: 'general',
    channel: 'portal',
    nationalityGroup: 'central-asia',
    deliveryBranchCode: 'VLN',
    submittedOn: day,
    termStartsOn: day,
    deadlineOn: addDays(day, 120),
    termDays: 120,
    ...over,
  };
}

export function action(
  n: number,
  seq: number,
  kind: CaseActionKind,
  from: CaseStatus,
  to: CaseStatus,
  occurredAt: Date,
  over: Partial<EventOf<'case.action'>> = {},
): EventOf<'case.action'> {
  return {
    kind: 'case.action',
    occurredAt,
    caseId: uid(n),
    serviceId: SERVICE,
    branchCode: 'none',
    seq,
    action: kind,
    actorKind: 'staff',
    staffAccountId: uid(9000),
    statusBefore: from,
    statusAfter: to,
    outcome: null,
    visitBranchCode: null,
    termStartsOn: null,
    deadlineOn: null,
    deadlineBefore: null,
    termDays: null,
    dueOn: null,
    ...over,
  };
}

export function visit<
  K extends 'appointment.booked' | 'appointment.checked-in' | 'appointment.no-show',
>(kind: K, n: number, branchCode: string, visitOn: string, occurredAt: Date) {
  return {
    kind,
    occurredAt,
    appointmentId: uid(5000 + n),
    applicationId: uid(1000 + n),
    branchCode,
    serviceId: SERVICE,
    visitOn,
  } as EventOf<K>;
}

const OUTCOME_STATUS: Record<DecisionOutcome, CaseStatus> = {
  grant: 'granted',
  refuse: 'refused',
  terminate: 'terminated',
};

/**
 * A seeded random history of `cases` case lives from 2027-01-04 over about a year, sorted by
 * business time (each case's own events strictly later one after another, as causal order gives).
 */
export function randomStream(seed: number, cases: number): AnalyticsEvent[] {
  const rnd = createRandom(seed);
  const out: AnalyticsEvent[] = [];
  let id = 0;
  const base = Date.parse('2027-01-04T06:00:00Z');
  for (let n = 1; n <= cases; n++) {
    let t = base + rnd.int(200) * 86_400_000 + rnd.int(600) * 60_000;
    const step = (maxDays: number) => {
      t += 3_600_000 + rnd.int(maxDays * 24) * 3_600_000;
      return new Date(t);
    };
    const now = () => new Date(t);
    const day = () => vilniusDay(now());
    const subDay = day();
    const termDays = rnd.pick([30, 90, 120]);
    let deadline = addDays(subDay, termDays);
    const service = rnd.pick([SERVICE, 'permanent-residence-permit', 'identity-documents']);
    out.push(
      submitted(n, {
        occurredAt: now(),
        serviceId: service,
        submittedOn: subDay,
        termStartsOn: subDay,
        deadlineOn: deadline,
        termDays,
        groundId: rnd.pick(['work', 'family', 'study', 'none']),
        channel: rnd.pick(['portal', 'partner'] as const),
        urgency: rnd.pick(['general', 'urgent'] as const),
        nationalityGroup: rnd.pick(['central-asia', 'eastern-europe', 'south-asia']),
        deliveryBranchCode: rnd.pick([...BRANCHES, 'none']),
      }),
    );
    const caseFacts = { serviceId: service };
    out.push({
      kind: 'triage.run',
      occurredAt: step(1),
      runId: uid(++id + 100_000),
      caseId: uid(n),
      serviceId: service,
      seq: 1,
      tier: rnd.pick(['routine', 'standard', 'enhanced'] as const),
      switchedOff: rnd.chance(0.1),
      criteriaVersion: 'v1',
    });
    if (rnd.chance(0.2))
      out.push({
        kind: 'triage.run',
        occurredAt: step(1),
        runId: uid(++id + 100_000),
        caseId: uid(n),
        serviceId: service,
        seq: 2,
        tier: rnd.pick(['routine', 'standard', 'enhanced'] as const),
        switchedOff: false,
        criteriaVersion: 'v1',
      });
    let seq = 1;
    const act = (
      kind: CaseActionKind,
      from: CaseStatus,
      to: CaseStatus,
      over: Partial<EventOf<'case.action'>> = {},
    ) => out.push(action(n, ++seq, kind, from, to, step(3), { ...caseFacts, ...over }));
    const visitBranch = rnd.pick(BRANCHES);
    if (rnd.chance(0.6)) {
      const booked = rnd.pick(BRANCHES);
      const visitOn = addDays(day(), 3 + rnd.int(10));
      out.push({ ...visit('appointment.booked', n, booked, visitOn, step(1)), serviceId: service });
      if (rnd.chance(0.2)) {
        out.push({
          ...visit('appointment.booked', n, visitBranch, addDays(visitOn, 2), step(1)),
          kind: 'appointment.moved',
          serviceId: service,
          appointmentId: uid(++id + 200_000),
          fromAppointmentId: uid(5000 + n),
          fromBranchCode: booked,
          fromVisitOn: visitOn,
        } as EventOf<'appointment.moved'>);
      }
    }
    if (rnd.chance(0.1)) {
      out.push({
        ...visit('appointment.no-show', n, visitBranch, day(), step(2)),
        serviceId: service,
      });
      if (rnd.chance(0.5)) {
        act('withdrawn', 'submitted', 'withdrawn');
        continue;
      }
    }
    act('visit-required', 'submitted', 'awaiting-visit');
    out.push({
      ...visit('appointment.checked-in', n, visitBranch, day(), step(1)),
      serviceId: service,
    });
    act('accepted', 'awaiting-visit', 'accepted', {
      visitBranchCode: rnd.chance(0.9) ? visitBranch : null,
      termStartsOn: subDay,
      deadlineOn: deadline,
      termDays,
    });
    let assigned: string = 'none';
    if (rnd.chance(0.7)) {
      assigned = rnd.pick(BRANCHES);
      out.push({
        kind: 'case.assigned',
        occurredAt: step(2),
        caseId: uid(n),
        staffAccountId: uid(9000 + rnd.int(5)),
        branchCode: assigned,
      });
    }
    const staff = () => ({ staffAccountId: uid(9000 + rnd.int(5)), branchCode: assigned });
    act('examination-started', 'accepted', 'in-examination', { ...staff(), deadlineOn: deadline });
    if (rnd.chance(0.3)) {
      act('information-requested', 'in-examination', 'information-requested', {
        ...staff(),
        deadlineOn: deadline,
        dueOn: addDays(day(), 14),
      });
      const asked = day();
      step(20);
      // The suspension moves the deadline by the days the term stood still.
      deadline = addDays(deadline, Math.max(0, daysBetween(asked, day())));
      act('information-received', 'information-requested', 'in-examination', {
        actorKind: 'applicant',
        staffAccountId: null,
        branchCode: assigned,
        deadlineOn: deadline,
      });
    }
    if (rnd.chance(0.15)) continue; // still open
    if (rnd.chance(0.05)) {
      act('withdrawn', 'in-examination', 'withdrawn', { ...staff(), deadlineBefore: deadline });
      continue;
    }
    if (rnd.chance(0.3))
      out.push({
        kind: 'prepared-grant.used',
        occurredAt: step(1),
        caseId: uid(n),
        proposalId: uid(++id + 300_000),
        serviceId: service,
        edited: rnd.chance(0.5),
      });
    const outcome = rnd.pick(['grant', 'grant', 'grant', 'refuse', 'terminate'] as const);
    act('decision-proposed', 'in-examination', 'decision-proposed', {
      ...staff(),
      outcome,
      deadlineOn: deadline,
    });
    t += rnd.int(termDays) * 86_400_000; // some decisions late
    act('decision-approved', 'decision-proposed', OUTCOME_STATUS[outcome], {
      ...staff(),
      outcome: rnd.chance(0.5) ? outcome : null,
      deadlineBefore: rnd.chance(0.8) ? deadline : null,
    });
    if (rnd.chance(0.1))
      out.push({
        kind: 'triage.overridden',
        occurredAt: step(1),
        overrideId: uid(++id + 400_000),
        runId: uid(id + 100_000),
        caseId: uid(n),
        serviceId: service,
        tier: 'routine',
      });
    if (outcome !== 'grant') continue;
    act('document-ordered', 'granted', 'document-ordered', staff());
    act('document-produced', 'document-ordered', 'document-produced', staff());
    act('ready-for-collection', 'document-produced', 'ready-for-collection', staff());
    act('issued', 'ready-for-collection', 'issued', staff());
  }
  // Events with no case: assistant, conversations, contacts, capacity and walk-ins.
  for (let i = 0; i < cases; i++) {
    const when = new Date(base + rnd.int(300) * 86_400_000 + rnd.int(900) * 60_000);
    const visitOn = vilniusDay(when);
    const branchCode = rnd.pick(BRANCHES);
    const pick = rnd.int(6);
    if (pick === 0)
      out.push({
        kind: 'assistant.answered',
        occurredAt: when,
        answerId: uid(++id + 500_000),
        lang: rnd.pick(['lt', 'en', 'ru', 'uk'] as const),
        answerKind: rnd.pick(['faq', 'catalogue', 'handoff'] as const),
        confidence: rnd.pick(['low', 'medium', 'high'] as const),
        handoffOffered: rnd.chance(0.2),
        signedIn: rnd.chance(0.5),
      });
    else if (pick === 1)
      out.push({
        kind: 'conversation.replied',
        occurredAt: when,
        conversationId: uid(++id + 600_000),
        lang: 'ru',
        messageId: uid(++id + 600_000),
        staffAccountId: uid(9000),
        first: rnd.chance(0.7),
        minutesSinceHandoff: rnd.int(300),
      });
    else if (pick === 2)
      out.push({
        kind: 'contact.logged',
        occurredAt: when,
        entryId: uid(++id + 700_000),
        caseId: uid(1 + rnd.int(cases)),
        entryKind: rnd.pick(['contact', 'message'] as const),
        channel: rnd.pick(['phone', 'email', 'visit'] as const),
        staffAccountId: uid(9000),
      });
    else if (pick === 3)
      // Few keys, many reports: the latest capacity of a day must win however it is split.
      out.push({
        kind: 'appointment.capacity-set',
        occurredAt: when,
        branchCode: rnd.pick(['VLN', 'KNS']),
        serviceId: SERVICE,
        visitOn: addDays('2027-02-01', rnd.int(3)),
        capacity: rnd.int(60),
      });
    else
      out.push({
        kind: pick === 4 ? 'appointment.walk-in-served' : 'appointment.walk-in-left',
        occurredAt: when,
        walkInId: uid(++id + 800_000),
        branchCode,
        serviceId: SERVICE,
        visitOn,
      });
  }
  // The order the fold reads: causal per case (strictly later times), ties by insertion.
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || a.i - b.i)
    .map(({ e }) => e);
}
