/**
 * Appointment capacity per branch so that the wait for the next free slot stays under a target.
 *
 * Model (fluid booking queue, weekly steps): a desk offers ⌊openHoursPerWeek × 60 / slotMinutes⌋
 * slots a week. No overbooking: each booking holds one slot whether or not the person comes. A
 * person who does not come still needs the visit (fingerprints, a document to collect), so books
 * again: each visit costs 1 / (1 − noShowRate) bookings on average (a geometric series), and
 * no-shows raise the slots needed rather than freeing any. Bookings not served in their week
 * wait in the calendar; the next free slot is as far ahead as that queue takes to work off,
 * queue / weekly slots (Little's law again), in calendar days. Today's queue is read from the
 * current wait at today's desks. The recommended desks are the fewest, constant over the horizon,
 * that keep the wait within the target every week — which also works off a queue that is
 * already too long.
 */
import {
  reason,
  round1,
  smallestSufficient,
  waitDays,
  EPSILON,
  type PlanReason,
} from './explanation';
import {
  appointmentInputSchema,
  parsePlanInput,
  type AppointmentInput,
  type AppointmentInputRaw,
} from './schemas';

export interface AppointmentPlan {
  branch: string;
  /** Bookings a week that keep up with demand, no-show re-bookings included (whole slots). */
  slotsNeededPerWeek: number[];
  /** Fewest desks keeping the wait for the next free slot within the target every week. */
  desksNeeded: number;
  /** The desks `expectedWaitDays` is simulated with (today's, or today's plus a what-if). */
  desks: number;
  slotsPerDeskWeek: number;
  /** Days to the next free slot at the end of each week with `desks` desks, one decimal. */
  expectedWaitDays: number[];
  maxWaitDays: number;
  explanation: PlanReason[];
}

function run(slotsPerWeek: number, bookings: number[], queued: number): number[] {
  let q = queued;
  return bookings.map((b) => {
    q = Math.max(0, q + b - slotsPerWeek);
    return waitDays(q, slotsPerWeek);
  });
}

const slotsPerDesk = (input: AppointmentInput) =>
  Math.floor((input.openHoursPerWeek * 60) / input.slotMinutes);

/**
 * Bookings already standing in the calendar: today's wait at today's desks. A what-if that adds
 * desks keeps this count (the people are booked already), so it is taken from the unchanged input.
 */
export const bookedAhead = (today: AppointmentInput) =>
  ((today.currentWaitDays ?? 0) / 7) * today.desks * slotsPerDesk(today);

export function appointmentCapacity(raw: AppointmentInputRaw): AppointmentPlan {
  const input = parsePlanInput(appointmentInputSchema, raw);
  return planAppointments(input, bookedAhead(input));
}

/** The plan for parsed input with `queued` bookings already in the calendar. */
export function planAppointments(input: AppointmentInput, queued: number): AppointmentPlan {
  const perDesk = slotsPerDesk(input);
  const bookingsPerVisit = 1 / (1 - input.noShowRate);
  const bookings = input.visitsDemandPerWeek.map((v) => v * bookingsPerVisit);
  const target = input.targetWaitDays;

  const hi = Math.ceil(Math.max(queued + (bookings[0] ?? 0), ...bookings) / perDesk);
  const desksNeeded = smallestSufficient(hi, (d) =>
    run(d * perDesk, bookings, queued).every((w) => w <= target + EPSILON),
  );
  const waits = run(input.desks * perDesk, bookings, queued);
  const maxWait = Math.max(...waits);

  const explanation: PlanReason[] = [
    reason('analytics.plan.slots.perDesk', {
      openHoursPerWeek: input.openHoursPerWeek,
      slotMinutes: input.slotMinutes,
      slotsPerDeskWeek: perDesk,
    }),
    reason('analytics.plan.slots.noShows', {
      noShowRate: input.noShowRate,
      bookingsPerVisit: Math.round(bookingsPerVisit * 100) / 100,
    }),
    reason('analytics.plan.slots.recommended', {
      desksNeeded,
      targetWaitDays: target,
      maxWaitDays: round1(Math.max(...run(desksNeeded * perDesk, bookings, queued))),
    }),
  ];
  if ((input.currentWaitDays ?? 0) > target) {
    explanation.push(
      reason('analytics.plan.slots.queueTooLong', {
        currentWaitDays: input.currentWaitDays ?? 0,
        targetWaitDays: target,
      }),
    );
  }
  const firstLate = waits.findIndex((w) => w > target + EPSILON);
  explanation.push(
    firstLate >= 0
      ? reason('analytics.plan.slots.currentShort', {
          desks: input.desks,
          shortBy: Math.max(0, desksNeeded - input.desks),
          firstLateWeek: firstLate + 1,
          maxWaitDays: round1(maxWait),
        })
      : reason('analytics.plan.slots.currentEnough', {
          desks: input.desks,
          maxWaitDays: round1(maxWait),
        }),
  );

  return {
    branch: input.branch,
    slotsNeededPerWeek: bookings.map((b) => Math.ceil(b - EPSILON)),
    desksNeeded,
    desks: input.desks,
    slotsPerDeskWeek: perDesk,
    expectedWaitDays: waits.map(round1),
    maxWaitDays: round1(maxWait),
    explanation,
  };
}
