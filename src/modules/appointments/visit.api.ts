import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { problemOf, ProblemSchema } from '../../platform/http';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../platform/i18n';
import { IdempotencyKeyHeader, PARTNER_ACCESS, PARTNER_SECURITY } from '../partners';
import type { AppointmentRow, AppointmentsRepository, SlotRow } from './appointments.repository';
import type { BranchesPack } from './calendar.pack';
import { appointmentsErrors } from './errors';
import type { VisitService } from './visit.service';

/**
 * The visit page's operations for partners' own desks (issue 5): a service provider books,
 * moves or cancels the visit of an application it filed. The rules are the portal's (visit
 * service); only applications the partner filed are visible, any other id answers 404.
 */
const partner = { access: PARTNER_ACCESS };
const EXAMPLE_APPLICATION = '0b9d6d5e-6a53-4f0e-9a44-2f7f3c1c9a10';
const EXAMPLE_SLOT = '3a1f7c2e-9b4d-4e6a-8c5f-1d2e3f4a5b6c';
const EXAMPLE_APPOINTMENT = '7c2d9e1f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const EXAMPLE_START = '2026-12-07T07:30:00.000Z';

const REASONS = ['not-submitted', 'no-visit', 'window-closed'] as const;

/** Problem details, with the instant a block ends or why the application may not book. */
const Problem = ProblemSchema.extend({
  until: z
    .string()
    .optional()
    .describe('APPOINTMENT_CHANGE_BLOCKED: booking is possible again from this instant'),
  reason: z
    .enum(REASONS)
    .optional()
    .describe('APPOINTMENT_NOT_ELIGIBLE: not submitted, no visit needed, or the window closed'),
}).describe('RFC 9457 problem details with a stable `code`');

const Params = z.object({ id: z.string().describe('Application id returned when it was created') });
const Lang = z.enum(LANGUAGES).optional().describe('Language of branch names (lt by default)');

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

const Overview = z
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
        appointment: EXAMPLE_VISIT,
        changes: { made: 0, free: 2, nextChangeBlocks: false, blockedUntil: null },
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

const Times = z
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

const Choose = z
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

const Cancel = z
  .strictObject({
    acceptBlock: z
      .boolean()
      .default(false)
      .describe('Make a cancellation that blocks booking for a while'),
  })
  // A POST without a body arrives as null: the same as {}.
  .nullish()
  .meta({ examples: [{ acceptBlock: false }] });

const AppointmentAnswer = Appointment.meta({ examples: [EXAMPLE_VISIT] });
const CancelledAnswer = Appointment.meta({ examples: [{ ...EXAMPLE_VISIT, state: 'cancelled' }] });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const appointmentView = (a: AppointmentRow, slot: SlotRow, state = a.state) => ({
  id: a.id,
  slotId: slot.id,
  branch: slot.branch_code,
  startsAt: slot.starts_at.toISOString(),
  minutes: slot.minutes,
  state,
});

/** A refusal as problem+json, with `until` or `reason` when it has one. */
function refuse(req: FastifyRequest, reply: FastifyReply, err: AppError) {
  const d = err.details ?? {};
  return reply
    .status(problemOf(err).status)
    .type('application/problem+json')
    .send({
      ...problemOf(err, req.url),
      ...(typeof d.until === 'string' ? { until: d.until } : {}),
      ...(typeof d.reason === 'string' ? { reason: d.reason } : {}),
    });
}

type Refusal =
  | Extract<Awaited<ReturnType<VisitService['choose']>>, { ok: false }>
  | Extract<Awaited<ReturnType<VisitService['cancel']>>, { ok: false }>;

function refusalError(r: Refusal): AppError {
  switch (r.reason) {
    case 'taken':
      return appointmentsErrors.taken();
    case 'already-booked':
      return appointmentsErrors.alreadyBooked();
    case 'blocked':
      return appointmentsErrors.changeBlocked(r.until);
    case 'confirm-block':
      return appointmentsErrors.confirmBlock();
    case 'not-found':
      return appointmentsErrors.notFound();
    default:
      return appointmentsErrors.notEligible(r.reason);
  }
}

/**
 * Whether `choose` moved a booked visit (200) rather than booked one (201). Read from its answer
 * when it says so; otherwise from whether a visit was booked when the request began, which a
 * concurrent booking of the same application can make wrong.
 */
const moved = (r: object, hadVisit: boolean) =>
  'moved' in r && typeof r.moved === 'boolean' ? r.moved : hadVisit;

const errors = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem };

export function visitApi(d: {
  visits: VisitService;
  pack: BranchesPack;
  repo: Pick<AppointmentsRepository, 'slot'>;
}) {
  const codes = d.pack.branches.map((b) => b.code) as [string, ...string[]];
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/applications/:id/visit',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'The visit of an application',
          description:
            'Whether the application may book a visit (submitted, its service needs one, the catalogue window open), its booked visit, its standing against the change limit, and every branch with its next free time. Only applications the partner filed; any other id answers 404.',
          params: Params,
          querystring: z.strictObject({ lang: Lang }),
          response: { 200: Overview, 400: Problem, 401: Problem, 404: Problem },
        },
      },
      async (req) => {
        const o = await d.visits.overview(req.params.id, req.principal);
        const e = o.eligibility;
        const lang = req.query.lang ?? DEFAULT_LANGUAGE;
        return {
          applicationId: o.app.id,
          reference: o.app.reference,
          eligibility: e.ok
            ? { eligible: true, reason: null, until: iso(e.until) }
            : { eligible: false, reason: e.reason, until: null },
          appointment: o.current && appointmentView(o.current.appointment, o.current.slot),
          changes: {
            made: o.standing.made,
            free: o.standing.free,
            nextChangeBlocks: o.standing.nextChangeBlocks,
            blockedUntil: iso(o.standing.blockedUntil),
          },
          branches: e.ok
            ? (await d.visits.nextPerBranch(o.app, e, lang)).map((b) => ({
                ...b,
                next: iso(b.next),
              }))
            : d.pack.branches.map((b) => ({
                code: b.code,
                name: b.name[lang],
                address: b.address,
                next: null,
              })),
        };
      },
    );

    app.get(
      '/api/v1/applications/:id/visit/times',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Free visit times at a branch',
          description:
            'The free times of the application’s service at one branch, within the catalogue window, earliest first (at most 60). An application that may not book answers 422 APPOINTMENT_NOT_ELIGIBLE with the reason.',
          params: Params,
          // Optional in the schema so that who may call is checked first (access runs after
          // validation); a missing branch is refused by the handler like any invalid field.
          querystring: z.strictObject({
            branch: z.enum(codes).optional().describe('Branch code (required)'),
          }),
          response: { 200: Times, 400: Problem, 401: Problem, 404: Problem, 422: Problem },
        },
      },
      async (req, reply) => {
        const branch = req.query.branch;
        if (!branch)
          throw new AppError('REQUEST_INVALID', 'validation', 'The request is not valid', {
            fields: [{ field: 'querystring.branch', message: 'Required' }],
          });
        const o = await d.visits.overview(req.params.id, req.principal);
        if (!o.eligibility.ok)
          return refuse(req, reply, appointmentsErrors.notEligible(o.eligibility.reason));
        const slots = await d.visits.timesAt(o.app, o.eligibility, branch);
        return {
          branch,
          times: slots.map((s) => ({
            slotId: s.id,
            startsAt: s.starts_at.toISOString(),
            minutes: s.minutes,
          })),
        };
      },
    );

    app.post(
      '/api/v1/applications/:id/visit',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Book or move the visit',
          description:
            'Books the chosen time (201), or moves the booked visit to it (200; the old place is freed in the same transaction). Refusals: 409 APPOINTMENT_TAKEN (the time is no longer free, or not one of this application), 409 APPOINTMENT_ALREADY_BOOKED (another request booked meanwhile), 409 APPOINTMENT_CHANGE_BLOCKED (changed too often; `until` says when booking is possible again), 409 APPOINTMENT_CONFIRM_BLOCK (this move would start the block: repeat with acceptBlock true, and a new Idempotency-Key, to make it), 422 APPOINTMENT_NOT_ELIGIBLE (`reason`), 404 for applications the partner did not file. Needs an Idempotency-Key header.',
          params: Params,
          headers: z.object(IdempotencyKeyHeader),
          body: Choose,
          response: { 200: AppointmentAnswer, 201: AppointmentAnswer, ...errors },
        },
      },
      async (req, reply) => {
        const before = await d.visits.overview(req.params.id, req.principal);
        const r = await d.visits.choose(
          req.params.id,
          req.principal,
          req.body.slotId,
          req.body.acceptBlock,
        );
        if (!r.ok) return refuse(req, reply, refusalError(r));
        return reply
          .status(moved(r, Boolean(before.current)) ? 200 : 201)
          .send(appointmentView(r.appointment, r.slot));
      },
    );

    app.post(
      '/api/v1/applications/:id/visit/cancel',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Cancel the visit',
          description:
            'Cancels the booked visit and frees its place. Refusals: 404 APPOINTMENT_NOT_FOUND (no booked visit the partner holds), 409 APPOINTMENT_CONFIRM_BLOCK (this cancellation would start the block: repeat with acceptBlock true, and a new Idempotency-Key), 404 for applications the partner did not file. Needs an Idempotency-Key header.',
          params: Params,
          headers: z.object(IdempotencyKeyHeader),
          body: Cancel,
          response: { 200: CancelledAnswer, ...errors },
        },
      },
      async (req, reply) => {
        const r = await d.visits.cancel(
          req.params.id,
          req.principal,
          req.body?.acceptBlock ?? false,
        );
        if (!r.ok) return refuse(req, reply, refusalError(r));
        const slot = (await d.repo.slot(r.appointment.slot_id))!;
        return appointmentView(r.appointment, slot, 'cancelled');
      },
    );
  };
}
