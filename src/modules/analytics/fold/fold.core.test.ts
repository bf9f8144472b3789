import { describe, expect, it } from 'vitest';
import type { AnalyticsEvent } from '../events.schemas';
import { ANALYTICS_EVENT_KINDS } from '../events.schemas';
import { IDS, SAMPLE_EVENTS } from '../events.test-support';
import { casesTouched, foldEvents, mergeDeltas } from './fold.core';
import { vilniusDay } from './fold.days';
import { action, at, randomStream, SERVICE, submitted, uid, visit } from './fold.test-support';
import type { AnalyticsCaseRow, FoldDeltas, FoldResult } from './fold.types';

/** Folds the batches one after another as the repository would: rows carried, deltas added. */
function foldInParts(parts: AnalyticsEvent[][], start: AnalyticsCaseRow[] = []) {
  const rows = new Map(start.map((r) => [r.case_id, r]));
  let deltas: FoldDeltas | null = null;
  for (const part of parts) {
    // Load only what the batch touches, as the repository will (by case and application id).
    const { caseIds, applicationIds } = casesTouched(part);
    const apps = new Set(applicationIds);
    const ids = new Set(caseIds);
    const current = [...rows.values()].filter(
      (r) => ids.has(r.case_id) || apps.has(r.application_id),
    );
    const r = foldEvents(part, current);
    for (const c of r.cases) rows.set(c.case_id, c);
    deltas = deltas ? mergeDeltas(deltas, r.deltas) : r.deltas;
  }
  return { rows, deltas: deltas! };
}

const intakeByBranch = (r: FoldResult | { deltas: FoldDeltas }) =>
  Object.fromEntries(r.deltas.intake.map((d) => [d.branch_code, d.applications]));
const flow = (r: { deltas: FoldDeltas }, measure: string) =>
  r.deltas.flow.filter((f) => f.measure === measure).reduce((s, f) => s + f.n, 0);

describe('intake', () => {
  it('counts a submission on its day under every dimension and opens the case row', () => {
    const r = foldEvents([submitted(1, { submittedOn: '2027-03-02' })], []);
    expect(r.deltas.intake).toEqual([
      {
        day: '2027-03-02',
        service_id: SERVICE,
        ground_id: 'work',
        branch_code: 'VLN',
        nationality_group: 'central-asia',
        channel: 'portal',
        urgency: 'general',
        applications: 1,
      },
    ]);
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]).toMatchObject({
      case_id: uid(1),
      branch_code: 'VLN',
      branch_source: 'delivery',
      status: 'submitted',
      deadline_on: '2027-06-30',
      last_seq: 1,
      closed_on: null,
    });
  });

  it('moves the intake from the delivery branch to the booked one, then to the visit branch', () => {
    const events = [
      submitted(1),
      visit('appointment.booked', 1, 'KNS', '2027-03-08', at('2027-03-01', 10)),
      action(1, 2, 'visit-required', 'submitted', 'awaiting-visit', at('2027-03-02')),
      action(1, 3, 'accepted', 'awaiting-visit', 'accepted', at('2027-03-08'), {
        visitBranchCode: 'KLP',
      }),
      // Weaker sources arriving later change nothing.
      { ...SAMPLE_EVENTS['case.assigned'], caseId: uid(1), branchCode: 'SIA' },
    ];
    const once = foldEvents(events, []);
    expect(intakeByBranch(once)).toEqual({ KLP: 1 });
    expect(once.cases[0]).toMatchObject({ branch_code: 'KLP', branch_source: 'visit' });
    // The accepted step counts at the visit branch.
    expect(once.deltas.flow).toContainEqual(
      expect.objectContaining({ measure: 'accepted', branch_code: 'KLP', n: 1 }),
    );

    // Split after each event: the delivery branch gets −1 later, the total is the same.
    const split = foldInParts(events.map((e) => [e]));
    expect(split.deltas).toEqual(once.deltas);
    expect(intakeByBranch(split)).toEqual({ KLP: 1 });
  });

  it('takes an assignment when the case had no delivery branch, and a reassignment after it', () => {
    const events = [
      submitted(1, { deliveryBranchCode: 'none' }),
      { ...SAMPLE_EVENTS['case.assigned'], caseId: uid(1), branchCode: 'KNS' },
      { ...SAMPLE_EVENTS['case.assigned'], caseId: uid(1), branchCode: 'VLN' },
    ];
    expect(intakeByBranch(foldEvents(events.slice(0, 1), []))).toEqual({ none: 1 });
    const r = foldEvents(events, []);
    expect(intakeByBranch(r)).toEqual({ VLN: 1 });
    expect(r.cases[0]).toMatchObject({ branch_source: 'assignment' });
  });

  it('the branch of a case action (the responsible one) is an assignment', () => {
    const r = foldEvents(
      [
        submitted(1, { deliveryBranchCode: 'none' }),
        action(1, 2, 'examination-started', 'accepted', 'in-examination', at('2027-03-03'), {
          branchCode: 'SIA',
        }),
      ],
      [],
    );
    expect(intakeByBranch(r)).toEqual({ SIA: 1 });
  });
});

describe('deadlines', () => {
  const decide = (day: string, over = {}) => [
    submitted(1, { submittedOn: '2027-03-01', deadlineOn: '2027-06-29', termDays: 120 }),
    action(1, 2, 'decision-proposed', 'in-examination', 'decision-proposed', at(day, -60), {
      outcome: 'grant',
      deadlineOn: '2027-06-29',
    }),
    action(1, 3, 'decision-approved', 'decision-proposed', 'granted', at(day), {
      deadlineBefore: '2027-06-29',
      ...over,
    }),
  ];

  it('decided on the deadline day is met', () => {
    const r = foldEvents(decide('2027-06-29'), []);
    expect(flow(r, 'decided-in-term')).toBe(1);
    expect(flow(r, 'decided-late')).toBe(0);
    expect(flow(r, 'decided-grant')).toBe(1);
    expect(r.cases[0]).toMatchObject({
      status: 'granted',
      outcome: 'grant',
      decided_on: '2027-06-29',
      closed_on: '2027-06-29',
      deadline_met: true,
      deadline_on: '2027-06-29',
    });
  });

  it('decided the day after is late', () => {
    const r = foldEvents(decide('2027-06-30'), []);
    expect(flow(r, 'decided-late')).toBe(1);
    expect(flow(r, 'decided-in-term')).toBe(0);
    expect(r.cases[0]!.deadline_met).toBe(false);
  });

  it('without a deadline on the event, the row’s deadline judges', () => {
    const r = foldEvents(decide('2027-06-30', { deadlineBefore: null }), []);
    expect(flow(r, 'decided-late')).toBe(1);
  });

  it('a case without a legal term is neither met nor late', () => {
    const events = decide('2027-06-30', { deadlineBefore: null });
    events[0] = submitted(1, { termStartsOn: null, deadlineOn: null, termDays: null });
    events[1] = { ...events[1]!, deadlineOn: null } as (typeof events)[1];
    const r = foldEvents(events, []);
    expect(flow(r, 'decided-grant')).toBe(1);
    expect(flow(r, 'decided-in-term') + flow(r, 'decided-late')).toBe(0);
    expect(r.cases[0]!.deadline_met).toBeNull();
    expect(r.deltas.durations.map((d) => d.measure)).toEqual(['days']);
  });

  it('a suspension moves the deadline: decided after the old one but before the moved one is met', () => {
    const events = [
      submitted(1, { submittedOn: '2027-03-01', deadlineOn: '2027-06-29' }),
      action(
        1,
        2,
        'information-requested',
        'in-examination',
        'information-requested',
        at('2027-04-01'),
        {
          deadlineOn: '2027-06-29',
          dueOn: '2027-04-15',
        },
      ),
      action(
        1,
        3,
        'information-received',
        'information-requested',
        'in-examination',
        at('2027-04-11'),
        {
          actorKind: 'applicant',
          staffAccountId: null,
          deadlineOn: '2027-07-09',
        },
      ),
      // The wiring names the moved deadline; the row carries it when it does not.
      action(1, 4, 'decided', 'in-examination', 'refused', at('2027-07-05'), { outcome: 'refuse' }),
    ];
    const r = foldEvents(events, []);
    expect(r.cases[0]).toMatchObject({ deadline_on: '2027-07-09', deadline_met: true });
    expect(flow(r, 'decided-in-term')).toBe(1);
    expect(flow(r, 'decided-refuse')).toBe(1);
    expect(flow(r, 'information-requested')).toBe(1);
    expect(flow(r, 'information-received')).toBe(1);
    // Split before the decision: the deadline crosses in the carried row.
    expect(foldInParts([events.slice(0, 3), events.slice(3)]).deltas).toEqual(r.deltas);
  });
});

describe('durations', () => {
  const decidedOn = (day: string, termStartsOn = '2027-03-01', deadlineOn = '2027-03-21') =>
    foldEvents(
      [
        submitted(1, { submittedOn: '2027-03-01', termStartsOn, deadlineOn, termDays: 20 }),
        action(1, 2, 'decided', 'in-examination', 'terminated', at(day), { outcome: null }),
      ],
      [],
    ).deltas.durations;

  it('buckets days from submission one per day and the share of the term in 5 % steps', () => {
    const d = decidedOn('2027-03-11');
    expect(d).toEqual([
      expect.objectContaining({ measure: 'days', bucket: 10, outcome: 'terminate', n: 1 }),
      expect.objectContaining({ measure: 'term-pct', bucket: 50, outcome: 'terminate', n: 1 }),
    ]);
    expect(d[0]).toMatchObject({ day: '2027-03-11', service_id: SERVICE, branch_code: 'VLN' });
  });

  it('the deadline day is exactly 100 %, and the caps hold', () => {
    expect(decidedOn('2027-03-21').find((x) => x.measure === 'term-pct')?.bucket).toBe(100);
    expect(decidedOn('2027-03-20').find((x) => x.measure === 'term-pct')?.bucket).toBe(95);
    const late = decidedOn('2029-12-01');
    expect(late.find((x) => x.measure === 'days')?.bucket).toBe(730);
    expect(late.find((x) => x.measure === 'term-pct')?.bucket).toBe(300);
  });

  it('measures the term from its start (at acceptance), not from submission', () => {
    const d = decidedOn('2027-03-16', '2027-03-11', '2027-03-21');
    expect(d.find((x) => x.measure === 'term-pct')?.bucket).toBe(50);
    expect(d.find((x) => x.measure === 'days')?.bucket).toBe(15);
  });
});

describe('flow and officers', () => {
  it('counts each step, closes on withdrawal, marks issue, and counts officer work', () => {
    const steps = [
      submitted(1),
      action(1, 2, 'visit-required', 'submitted', 'awaiting-visit', at('2027-03-01', 5)),
      action(1, 3, 'accepted', 'awaiting-visit', 'accepted', at('2027-03-02'), {
        visitBranchCode: 'VLN',
      }),
      action(1, 4, 'examination-started', 'accepted', 'in-examination', at('2027-03-03')),
      action(1, 5, 'decision-proposed', 'in-examination', 'decision-proposed', at('2027-03-04'), {
        outcome: 'grant',
      }),
      action(1, 6, 'decision-approved', 'decision-proposed', 'granted', at('2027-03-04', 30), {
        staffAccountId: uid(9001),
      }),
      action(1, 7, 'document-ordered', 'granted', 'document-ordered', at('2027-03-05')),
      action(1, 8, 'document-produced', 'document-ordered', 'document-produced', at('2027-03-09')),
      action(
        1,
        9,
        'ready-for-collection',
        'document-produced',
        'ready-for-collection',
        at('2027-03-10'),
      ),
      action(1, 10, 'issued', 'ready-for-collection', 'issued', at('2027-03-12')),
      action(1, 11, 'revocation-proposed', 'issued', 'revocation-proposed', at('2027-05-01')),
      action(1, 12, 'revoked', 'revocation-proposed', 'revoked', at('2027-05-02')),
    ];
    const r = foldEvents(steps, []);
    for (const m of [
      'accepted',
      'examination-started',
      'decided-grant',
      'decided-in-term',
      'document-ordered',
      'document-produced',
      'issued',
      'revoked',
    ])
      expect(flow(r, m), m).toBe(1);
    expect(r.deltas.flow.reduce((s, f) => s + f.n, 0)).toBe(8);
    expect(r.cases[0]).toMatchObject({
      status: 'revoked',
      accepted_on: '2027-03-02',
      decided_on: '2027-03-04',
      issued_on: '2027-03-12',
      closed_on: '2027-03-04',
      last_seq: 12,
      // Kept after closing: the deadline the decision was judged against.
      deadline_on: '2027-06-29',
    });
    const officer = r.deltas.officer;
    expect(officer.reduce((s, o) => s + o.actions, 0)).toBe(11);
    expect(officer.reduce((s, o) => s + o.decisions, 0)).toBe(2);
    expect(officer.find((o) => o.staff_account_id === uid(9001))).toMatchObject({
      day: '2027-03-04',
      actions: 1,
      decisions: 1,
      branch_code: 'VLN',
    });

    const withdrawn = foldEvents(
      [
        submitted(2),
        action(2, 2, 'withdrawn', 'submitted', 'withdrawn', at('2027-03-03'), {
          actorKind: 'applicant',
          staffAccountId: null,
        }),
      ],
      [],
    );
    expect(flow(withdrawn, 'withdrawn')).toBe(1);
    expect(withdrawn.cases[0]).toMatchObject({ closed_on: '2027-03-03', decided_on: null });
    expect(withdrawn.deltas.officer).toEqual([]);
  });

  it('an action at or below the row’s last seq is already folded: nothing counted twice', () => {
    const events = [
      submitted(1),
      action(1, 2, 'examination-started', 'accepted', 'in-examination', at('2027-03-03')),
    ];
    const first = foldEvents(events, []);
    const again = foldEvents(events, first.cases);
    expect(again.unmatched).toEqual({ unknownCase: 0, alreadyFolded: 2 });
    expect(again.cases).toEqual([]);
    expect(again.deltas.flow).toEqual([]);
    expect(again.deltas.intake).toEqual([]);
  });

  it('an action of an unknown case is counted with the event’s own branch, and no row is made', () => {
    const r = foldEvents(
      [
        action(7, 5, 'decided', 'in-examination', 'refused', at('2027-03-03'), {
          branchCode: 'KNS',
          deadlineBefore: '2027-03-02',
        }),
      ],
      [],
    );
    expect(r.cases).toEqual([]);
    expect(r.unmatched.unknownCase).toBe(1);
    expect(r.deltas.flow.map((f) => [f.measure, f.branch_code])).toEqual([
      ['decided-late', 'KNS'],
      ['decided-refuse', 'KNS'],
    ]);
    expect(r.deltas.durations).toEqual([]);
  });

  it('the fact day is the Vilnius day of the business time', () => {
    // 22:30 UTC on 1 March is 00:30 on 2 March in Vilnius (UTC+2).
    const r = foldEvents(
      [
        submitted(1),
        action(
          1,
          2,
          'examination-started',
          'accepted',
          'in-examination',
          new Date('2027-03-01T22:30:00Z'),
        ),
      ],
      [],
    );
    expect(r.deltas.flow[0]!.day).toBe('2027-03-02');
    expect(vilniusDay(new Date('2027-07-01T20:59:00Z'))).toBe('2027-07-01');
    expect(vilniusDay(new Date('2027-07-01T21:00:00Z'))).toBe('2027-07-02');
  });
});

describe('appointments', () => {
  it('counts per visit day, branch and service; a move is moved from one day and booked on another', () => {
    const base = SAMPLE_EVENTS['appointment.booked'];
    const on = (kind: AnalyticsEvent['kind']) => ({ ...base, kind }) as AnalyticsEvent;
    const r = foldEvents(
      [
        on('appointment.booked'),
        SAMPLE_EVENTS['appointment.moved'],
        { ...SAMPLE_EVENTS['appointment.cancelled'], by: 'staff' },
        on('appointment.cancelled-case-closed'),
        on('appointment.checked-in'),
        on('appointment.no-show'),
        SAMPLE_EVENTS['appointment.walk-in-served'],
        SAMPLE_EVENTS['appointment.walk-in-left'],
        SAMPLE_EVENTS['appointment.walk-in-registered'],
        SAMPLE_EVENTS['appointment.offered'],
        SAMPLE_EVENTS['appointment.offer-lapsed'],
        { ...SAMPLE_EVENTS['appointment.capacity-set'], capacity: 40 },
        { ...SAMPLE_EVENTS['appointment.capacity-set'], capacity: 44 },
      ],
      [],
    );
    const zero = {
      capacity: null,
      booked: 0,
      cancelled: 0,
      moved: 0,
      attended: 0,
      no_show: 0,
      walk_ins_served: 0,
      walk_ins_left: 0,
    };
    expect(r.deltas.appointments).toEqual([
      {
        ...zero,
        day: '2027-03-01',
        branch_code: 'KNS',
        service_id: 'identity-documents',
        walk_ins_served: 1,
        walk_ins_left: 1,
      },
      { ...zero, day: '2027-03-05', branch_code: 'KNS', service_id: SERVICE, moved: 1 },
      {
        ...zero,
        day: '2027-03-08',
        branch_code: 'VLN',
        service_id: SERVICE,
        capacity: 44,
        booked: 2,
        cancelled: 2,
        attended: 1,
        no_show: 1,
      },
    ]);
  });

  it('capacity is the latest reported, however the batches are split', () => {
    const cap = (capacity: number) => ({ ...SAMPLE_EVENTS['appointment.capacity-set'], capacity });
    const a = foldEvents([cap(10), cap(20)], []).deltas;
    const b = foldEvents([SAMPLE_EVENTS['appointment.booked']], []).deltas;
    expect(mergeDeltas(a, b).appointments[0]).toMatchObject({ capacity: 20, booked: 1 });
    expect(mergeDeltas(b, a).appointments[0]).toMatchObject({ capacity: 20, booked: 1 });
    expect(mergeDeltas(a, foldEvents([cap(0)], []).deltas).appointments[0]!.capacity).toBe(0);
  });
});

describe('automation', () => {
  it('first tier, reruns, switched-off runs, overrides and prepared grants', () => {
    const run = SAMPLE_EVENTS['triage.run'];
    const r = foldEvents(
      [
        submitted(2, { caseId: IDS.case }),
        { ...run, switchedOff: true, tier: 'standard' },
        { ...run, runId: uid(2), seq: 2, tier: 'enhanced' },
        { ...run, runId: uid(3), seq: 3, tier: 'routine' },
        SAMPLE_EVENTS['triage.overridden'],
        SAMPLE_EVENTS['prepared-grant.used'],
        { ...run, runId: uid(4), caseId: uid(77) },
      ],
      [],
    );
    const n = Object.fromEntries(r.deltas.automation.map((a) => [a.measure, a.n]));
    expect(n).toEqual({
      'first-tier-routine': 1,
      rerun: 2,
      'switched-off': 1,
      override: 1,
      'prepared-grant-used': 1,
    });
    // The case's tier is its first run that was triage (not switched off).
    expect(r.cases[0]).toMatchObject({
      triage_tier: 'enhanced',
      triage_overridden: true,
      prepared_grant_used: true,
    });
    expect(r.unmatched.unknownCase).toBe(1);
  });
});

describe('assistant and contact centre', () => {
  it('counts answers, handoffs offered and low confidence; handoffs, takes, first replies and logs', () => {
    const r = foldEvents(
      [
        SAMPLE_EVENTS['assistant.answered'],
        { ...SAMPLE_EVENTS['assistant.answered'], confidence: 'low', handoffOffered: true },
        SAMPLE_EVENTS['conversation.handed-off'],
        SAMPLE_EVENTS['conversation.taken'],
        SAMPLE_EVENTS['conversation.replied'],
        { ...SAMPLE_EVENTS['conversation.replied'], minutesSinceHandoff: 18 },
        { ...SAMPLE_EVENTS['conversation.replied'], first: false, minutesSinceHandoff: null },
        SAMPLE_EVENTS['conversation.closed'],
        SAMPLE_EVENTS['contact.logged'],
        { ...SAMPLE_EVENTS['contact.logged'], entryKind: 'message', channel: 'email' },
      ],
      [],
    );
    expect(r.deltas.assistant).toEqual([
      {
        day: '2027-03-01',
        lang: 'uk',
        answer_kind: 'faq',
        answers: 2,
        handoffs_offered: 1,
        low_confidence: 1,
      },
    ]);
    const c = Object.fromEntries(
      r.deltas.contact.map((x) => [`${x.measure}/${x.channel}`, [x.n, x.minutes_sum]]),
    );
    expect(c).toEqual({
      'handed-off/assistant': [1, 0],
      'taken/assistant': [1, 0],
      'replied-first/assistant': [2, 60],
      'closed/assistant': [1, 0],
      'contact-logged/phone': [1, 0],
      'message-sent/email': [1, 0],
    });
  });
});

describe('every event kind', () => {
  it('folds each kind; every kind but offers and walk-in registration leaves a fact', () => {
    const caseRow = foldEvents(
      [submitted(2, { caseId: IDS.case, applicationId: IDS.application })],
      [],
    ).cases;
    const silent = new Set([
      'appointment.offered',
      'appointment.offer-lapsed',
      'appointment.walk-in-registered',
    ]);
    for (const kind of ANALYTICS_EVENT_KINDS) {
      const r = foldEvents([SAMPLE_EVENTS[kind]], kind === 'application.submitted' ? [] : caseRow);
      const facts = Object.values(r.deltas).reduce((s, rows) => s + rows.length, 0);
      expect(facts > 0 || r.cases.length > 0, kind).toBe(!silent.has(kind));
    }
  });

  it('never changes the rows it is given', () => {
    const rows = foldEvents([submitted(1)], []).cases;
    const copy = structuredClone(rows);
    foldEvents([action(1, 2, 'withdrawn', 'submitted', 'withdrawn', at('2027-03-02'))], rows);
    expect(rows).toEqual(copy);
  });

  it('names the cases and applications a batch needs', () => {
    expect(
      casesTouched([
        SAMPLE_EVENTS['case.action'],
        SAMPLE_EVENTS['appointment.booked'],
        SAMPLE_EVENTS['assistant.answered'],
      ]),
    ).toEqual({ caseIds: [IDS.case], applicationIds: [IDS.application] });
  });
});

describe('associativity on a seeded random stream', () => {
  const events = randomStream(20271, 400);
  const once = foldEvents(events, []);

  it('the stream is long and varied', () => {
    expect(events.length).toBeGreaterThan(4000);
    expect(new Set(events.map((e) => e.kind)).size).toBeGreaterThanOrEqual(16);
    expect(once.unmatched).toEqual({ unknownCase: 0, alreadyFolded: 0 });
  });

  it.each([2, 7, 50])('folding in %i random parts gives the same rows and totals', (parts) => {
    const cuts = new Set<number>();
    // Deterministic cut points from the seed of the stream, not Math.random.
    for (let i = 1; cuts.size < parts - 1; i++) cuts.add((i * 7919 * parts) % events.length);
    const bounds = [0, ...[...cuts].sort((a, b) => a - b), events.length];
    const split = foldInParts(bounds.slice(1).map((end, i) => events.slice(bounds[i], end)));
    expect(split.deltas).toEqual(once.deltas);
    expect([...split.rows.values()].sort((a, b) => (a.case_id < b.case_id ? -1 : 1))).toEqual(
      once.cases,
    );
  });

  it('one event per batch gives the same totals', () => {
    const small = events.slice(0, 1000);
    expect(foldInParts(small.map((e) => [e])).deltas).toEqual(foldEvents(small, []).deltas);
  });

  it('intake is each case once, on its submission day, at its final branch', () => {
    const expected = new Map<string, number>();
    for (const c of once.cases) {
      const key = [
        c.submitted_on,
        c.service_id,
        c.ground_id,
        c.branch_code,
        c.nationality_group,
        c.channel,
        c.urgency,
      ].join('|');
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = new Map(
      once.deltas.intake.map((d) => [
        [
          d.day,
          d.service_id,
          d.ground_id,
          d.branch_code,
          d.nationality_group,
          d.channel,
          d.urgency,
        ].join('|'),
        d.applications,
      ]),
    );
    expect(got).toEqual(expected);
    expect(once.cases).toHaveLength(400);
  });

  it('every decision is in term or late exactly once, and has one days bucket', () => {
    const decided = once.cases.filter((c) => c.outcome !== null);
    expect(flow(once, 'decided-in-term') + flow(once, 'decided-late')).toBe(decided.length);
    expect(flow(once, 'decided-in-term')).toBe(decided.filter((c) => c.deadline_met).length);
    const days = once.deltas.durations.filter((d) => d.measure === 'days');
    expect(days.reduce((s, d) => s + d.n, 0)).toBe(decided.length);
    expect(decided.some((c) => c.deadline_met === false)).toBe(true);
  });

  it('capacity is the last one reported for each day', () => {
    const last = new Map<string, number>();
    for (const e of events)
      if (e.kind === 'appointment.capacity-set')
        last.set(`${e.visitOn}|${e.branchCode}`, e.capacity);
    for (const a of once.deltas.appointments)
      if (a.capacity !== null) expect(a.capacity).toBe(last.get(`${a.day}|${a.branch_code}`));
    expect(once.deltas.appointments.filter((a) => a.capacity !== null)).toHaveLength(last.size);
  });

  it('the same seed gives the same stream', () => {
    expect(randomStream(20271, 50)).toEqual(randomStream(20271, 50));
    expect(randomStream(20272, 50)).not.toEqual(randomStream(20271, 50));
  });
});
