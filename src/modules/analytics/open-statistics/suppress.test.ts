import { describe, expect, it } from 'vitest';
import { isGroupSafe, suppressAverages, suppressCountGroup } from './suppress';

const hide = (values: number[], extra: Partial<Parameters<typeof suppressCountGroup>[0]> = {}) =>
  suppressCountGroup({ values, total: values.reduce((a, b) => a + b, 0), ...extra }, 5);

describe('suppressCountGroup', () => {
  it('hides 1 to 4, shows 0 and 5 and more', () => {
    expect(hide([0, 5, 40, 7, 9]).hidden).toEqual([false, false, false, false, false]);
    expect(hide([0, 1, 4, 40]).hidden).toEqual([false, true, true, false]);
  });

  it('gives a single small cell a partner: the smallest other non-zero count', () => {
    expect(hide([3, 40, 0, 12, 60])).toEqual({
      hidden: [true, false, false, true, false],
      totalHidden: false,
    });
  });

  it('breaks ties by catalogue order (the first service)', () => {
    expect(hide([9, 2, 9, 30]).hidden).toEqual([true, true, false, false]);
  });

  it('adds a third cell when the hidden cells could only all be 1', () => {
    // 1 + 1 = 2 with each at least 1 gives both away.
    expect(hide([1, 1, 50, 70]).hidden).toEqual([true, true, true, false]);
  });

  it('hides the total when no service is left to hide', () => {
    expect(hide([1, 1, 1, 1, 1])).toEqual({
      hidden: [true, true, true, true, true],
      totalHidden: true,
    });
    expect(hide([2, 0, 0]).totalHidden).toBe(true); // the total is small itself
  });

  it('does not count a partner whose range is pinned (decisions all refused) as cover', () => {
    // Decisions [1, 6, 8] with refusals [0, 6, 0]: B's decisions are at least its 6 refusals, so
    // hiding A and B leaves 1 + 6 = 7 with A ≥ 1 and B ≥ 6: A is 1. C is hidden as well.
    expect(hide([1, 6, 8], { lower: [0, 6, 0] }).hidden).toEqual([true, true, true]);
  });

  it('guards against someone who knows the rule: small cells are < 5, a partner the smallest', () => {
    // Three 4s hidden next to 8 and a total of 20: 12 over three cells below 5 is 4 + 4 + 4.
    expect(hide([4, 4, 4, 8]).hidden).toEqual([true, true, true, true]);
    // 4 and its partner 7 hidden next to a shown 7: 11 = at most 4 + at most 7, so 4 and 7.
    expect(hide([7, 0, 7, 4]).hidden).toEqual([true, false, true, true]);
  });

  it('does not hide a whole row when a small service had only refusals', () => {
    // Decisions 4 (all refused), 50 and 60: the 4 and its partner 50, the total shown.
    expect(hide([4, 50, 60], { lower: [4, 5, 6] })).toEqual({
      hidden: [true, true, false],
      totalHidden: false,
    });
  });

  it('a lone hidden cell is never safe when the total is shown', () => {
    expect(isGroupSafe({ values: [3, 20], total: 23 }, [true, false], false)).toBe(false);
    expect(isGroupSafe({ values: [3, 20], total: 23 }, [true, true], false)).toBe(true);
    expect(isGroupSafe({ values: [3, 20], total: 23 }, [true, false], true)).toBe(true);
  });
});

describe('suppressAverages', () => {
  const none = [false, false, false];

  it('hides an average on 1 to 9 decisions, and then the month overall', () => {
    expect(
      suppressAverages(
        { counts: [9, 10, 0], decisionsHidden: none, decisionsTotalHidden: false },
        10,
      ),
    ).toEqual({ hidden: [true, false, false], totalHidden: true });
  });

  it('shows everything when every service has 10 decisions or none', () => {
    expect(
      suppressAverages(
        { counts: [10, 25, 0], decisionsHidden: none, decisionsTotalHidden: false },
        10,
      ),
    ).toEqual({ hidden: [false, false, false], totalHidden: false });
  });

  it('hides the overall average when a decision count is hidden', () => {
    expect(
      suppressAverages(
        { counts: [12, 25], decisionsHidden: [true, false], decisionsTotalHidden: false },
        10,
      ).totalHidden,
    ).toBe(true);
  });
});
