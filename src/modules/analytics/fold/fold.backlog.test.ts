import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../cases';
import { ageBand, backlogSnapshot, STATUS_GROUP, STATUS_GROUPS } from './fold.backlog';
import { foldEvents } from './fold.core';
import { action, at, submitted } from './fold.test-support';
import type { AnalyticsCaseRow } from './fold.types';

const row = (n: number, over: Partial<AnalyticsCaseRow>): AnalyticsCaseRow => ({
  ...foldEvents([submitted(n)], []).cases[0]!,
  ...over,
});

describe('backlog snapshot', () => {
  it('bands age in days since submission', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 180, 181, 365, 366, 2000].map(ageBand)).toEqual([
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '91-180',
      '91-180',
      '181-365',
      '181-365',
      '366+',
      '366+',
    ]);
  });

  it('groups every status', () => {
    for (const s of CASE_STATUSES) expect(STATUS_GROUPS).toContain(STATUS_GROUP[s]);
  });

  it('counts cases open at the start of the day by group and age, and those past their deadline', () => {
    const day = '2027-05-01';
    const rows = backlogSnapshot(day, [
      row(1, { submitted_on: '2027-04-20', status: 'awaiting-visit', deadline_on: '2027-08-18' }),
      row(2, { submitted_on: '2027-04-25', status: 'submitted', deadline_on: '2027-08-23' }),
      row(3, { submitted_on: '2027-01-02', status: 'in-examination', deadline_on: '2027-05-01' }),
      row(4, { submitted_on: '2027-01-02', status: 'in-examination', deadline_on: '2027-04-30' }),
      row(5, { submitted_on: '2027-02-01', status: 'information-requested', deadline_on: null }),
      // Submitted on the day itself: not open at its start.
      row(6, { submitted_on: day }),
      // Closed before the day: gone; closed on the day: was open at its start.
      row(7, { submitted_on: '2027-03-01', status: 'granted', closed_on: '2027-04-30' }),
      row(8, { submitted_on: '2027-03-01', status: 'refused', closed_on: day }),
    ]);
    const base = { day, service_id: 'temporary-residence-permit', branch_code: 'VLN' };
    expect(rows).toEqual([
      { ...base, status_group: 'after-decision', age_band: '61-90', cases: 1, overdue: 0 },
      { ...base, status_group: 'awaiting-applicant', age_band: '61-90', cases: 1, overdue: 0 },
      { ...base, status_group: 'awaiting-visit', age_band: '0-30', cases: 2, overdue: 0 },
      { ...base, status_group: 'in-examination', age_band: '91-180', cases: 2, overdue: 1 },
    ]);
  });

  it('reads the rows the fold leaves (a withdrawn case is closed)', () => {
    const r = foldEvents(
      [
        submitted(1, { submittedOn: '2027-03-01' }),
        submitted(2, { submittedOn: '2027-03-01' }),
        action(2, 2, 'withdrawn', 'submitted', 'withdrawn', at('2027-03-05')),
      ],
      [],
    );
    expect(backlogSnapshot('2027-03-10', r.cases)).toEqual([
      expect.objectContaining({ status_group: 'awaiting-visit', age_band: '0-30', cases: 1 }),
    ]);
  });
});
