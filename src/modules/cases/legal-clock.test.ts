import { describe, expect, it } from 'vitest';
import { createCatalogueModule } from '../catalogue';
import {
  clockStart,
  countByState,
  legalClock,
  type LegalClock,
  type LegalClockInput,
} from './legal-clock';

// The country pack's holidays (content/lt/reference/holidays.yaml), written out so each date
// below can be checked by hand.
const LT = {
  fixed: [
    '01-01',
    '02-16',
    '03-11',
    '05-01',
    '06-24',
    '07-06',
    '08-15',
    '11-01',
    '11-02',
    '12-24',
    '12-25',
    '12-26',
  ],
  easterOffsets: [0, 1],
};

const FOUR_MONTHS = { amount: 4, unit: 'months' } as const;

function clock(input: Partial<LegalClockInput> & Pick<LegalClockInput, 'today'>): LegalClock {
  const result = legalClock({
    term: FOUR_MONTHS,
    start: '2026-03-10',
    suspensions: [],
    holidays: LT,
    ...input,
  });
  if (!result.ok) throw new Error(`unexpected error ${result.error.code}`);
  return result.clock;
}

describe('legal term clock: suspensions', () => {
  it('runs without suspensions: 10 March + 4 months = Friday 10 July', () => {
    const c = clock({ today: '2026-05-04' });
    expect(c).toMatchObject({ status: 'running', deadline: '2026-07-10', suspendedDays: 0 });
    // 4 May → 10 July: 27 days left in May + 30 in June + 10 in July = 67.
    expect(c.daysLeft).toBe(67);
    expect(c.state).toBe('on-track');
  });

  it('moves the deadline by one answered suspension', () => {
    // Request 1 April, answer 15 April: 14 days; 10 July + 14 = Friday 24 July.
    const c = clock({
      suspensions: [{ from: '2026-04-01', to: '2026-04-15' }],
      today: '2026-05-04',
    });
    expect(c).toMatchObject({
      status: 'running',
      deadline: '2026-07-24',
      originalDeadline: '2026-07-10',
      suspendedDays: 14,
      suspendedWorkingDays: null,
      provisional: false,
      daysLeft: 81, // 27 (May) + 30 (June) + 24 (July)
    });
  });

  it('adds up several suspensions, back to back ones included', () => {
    // 1→15 April: 14 days; 15→20 April (asked again on the day of the answer): 5; 20 May →
    // 1 June: 12. 31 days: 10 July + 31 = Monday 10 August.
    const c = clock({
      suspensions: [
        { from: '2026-04-01', to: '2026-04-15' },
        { from: '2026-04-15', to: '2026-04-20' },
        { from: '2026-05-20', to: '2026-06-01' },
      ],
      today: '2026-06-10',
    });
    expect(c.suspendedDays).toBe(31);
    expect(c.deadline).toBe('2026-08-10');
    expect(c.daysLeft).toBe(61); // 20 (June) + 31 (July) + 10 (August)
  });

  it('counts an answer on the day of the request as no suspension', () => {
    const c = clock({
      suspensions: [{ from: '2026-04-01', to: '2026-04-01' }],
      today: '2026-05-04',
    });
    expect(c).toMatchObject({ suspendedDays: 0, deadline: '2026-07-10' });
  });

  it('keeps an unanswered request open: suspended, provisional, days left frozen', () => {
    // 14 days (April) + 20 June → today 25 June: 5 days; 10 July + 19 = Wednesday 29 July.
    const suspensions = [
      { from: '2026-04-01', to: '2026-04-15' },
      { from: '2026-06-20', to: null },
    ];
    const c = clock({ suspensions, today: '2026-06-25' });
    expect(c).toMatchObject({
      status: 'suspended',
      provisional: true,
      suspendedDays: 19,
      deadline: '2026-07-29',
      daysLeft: 34, // 5 (June) + 29 (July)
    });
    // One day later the deadline is one day later and the days left do not change.
    const next = clock({ suspensions, today: '2026-06-26' });
    expect(next).toMatchObject({ deadline: '2026-07-30', daysLeft: 34, status: 'suspended' });
  });

  it('moves the un-moved last day of a month-end term, not the Monday it was moved to', () => {
    // 31 October + 4 months = 28 February 2027 (a Sunday) → Monday 1 March without suspension.
    // A 3-day suspension gives 28 February + 3 = Wednesday 3 March (not 1 March + 3 = 4 March).
    const base = { start: '2026-10-31', today: '2026-12-01' };
    expect(clock(base).deadline).toBe('2027-03-01');
    const c = clock({ ...base, suspensions: [{ from: '2026-11-10', to: '2026-11-13' }] });
    expect(c.deadline).toBe('2027-03-03');
  });

  it('lengthens a working-day term by the working days suspended, over holidays', () => {
    // 15 working days from Friday 4 December 2026: 7–11, 14–18, 21–23 (13), 24–27 off, 28, 29
    // → 29 December. Suspension 10 → 17 December: 11, 14, 15, 16, 17 = 5 working days
    // (7 calendar). 20 working days from 4 December: 28–31 (17), 1–3 January off, 4, 5, 6
    // → 6 January 2027.
    const input = {
      term: { amount: 15, unit: 'working-days' as const },
      start: '2026-12-04',
      today: '2026-12-23',
    };
    expect(clock(input).deadline).toBe('2026-12-29');
    const c = clock({ ...input, suspensions: [{ from: '2026-12-10', to: '2026-12-17' }] });
    expect(c).toMatchObject({
      deadline: '2027-01-06',
      suspendedDays: 7,
      suspendedWorkingDays: 5,
      daysLeft: 14, // 23 December → 6 January
      workingDaysLeft: 7, // 28, 29, 30, 31 December, 4, 5, 6 January
    });
    // A suspension over Christmas (23 → 28 December) costs one working day (the 28th).
    const xmas = clock({
      ...input,
      today: '2026-12-28',
      suspensions: [{ from: '2026-12-23', to: '2026-12-28' }],
    });
    expect(xmas).toMatchObject({ suspendedWorkingDays: 1, deadline: '2026-12-30' });
  });

  it('does not let a request sent after the term ran out extend it', () => {
    // Deadline 10 July; a request on 15 July answered on 20 July changes nothing.
    const c = clock({
      suspensions: [{ from: '2026-07-15', to: '2026-07-20' }],
      today: '2026-07-21',
    });
    expect(c).toMatchObject({ deadline: '2026-07-10', lateSuspensions: 1, state: 'overdue' });
    expect(c.daysLeft).toBe(-11);
    // Still unanswered: the term is not stopped, so the clock is running (and overdue).
    const open = clock({ suspensions: [{ from: '2026-07-15', to: null }], today: '2026-07-16' });
    expect(open).toMatchObject({ status: 'running', provisional: false, state: 'overdue' });
    // A request on the last day itself still stops the term: 10 → 13 July = Monday 13 July.
    const onTime = clock({
      suspensions: [{ from: '2026-07-10', to: '2026-07-13' }],
      today: '2026-07-13',
    });
    expect(onTime).toMatchObject({ deadline: '2026-07-13', lateSuspensions: 0, state: 'near' });
  });
});

describe('legal term clock: states', () => {
  it('marks a 4-month term near from 10 days before the deadline and overdue after it', () => {
    // Deadline 10 July; the 4-month term is 122 days, 20 % = 25 > 10, so near = ≤ 10 days.
    expect(clock({ today: '2026-06-29' })).toMatchObject({ daysLeft: 11, state: 'on-track' });
    expect(clock({ today: '2026-06-30' })).toMatchObject({ daysLeft: 10, state: 'near' });
    expect(clock({ today: '2026-07-10' })).toMatchObject({ daysLeft: 0, state: 'near' });
    expect(clock({ today: '2026-07-13' })).toMatchObject({ daysLeft: -3, state: 'overdue' });
  });

  it('uses 20 % of a short term and counts overdue working days', () => {
    // 5 working days from Friday 18 December 2026 → 29 December (24–27 off); 11 days, 20 % → 3.
    const input = { term: { amount: 5, unit: 'working-days' as const }, start: '2026-12-18' };
    expect(clock({ ...input, today: '2026-12-25' })).toMatchObject({
      nearWithinDays: 3,
      daysLeft: 4,
      state: 'on-track',
    });
    expect(clock({ ...input, today: '2026-12-26' })).toMatchObject({
      daysLeft: 3,
      workingDaysLeft: 2, // 28, 29
      state: 'near',
    });
    // Monday 4 January 2027: 30, 31 December and 4 January have passed since the deadline.
    expect(clock({ ...input, today: '2027-01-04' })).toMatchObject({
      daysLeft: -6,
      workingDaysLeft: -3,
      state: 'overdue',
    });
  });

  it('has not started while the event the term counts from has not happened', () => {
    const c = clock({ start: null, today: '2026-05-04' });
    expect(c).toMatchObject({ status: 'not-started', deadline: null, daysLeft: null });
    expect(
      clockStart('application-accepted', { submittedOn: '2026-05-01', acceptedOn: null }),
    ).toBeNull();
    expect(clockStart('submission', { submittedOn: '2026-05-01', acceptedOn: null })).toBe(
      '2026-05-01',
    );
    expect(
      clockStart('application-accepted', { submittedOn: '2026-05-01', acceptedOn: '2026-05-06' }),
    ).toBe('2026-05-06');
  });

  it('counts clocks by state for the queue counters', () => {
    const clocks = ['2026-05-04', '2026-06-30', '2026-07-10', '2026-07-13'].map((today) =>
      clock({ today }),
    );
    clocks.push(clock({ start: null, today: '2026-05-04' }));
    expect(countByState(clocks)).toEqual({ 'on-track': 2, near: 2, overdue: 1 });
  });

  it("uses the catalogue's term and the pack's holidays", () => {
    const catalogue = createCatalogueModule();
    const term = catalogue.legalTerm({
      serviceId: 'temporary-residence-permit',
      groundId: 'work',
      urgent: true,
    });
    expect(term).toMatchObject({ amount: 2, unit: 'months', startsAt: 'application-accepted' });
    // Accepted 24 October 2026 + 2 months = 24 December (holiday), 25, 26 (holidays), 27 (Sunday)
    // → Monday 28 December.
    const start = clockStart(term.startsAt, {
      submittedOn: '2026-10-20',
      acceptedOn: '2026-10-24',
    });
    const result = legalClock({
      term,
      start,
      suspensions: [],
      holidays: catalogue.pack.holidays,
      today: '2026-12-20',
    });
    expect(result).toMatchObject({ ok: true, clock: { deadline: '2026-12-28', daysLeft: 8 } });
  });
});

describe('legal term clock: inconsistent input is an error value', () => {
  const at = (suspensions: LegalClockInput['suspensions'], start: string | null = '2026-03-10') =>
    legalClock({ term: FOUR_MONTHS, start, suspensions, holidays: LT, today: '2026-06-10' });

  it.each([
    [
      'suspension-unordered',
      [
        { from: '2026-05-01', to: '2026-05-02' },
        { from: '2026-04-01', to: '2026-04-02' },
      ],
    ],
    [
      'suspension-overlapping',
      [
        { from: '2026-04-01', to: '2026-04-10' },
        { from: '2026-04-05', to: '2026-04-12' },
      ],
    ],
    [
      'suspension-overlapping',
      [
        { from: '2026-04-01', to: null },
        { from: '2026-04-05', to: '2026-04-12' },
      ],
    ],
    ['suspension-reversed', [{ from: '2026-04-10', to: '2026-04-01' }]],
    ['suspension-before-start', [{ from: '2026-03-09', to: '2026-04-01' }]],
    ['suspension-in-future', [{ from: '2026-06-01', to: '2026-06-11' }]],
    ['invalid-date', [{ from: '2026-02-30', to: null }]],
  ])('rejects %s', (code, suspensions) => {
    expect(at(suspensions)).toMatchObject({ ok: false, error: { code } });
  });

  it('rejects suspensions without a start, a start after today and a bad term', () => {
    expect(at([{ from: '2026-04-01', to: null }], null)).toMatchObject({
      ok: false,
      error: { code: 'suspension-without-start', index: 0 },
    });
    expect(at([], '2026-06-11')).toMatchObject({ ok: false, error: { code: 'start-after-today' } });
    const bad = legalClock({
      term: { amount: 0, unit: 'days' },
      start: '2026-03-10',
      suspensions: [],
      holidays: LT,
      today: '2026-06-10',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-term' } });
  });
});
