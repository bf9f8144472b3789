import { describe, expect, it } from 'vitest';
import { easterSunday, isWorkingDay, legalDeadline } from './legal-deadline';

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

describe('legal deadlines', () => {
  it('finds Western Easter', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('knows weekends, fixed holidays and Easter Monday', () => {
    expect(isWorkingDay('2026-12-04', LT)).toBe(true); // a Friday
    expect(isWorkingDay('2026-12-05', LT)).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-24', LT)).toBe(false);
    expect(isWorkingDay('2026-04-06', LT)).toBe(false); // Easter Monday 2026
  });

  it('adds months to the same day, or the last day of a shorter month', () => {
    expect(legalDeadline('2026-03-10', { amount: 4, unit: 'months' }, LT)).toBe('2026-07-10');
    // 31 October + 4 months = 28 February 2027, a Sunday: the term ends on Monday 1 March.
    expect(legalDeadline('2026-10-31', { amount: 4, unit: 'months' }, LT)).toBe('2027-03-01');
  });

  it('moves a last day that falls on a holiday or weekend to the next working day', () => {
    // 20 November + 1 month = 20 December 2026, a Sunday → Monday 21 December.
    expect(legalDeadline('2026-11-20', { amount: 1, unit: 'months' }, LT)).toBe('2026-12-21');
    // 15 days from 9 December = 24 December (holiday), 25, 26 (holidays), 27 (Sunday) → 28.
    expect(legalDeadline('2026-12-09', { amount: 15, unit: 'days' }, LT)).toBe('2026-12-28');
  });

  it('counts working days over weekends and holidays', () => {
    // From Friday 18 December 2026: 21, 22, 23, (24–27 off), 28, 29 → 5 working days.
    expect(legalDeadline('2026-12-18', { amount: 5, unit: 'working-days' }, LT)).toBe('2026-12-29');
    // Dec 7–11, 14–18, 21–23, 28–31 (17), 1 January off, then 4, 5, 6 January.
    expect(legalDeadline('2026-12-04', { amount: 20, unit: 'working-days' }, LT)).toBe(
      '2027-01-06',
    );
  });
});
