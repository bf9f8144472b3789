import { describe, expect, it } from 'vitest';
import type { CaseActionRow } from '../modules/cases';
import { stoppedClock } from './case.view';

const action = (kind: string, at: string) =>
  ({ kind, at: new Date(`${at}T10:00:00Z`) }) as unknown as CaseActionRow;

/** The clock as it stood on the day the term ended; here "days left" is 10 minus the day. */
const at = (day: string) => {
  const daysLeft = 10 - Number(day.slice(-2));
  return {
    daysLeft,
    state: daysLeft < 0 ? 'overdue' : daysLeft <= 3 ? 'near' : 'on-track',
    status: 'running',
  };
};

describe('the legal clock once the term has ended', () => {
  it('runs until a decision or a withdrawal', () => {
    expect(stoppedClock([action('submitted', '2027-01-01')], at)).toBeUndefined();
  });

  it('stops on the decision day and says whether it came in time', () => {
    const inTime = stoppedClock(
      [action('submitted', '2027-01-01'), action('decided', '2027-01-08')],
      at,
    );
    // Two days to spare: "near" while running, simply in time once decided.
    expect(inTime).toMatchObject({
      stoppedOn: '2027-01-08',
      daysLeft: 2,
      state: 'on-track',
      status: 'decided-in-time',
    });
    const late = stoppedClock(
      [action('submitted', '2027-01-01'), action('decision-approved', '2027-01-14')],
      at,
    );
    expect(late).toMatchObject({ daysLeft: -4, state: 'overdue', status: 'decided-late' });
  });

  it('stops on a withdrawal', () => {
    expect(
      stoppedClock([action('submitted', '2027-01-01'), action('withdrawn', '2027-01-05')], at),
    ).toMatchObject({ stoppedOn: '2027-01-05', status: 'withdrawn' });
  });
});
