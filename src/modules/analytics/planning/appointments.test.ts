import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors';
import { appointmentCapacity, bookedAhead, planAppointments } from './appointments';
import { appointmentInputSchema, parsePlanInput, type AppointmentInputRaw } from './schemas';

/** 30-minute slots, 10 open hours a week: 20 slots per desk-week. */
const base: AppointmentInputRaw = {
  branch: 'VLN',
  visitsDemandPerWeek: [90],
  slotMinutes: 30,
  desks: 5,
  openHoursPerWeek: 10,
  noShowRate: 0,
  targetWaitDays: 0,
};
const plan = (patch: Partial<AppointmentInputRaw>) => appointmentCapacity({ ...base, ...patch });

describe('appointmentCapacity: hand-computed cases', () => {
  it('counts slots per desk from opening hours and slot length', () => {
    const p = plan({});
    expect(p.slotsPerDeskWeek).toBe(20);
    expect(p.slotsNeededPerWeek).toEqual([90]);
    expect(p.desksNeeded).toBe(5);
    expect(p.expectedWaitDays).toEqual([0]);
  });

  it('MD branch hours (43.75 h) with 30-minute slots give 87 slots per desk', () => {
    expect(plan({ openHoursPerWeek: 43.75 }).slotsPerDeskWeek).toBe(87);
  });

  it('no-shows re-book, so 20 % no-shows need 90 / 0.8 = 112.5 → 113 slots and a sixth desk', () => {
    const p = plan({ noShowRate: 0.2 });
    expect(p.slotsNeededPerWeek).toEqual([113]);
    expect(p.desksNeeded).toBe(6);
    expect(p.explanation).toContainEqual({
      key: 'analytics.plan.slots.noShows',
      values: { noShowRate: 0.2, bookingsPerVisit: 1.25 },
    });
  });

  it('more no-shows never need fewer desks, nor shorten the wait', () => {
    let desks = 0;
    let wait = 0;
    for (const r of [0, 0.05, 0.1, 0.2, 0.3, 0.5]) {
      const p = plan({
        visitsDemandPerWeek: [80, 90, 100],
        noShowRate: r,
        targetWaitDays: 7,
        desks: 5,
      });
      expect(p.desksNeeded).toBeGreaterThanOrEqual(desks);
      expect(p.maxWaitDays).toBeGreaterThanOrEqual(wait);
      desks = p.desksNeeded;
      wait = p.maxWaitDays;
    }
  });

  it('a calendar already booked 14 days ahead is worked down to a 7-day target', () => {
    // 5 desks = 100 slots a week; 14 days ahead = 200 bookings queued. Week 1 must leave at most
    // one week's slots queued: (200 + 100 − S) / S ≤ 1 → S ≥ 150 → 8 desks (160 slots).
    const p = plan({ visitsDemandPerWeek: [100, 100], currentWaitDays: 14, targetWaitDays: 7 });
    expect(p.expectedWaitDays).toEqual([14, 14]);
    expect(p.desksNeeded).toBe(8);
    expect(p.explanation.map((r) => r.key)).toContain('analytics.plan.slots.queueTooLong');
    expect(p.explanation.at(-1)).toEqual({
      key: 'analytics.plan.slots.currentShort',
      values: { desks: 5, shortBy: 3, firstLateWeek: 1, maxWaitDays: 14 },
    });
    // The same 200 bookings with 8 desks (160 slots): 140 left after week 1 (6.1 days), 80 after
    // week 2 (3.5 days). `currentWaitDays` is measured at today's desks, so the queue is carried
    // as a count of bookings when the desks change.
    const today = parsePlanInput(appointmentInputSchema, {
      ...base,
      visitsDemandPerWeek: [100, 100],
      currentWaitDays: 14,
      targetWaitDays: 7,
    });
    expect(bookedAhead(today)).toBe(200);
    const after = planAppointments({ ...today, desks: 8 }, bookedAhead(today));
    expect(after.expectedWaitDays).toEqual([6.1, 3.5]);
    expect(after.desksNeeded).toBe(8);
  });

  it('a peak can be absorbed into the allowed wait instead of staffing for its top', () => {
    // Target 7 days: 6 desks (120 slots) take a 140-visit week by queueing 20 (1.2 days).
    const p = plan({ visitsDemandPerWeek: [100, 140, 100], targetWaitDays: 7 });
    expect(p.desksNeeded).toBeLessThan(7);
    expect(plan({ visitsDemandPerWeek: [100, 140, 100], targetWaitDays: 0 }).desksNeeded).toBe(7);
  });

  it('is deterministic and leaves its input alone', () => {
    const input: AppointmentInputRaw = {
      ...base,
      visitsDemandPerWeek: [100, 120, 90],
      noShowRate: 0.12,
      currentWaitDays: 9,
    };
    const copy = structuredClone(input);
    expect(appointmentCapacity(input)).toEqual(appointmentCapacity(copy));
    expect(input).toEqual(copy);
  });
});

describe('appointmentCapacity: inputs it cannot plan with', () => {
  it.each([
    [{ noShowRate: 1 }, 'ANALYTICS_PLAN_ALL_NO_SHOWS', 'noShowRate'],
    [{ slotMinutes: 0 }, 'ANALYTICS_PLAN_NO_SLOTS', 'slotMinutes'],
    [{ openHoursPerWeek: 0 }, 'ANALYTICS_PLAN_NO_SLOTS', 'openHoursPerWeek'],
    [{ slotMinutes: 61, openHoursPerWeek: 1 }, 'ANALYTICS_PLAN_NO_SLOTS', 'slotMinutes'],
    [{ visitsDemandPerWeek: [] }, 'ANALYTICS_PLAN_EMPTY_HORIZON', 'visitsDemandPerWeek'],
    [{ desks: -1 }, 'ANALYTICS_PLAN_INVALID_INPUT', 'desks'],
    [{ targetWaitDays: 'soon' }, 'ANALYTICS_PLAN_INVALID_INPUT', 'targetWaitDays'],
  ] as [Partial<AppointmentInputRaw>, string, string][])('%o → %s', (patch, code, field) => {
    let caught: unknown;
    try {
      plan(patch);
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught)).toBe(true);
    if (!isAppError(caught)) return;
    expect(caught.code).toBe(code);
    expect(caught.kind).toBe('validation');
    expect(caught.details?.fields).toContainEqual({ field, message: code });
  });
});
