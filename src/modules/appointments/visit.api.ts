import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import { problemOf } from '../../platform/http';
import { DEFAULT_LANGUAGE } from '../../platform/i18n';
import { IdempotencyKeyHeader, PARTNER_ACCESS, PARTNER_SECURITY } from '../partners';
import type { AppointmentsRepository } from './appointments.repository';
import type { BranchesPack } from './calendar.pack';
import { appointmentsErrors } from './errors';
import {
  Answer,
  Answered,
  AppointmentAnswer,
  appointmentView,
  Cancel,
  CancelledAnswer,
  Choose,
  iso,
  joinBody,
  Joined,
  Lang,
  Left,
  offerView,
  Overview,
  Params,
  Problem,
  Times,
  waitlistView,
} from './visit.api.schemas';
import type { VisitService } from './visit.service';

/**
 * The visit page's operations for partners' own desks (issue 5): a service provider books,
 * moves or cancels the visit of an application it filed, puts it in the waitlist and answers a
 * time held for it. The rules are the portal's (visit service); only applications the partner
 * filed are visible, any other id answers 404. Shapes and examples: visit.api.schemas.ts.
 */
const partner = { access: PARTNER_ACCESS };

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

type JoinRefusal = Extract<Awaited<ReturnType<VisitService['joinWaitlist']>>, { ok: false }>;

/** The waitlist's refusals; 'already-booked' there means a booked visit or a place in line. */
function joinRefusalError(r: JoinRefusal, body: { fromDay: string; toDay: string }): AppError {
  switch (r.reason) {
    case 'already-booked':
      return appointmentsErrors.alreadyWaiting();
    case 'blocked':
      return appointmentsErrors.changeBlocked(r.until);
    case 'branches':
      return appointmentsErrors.waitlistInvalid('branches');
    case 'dates':
      // Refused dates: the last day before the first, or a first day in the past or past the
      // window's end.
      return appointmentsErrors.waitlistInvalid(body.toDay < body.fromDay ? 'toDay' : 'fromDay');
    default:
      return appointmentsErrors.notEligible(r.reason);
  }
}

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
            'Whether the application may book a visit (submitted, its service needs one, the catalogue window open), its booked visit, its standing against the change limit, its place in the waitlist and the time held for it, and every branch with its next free time. A visit, place in line or held time the applicant made in the portal is shown too, but only the applicant changes it. Only applications the partner filed; any other id answers 404.',
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
          waitlist: o.waitlist.entry && waitlistView(o.waitlist.entry, o.waitlist.position),
          offer: offerView(o.waitlist.offer),
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
        const r = await d.visits.choose(
          req.params.id,
          req.principal,
          req.body.slotId,
          req.body.acceptBlock,
        );
        if (!r.ok) return refuse(req, reply, refusalError(r));
        return reply.status(r.moved ? 200 : 201).send(appointmentView(r.appointment, r.slot));
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

    app.post(
      '/api/v1/applications/:id/visit/waitlist',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Join the waitlist',
          description:
            'Puts the application in line for the branches and days the applicant accepts (within the catalogue window), for when no free time suits. Every place that frees up is held, in line order, for the first application that accepts it (offer in GET …/visit, and the webhook appointment.offered); it is never publicly free before the line had it. If a free time already fits, it is held at once (offer in the answer). Refusals: 409 APPOINTMENT_ALREADY_WAITING (a visit is booked, or the application is already in line), 400 APPOINTMENT_WAITLIST_INVALID (`errors` names the field: fromDay in the past or past the window, toDay before fromDay), 422 APPOINTMENT_NOT_ELIGIBLE (`reason`), 404 for applications the partner did not file. Needs an Idempotency-Key header.',
          params: Params,
          headers: z.object(IdempotencyKeyHeader),
          body: joinBody(codes),
          response: { 201: Joined, ...errors },
        },
      },
      async (req, reply) => {
        const r = await d.visits.joinWaitlist(req.params.id, req.principal, req.body);
        if (!r.ok) return refuse(req, reply, joinRefusalError(r, req.body));
        // Read back: joining may have held a time at once, and says the place in line.
        const w = (await d.visits.overview(req.params.id, req.principal)).waitlist;
        return reply.status(201).send({
          waitlist: waitlistView(r.entry, w.entry?.id === r.entry.id ? w.position : null),
          offer: offerView(w.offer),
        });
      },
    );

    app.post(
      '/api/v1/applications/:id/visit/waitlist/leave',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Leave the waitlist',
          description:
            'Takes the application out of the line; a time held for it goes to the next in line. Answers left false when it was not in line, or when the applicant, not the partner, put it there. Needs an Idempotency-Key header; 404 for applications the partner did not file.',
          params: Params,
          headers: z.object(IdempotencyKeyHeader),
          response: { 200: Left, ...errors },
        },
      },
      async (req) => ({ left: await d.visits.leaveWaitlist(req.params.id, req.principal) }),
    );

    app.post(
      '/api/v1/applications/:id/visit/offer',
      {
        config: partner,
        schema: {
          tags: ['appointments'],
          security: PARTNER_SECURITY,
          summary: 'Accept or decline the held time',
          description:
            'accept: the held time becomes the application’s visit (200 with the appointment; it counts as a booking, not a change). decline: the time goes to the next in line and the application leaves the line (200 with declined true). Refusals: 404 APPOINTMENT_OFFER_NOT_FOUND (no time is held that the partner holds, or the application may no longer book), 409 APPOINTMENT_OFFER_EXPIRED (the hold ran out; the time goes to the next in line), 404 for applications the partner did not file. Needs an Idempotency-Key header.',
          params: Params,
          headers: z.object(IdempotencyKeyHeader),
          body: Answer,
          response: { 200: Answered, ...errors },
        },
      },
      async (req, reply) => {
        const r = await d.visits.answerOffer(
          req.params.id,
          req.principal,
          req.body.answer === 'accept',
        );
        if (!r.ok)
          return refuse(
            req,
            reply,
            r.reason === 'expired'
              ? appointmentsErrors.offerExpired()
              : appointmentsErrors.offerNotFound(),
          );
        return 'appointment' in r
          ? appointmentView(r.appointment, r.slot)
          : { declined: true as const };
      },
    );
  };
}
