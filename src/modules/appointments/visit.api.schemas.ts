/**
 * The partner visit API's request and answer shapes (visit.api.ts), with the examples the
 * OpenAPI document shows, and the views that turn rows into them.
 */
import { z } from 'zod';
import { ProblemSchema } from '../../platform/http';
import { LANGUAGES } from '../../platform/i18n';
import type { AppointmentRow, SlotRow } from './appointments.repository';
import type { OfferRow, WaitlistRow } from './waitlist.repository';

const EXAMPLE_APPLICATION = '0b9d6d5e-6a53-4f0e-9a44-2f7f3c1c9a10';
const EXAMPLE_SLOT = '3a1f7c2e-9b4d-4e6a-8c5f-1d2e3f4a5b6c';
const EXAMPLE_APPOINTMENT = '7c2d9e1f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const EXAMPLE_OFFER = '5e8f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const EXAMPLE_START = '2026-12-07T07:30:00.000Z';

const REASONS = ['not-submitted', 'no-visit', 'window-closed'] as const;

/** Problem details, with the instant a block ends or why the application may not book. */
export const Problem = ProblemSchema.extend({
  until: z
    .string()
    .optional()
    .describe('APPOINTMENT_CHANGE_BLOCKED: booking is possible again from this instant'),
  reason: z
    .enum(REASONS)
    .optional()
    .describe('APPOINTMENT_NOT_ELIGIBLE: not submitted, no visit needed, or the window closed'),
}).describe(
  'RFC 9457 problem details with a stable `code`; APPOINTMENT_WAITLIST_INVALID names the field in `errors`',
);

export const Params = z.object({
  id: z.string().describe('Application id returned when it was created'),
});
export const Lang = z
  .enum(LANGUAGES)
  .optional()
  .describe('Language of branch names (lt by default)');

const Appointment = z
  .object({
    id: z.uuid().describe('Appointment id'),
    slotId: z.uuid().describe('The booked time'),
    branch: z.string().describe('Branch code (GET /api/v1/branches)'),
    startsAt: z.string().describe('Start of the visit (ISO 8601 instant)'),
    minutes: z.number().int().describe('Length of the visit in minutes'),
    state: z
      .enum(['booked', 'cancelled', 'moved', 'checked-in', 'no-show'])
      .describe('booked while active; cancelled after a cancellation'),
  })
  .describe('A visit at a branch, bound to the application');
const EXAMPLE_VISIT = {
  id: EXAMPLE_APPOINTMENT,
  slotId: EXAMPLE_SLOT,
  branch: 'VLN',
  startsAt: EXAMPLE_START,
  minutes: 30,
  state: 'booked',
} as const;

const Waitlist = z
  .object({
    position: z
      .number()
      .int()
      .nullable()
      .describe(
        'Place in line among the applications waiting for the same service (1 = next); null while a time is held for this one (see offer)',
      ),
    branches: z.array(z.string()).describe('Branch codes the applicant accepts'),
    from: z.string().describe('Earliest accepted start (ISO 8601; fromDay 00:00 in Vilnius)'),
    to: z
      .string()
      .describe(
        'Accepted visits start before this instant (the day after toDay 00:00 in Vilnius, or the end of the catalogue window if earlier)',
      ),
  })
  .describe('The application’s place in the waitlist');
const EXAMPLE_WAITLIST = {
  position: 3,
  branches: ['VLN', 'KNS'],
  from: '2026-11-30T22:00:00.000Z',
  to: '2027-01-01T22:00:00.000Z',
} as const;

const Offer = z
  .object({
    offerId: z.uuid().describe('The held offer'),
    slotId: z.uuid().describe('The held time'),
    branch: z.string().describe('Branch code'),
    startsAt: z.string().describe('Start of the visit (ISO 8601 instant)'),
    minutes: z.number().int().describe('Length of the visit in minutes'),
    heldUntil: z
      .string()
      .describe('Answer before this instant; then the time goes to the next in line'),
    reason: z
      .enum(['waitlist', 'rebooking'])
      .describe(
        'waitlist: a time freed for the line; rebooking: the branch reduced its capacity and cancelled the booked visit, this is the nearest free time at that branch',
      ),
  })
  .describe(
    'A time held for the application (counted as taken, never publicly free); accept or decline with POST …/visit/offer',
  );
const EXAMPLE_OFFER_VIEW = {
  offerId: EXAMPLE_OFFER,
  slotId: EXAMPLE_SLOT,
  branch: 'VLN',
  startsAt: EXAMPLE_START,
  minutes: 30,
  heldUntil: '2026-12-02T09:15:00.000Z',
  reason: 'waitlist',
} as const;

export const Overview = z
  .object({
    applicationId: z.uuid(),
    reference: z.string().nullable().describe('Reference number of the application'),
    eligibility: z
      .object({
        eligible: z.boolean().describe('A visit may be booked or changed now'),
        reason: z.enum(REASONS).nullable().describe('Why not, when not eligible'),
        until: z
          .string()
          .nullable()
          .describe('The visit must start before this instant (the catalogue window)'),
      })
      .describe('Whether the application may book: submitted, needs a visit, window open'),
    appointment: Appointment.nullable().describe('The booked visit; null when none is booked'),
    changes: z
      .object({
        made: z.number().int().describe('Changes (moves and cancellations) made so far'),
        free: z.number().int().describe('Changes allowed before booking is blocked'),
        nextChangeBlocks: z
          .boolean()
          .describe('The next move or cancellation blocks booking: it needs acceptBlock true'),
        blockedUntil: z.string().nullable().describe('Booking is blocked until this instant'),
      })
      .describe('Standing against the change limit'),
    waitlist: Waitlist.nullable().describe(
      'The application’s place in the waitlist; null when it is not in line',
    ),
    offer: Offer.nullable().describe('The time held for the application; null when none'),
    branches: z
      .array(
        z.object({
          code: z.string(),
          name: z.string(),
          address: z.string(),
          next: z
            .string()
            .nullable()
            .describe('Earliest free time within the window; null when none (or not eligible)'),
        }),
      )
      .describe('Every branch with its next free time'),
  })
  .meta({
    examples: [
      {
        applicationId: EXAMPLE_APPLICATION,
        reference: 'VRT-2026-0000123-4',
        eligibility: { eligible: true, reason: null, until: '2027-03-04T10:00:00.000Z' },
        appointment: null,
        changes: { made: 0, free: 2, nextChangeBlocks: false, blockedUntil: null },
        waitlist: { ...EXAMPLE_WAITLIST, position: null },
        offer: EXAMPLE_OFFER_VIEW,
        branches: [
          {
            code: 'VLN',
            name: 'Vilnius branch',
            address: 'Vytauto pr. 1, Vilnius',
            next: EXAMPLE_START,
          },
        ],
      },
    ],
  });

export const Times = z
  .object({
    branch: z.string(),
    times: z
      .array(
        z.object({
          slotId: z.uuid().describe('Send as slotId to book'),
          startsAt: z.string(),
          minutes: z.number().int(),
        }),
      )
      .describe('Free times of the application’s service within its window, earliest first'),
  })
  .meta({
    examples: [
      {
        branch: 'VLN',
        times: [{ slotId: EXAMPLE_SLOT, startsAt: EXAMPLE_START, minutes: 30 }],
      },
    ],
  });

export const Choose = z
  .strictObject({
    slotId: z.uuid().describe('A free time from GET …/visit/times'),
    acceptBlock: z
      .boolean()
      .default(false)
      .describe(
        'Make a move that blocks booking for a while (refused with APPOINTMENT_CONFIRM_BLOCK until true)',
      ),
  })
  .meta({ examples: [{ slotId: EXAMPLE_SLOT, acceptBlock: false }] });

export const Cancel = z
  .strictObject({
    acceptBlock: z
      .boolean()
      .default(false)
      .describe('Make a cancellation that blocks booking for a while'),
  })
  // A POST without a body arrives as null: the same as {}.
  .nullish()
  .meta({ examples: [{ acceptBlock: false }] });

export const AppointmentAnswer = Appointment.meta({ examples: [EXAMPLE_VISIT] });
export const CancelledAnswer = Appointment.meta({
  examples: [{ ...EXAMPLE_VISIT, state: 'cancelled' }],
});

/** The waitlist request; the branch codes are the pack's. */
export const joinBody = (codes: [string, ...string[]]) =>
  z
    .strictObject({
      branches: z
        .array(z.enum(codes))
        .min(1)
        .describe('Branch codes the applicant accepts (at least one; GET /api/v1/branches)'),
      fromDay: z.iso
        .date()
        .describe('First acceptable day (YYYY-MM-DD, Vilnius): today or later, within the window'),
      toDay: z.iso
        .date()
        .describe(
          'Last acceptable day (YYYY-MM-DD, Vilnius, inclusive), not before fromDay; capped at the end of the catalogue window',
        ),
    })
    .meta({ examples: [{ branches: ['VLN', 'KNS'], fromDay: '2026-12-01', toDay: '2027-01-01' }] });

export const Joined = z
  .object({
    waitlist: Waitlist,
    offer: Offer.nullable().describe(
      'The time held at once when a free one already fitted (answer it with POST …/visit/offer); null when the application waits in line',
    ),
  })
  .meta({ examples: [{ waitlist: EXAMPLE_WAITLIST, offer: null }] });

export const Left = z
  .object({
    left: z
      .boolean()
      .describe(
        'true when the application left the line (a held time goes to the next in line); false when it was not in line, or the applicant, not the partner, put it there',
      ),
  })
  .meta({ examples: [{ left: true }] });

export const Answer = z
  .strictObject({
    answer: z
      .enum(['accept', 'decline'])
      .describe('accept: the held time becomes the visit; decline: it goes to the next in line'),
  })
  .meta({ examples: [{ answer: 'accept' }] });

export const Answered = z
  .union([
    Appointment,
    z.object({ declined: z.literal(true) }).describe('Declined: the application left the waitlist'),
  ])
  .describe('accept: the booked visit; decline: { declined: true }')
  // One example: the OpenAPI document shows a single one per answer (decline: { declined: true }).
  .meta({ examples: [EXAMPLE_VISIT] });

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const appointmentView = (a: AppointmentRow, slot: SlotRow, state = a.state) => ({
  id: a.id,
  slotId: slot.id,
  branch: slot.branch_code,
  startsAt: slot.starts_at.toISOString(),
  minutes: slot.minutes,
  state,
});

export const waitlistView = (e: WaitlistRow, position: number | null) => ({
  position,
  branches: e.branches,
  from: e.from_at.toISOString(),
  to: e.to_at.toISOString(),
});

export const offerView = (h: { offer: OfferRow; slot: SlotRow } | null) =>
  h && {
    offerId: h.offer.id,
    slotId: h.slot.id,
    branch: h.slot.branch_code,
    startsAt: h.slot.starts_at.toISOString(),
    minutes: h.slot.minutes,
    heldUntil: h.offer.held_until.toISOString(),
    reason: h.offer.reason,
  };
