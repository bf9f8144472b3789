import { describe, expect, it } from 'vitest';
import { addCalendarDays, legalDeadline } from '../../catalogue';
import { buildCalendar, indexOf, legalDue, onOrNextWorking, workingDaysAfter } from './calendar';
import { loadSimulationParams } from './params';

const { holidays } = loadSimulationParams();
const cal = buildCalendar('2023-01-15', '2024-12-31', holidays);

describe('the simulation calendar', () => {
  it('starts on the first of the month and indexes ISO days', () => {
    expect(cal.iso[0]).toBe('2023-01-01');
    expect(indexOf(cal, '2023-01-15')).toBe(14);
    expect(cal.weekday[indexOf(cal, '2024-02-19')]).toBe(0); // a Monday
  });

  it('computes the same legal deadlines as the catalogue', () => {
    const terms = [
      { amount: 4, unit: 'months' },
      { amount: 1, unit: 'months' },
      { amount: 15, unit: 'days' },
      { amount: 0, unit: 'days' },
      { amount: 20, unit: 'working-days' },
      { amount: 10, unit: 'working-days' },
    ] as const;
    for (let day = '2023-01-28'; day < '2024-12-31'; day = addCalendarDays(day, 3))
      for (const term of terms)
        expect(
          cal.iso[legalDue(cal, indexOf(cal, day), term)],
          `${day} ${term.amount} ${term.unit}`,
        ).toBe(legalDeadline(day, term, holidays));
  });

  it('moves to working days over weekends and holidays', () => {
    expect(cal.iso[onOrNextWorking(cal, indexOf(cal, '2023-12-23'))]).toBe('2023-12-27');
    expect(cal.iso[workingDaysAfter(cal, indexOf(cal, '2023-12-22'), 1)]).toBe('2023-12-27');
  });
});
