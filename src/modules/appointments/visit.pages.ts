import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import { localDate } from '../catalogue';
import { vilniusTime } from './calendar';
import type { BranchesPack } from './calendar.pack';
import type { BookingAction } from './abuse.repository';
import type { AbuseService } from './abuse.service';
import type { VisitService } from './visit.service';

const V = 'modules/appointments/views';
const applicant = { config: { access: { who: 'applicant' as const } } };
/** Booking endpoints: also limited per account and per address (booking-limits.ts). */
const booking = { config: { ...applicant.config, bookingLimits: true } };
const idOf = (req: FastifyRequest) => String((req.params as { id: string }).id);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * GET/POST /applications/:id/visit: the applicant books, moves or cancels the visit an application
 * needs. One page, no JavaScript: the branches with their next free date, then the free times of
 * a chosen branch as radio buttons grouped by day; a warning (and a box to tick) before the change
 * that would block booking.
 */
export function visitPages(d: { visits: VisitService; pack: BranchesPack; abuse: AbuseService }) {
  /**
   * Notes a booking step for abuse detection (abuse.service.ts). After the step committed, so a
   * failed note is logged and never turns a made booking into an error page.
   */
  const note = (req: FastifyRequest, action: BookingAction) =>
    d.abuse
      .recordRequest(req, action)
      .catch((err: unknown) => req.log.warn({ err }, 'booking signal not recorded'));

  return async (app: FastifyInstance) => {
    const page = async (
      req: FastifyRequest,
      reply: FastifyReply,
      branchCode: string,
      fieldErrors: Record<string, string> = {},
    ) => {
      const o = await d.visits.overview(idOf(req), req.principal);
      const e = o.eligibility;
      const branch = d.pack.branches.find((b) => b.code === branchCode);
      const times = branch && e.ok ? await d.visits.timesAt(o.app, e, branch.code) : null;
      const days = new Map<string, { label: string; slots: { id: string; time: string }[] }>();
      for (const s of times ?? []) {
        const day = localDate(s.starts_at);
        if (!days.has(day))
          days.set(day, {
            label: new Intl.DateTimeFormat(req.lang, {
              dateStyle: 'full',
              timeZone: 'Europe/Vilnius',
            }).format(s.starts_at),
            slots: [],
          });
        days.get(day)!.slots.push({ id: s.id, time: vilniusTime(s.starts_at) });
      }
      const placeOf = (code: string) => {
        const b = d.pack.branches.find((x) => x.code === code);
        return b ? `${b.name[req.lang]}, ${b.address}` : code;
      };
      const full = (at: Date) =>
        new Intl.DateTimeFormat(req.lang, {
          dateStyle: 'full',
          timeStyle: 'short',
          timeZone: 'Europe/Vilnius',
        }).format(at);
      const w = o.waitlist;
      const form = (req.body ?? {}) as Record<string, unknown>;
      const today = localDate(d.visits.now());
      return reply.page(`${V}/visit.njk`, {
        title: req.t('appointments.title', { reference: o.app.reference ?? '' }),
        applicationId: o.app.id,
        eligible: e.ok,
        notEligible: e.ok ? '' : req.t(`appointments.notEligible.${e.reason}`),
        until: e.ok ? e.until : null,
        current: o.current && {
          when: full(o.current.slot.starts_at),
          where: placeOf(o.current.slot.branch_code),
        },
        offer: w.offer && {
          when: full(w.offer.slot.starts_at),
          where: placeOf(w.offer.slot.branch_code),
          until: full(w.offer.offer.held_until),
          rebooking: w.offer.offer.reason === 'rebooking',
        },
        waiting: w.entry?.state === 'waiting' && {
          position: w.position,
          branches: w.entry.branches.map(placeOf),
          from: full(w.entry.from_at),
          to: full(w.entry.to_at),
        },
        holdHours: d.pack.waitlist.holdHours,
        join: {
          branches: form.branches === undefined ? [] : ([] as unknown[]).concat(form.branches),
          fromDay: str(form.fromDay) || today,
          toDay: str(form.toDay) || localDate(e.ok && e.until ? e.until : d.visits.now()),
          min: today,
        },
        blockedUntil: o.standing.blockedUntil,
        warnBlock: o.standing.nextChangeBlocks && Boolean(o.current),
        free: o.standing.free,
        branches: e.ok ? await d.visits.nextPerBranch(o.app, e, req.lang) : [],
        branch: branch && { code: branch.code, name: branch.name[req.lang] },
        times: times ? [...days.values()] : null,
        ...fromFieldErrors(fieldErrors, { slotId: 'slot-1', branches: 'branches' }),
      });
    };

    app.get('/applications/:id/visit', applicant, (req, reply) =>
      page(req, reply, str((req.query as Record<string, unknown>).branch)),
    );

    app.post('/applications/:id/visit', booking, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const branch = str(b.branch);
      const slotId = str(b.slotId);
      if (!slotId)
        return page(req, reply.status(400), branch, {
          slotId: req.t('appointments.error.chooseTime'),
        });
      const r = await d.visits.choose(
        idOf(req),
        req.principal,
        slotId,
        str(b.acceptBlock) === 'yes',
      );
      if (r.ok) {
        await note(req, r.moved ? 'moved' : 'booked');
        req.ensureSession().data.flash = 'appointments.flash.booked';
        return reply.redirect(`/applications/${idOf(req)}/visit`);
      }
      if (r.reason === 'confirm-block')
        return page(req, reply.status(400), branch, {
          acceptBlock: req.t('appointments.error.acceptBlock'),
        });
      return page(req, reply.status(409), branch, {
        slotId: req.t(`appointments.error.${r.reason}`),
      });
    });

    app.post('/applications/:id/visit/waitlist', booking, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const day = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(str(v)) ? str(v) : '');
      const branches = ([] as unknown[])
        .concat(b.branches ?? [])
        .map(str)
        .filter(Boolean);
      const errors: Record<string, string> = {};
      if (branches.length === 0) errors.branches = req.t('appointments.error.branches');
      if (!day(b.fromDay)) errors.fromDay = req.t('appointments.error.day');
      if (!day(b.toDay)) errors.toDay = req.t('appointments.error.day');
      if (Object.keys(errors).length) return page(req, reply.status(400), '', errors);
      const r = await d.visits.joinWaitlist(idOf(req), req.principal, {
        branches,
        fromDay: day(b.fromDay),
        toDay: day(b.toDay),
      });
      if (r.ok) {
        await note(req, 'waitlist-joined');
        req.ensureSession().data.flash = 'appointments.flash.joined';
        return reply.redirect(`/applications/${idOf(req)}/visit`);
      }
      const field = r.reason === 'dates' ? 'toDay' : 'branches';
      const key = r.reason === 'already-booked' ? 'already-waiting' : r.reason;
      return page(req, reply.status(r.reason === 'already-booked' ? 409 : 400), '', {
        [field]: req.t(`appointments.error.${key}`),
      });
    });

    app.post('/applications/:id/visit/waitlist/leave', booking, async (req, reply) => {
      await d.visits.leaveWaitlist(idOf(req), req.principal);
      req.ensureSession().data.flash = 'appointments.flash.left';
      return reply.redirect(`/applications/${idOf(req)}/visit`);
    });

    app.post('/applications/:id/visit/offer', booking, async (req, reply) => {
      const answer = str(((req.body ?? {}) as Record<string, unknown>).answer);
      if (answer !== 'accept' && answer !== 'decline')
        return page(req, reply.status(400), '', { offer: req.t('appointments.error.answer') });
      const r = await d.visits.answerOffer(idOf(req), req.principal, answer === 'accept');
      if (r.ok) {
        if (answer === 'accept') await note(req, 'booked');
        req.ensureSession().data.flash =
          answer === 'accept' ? 'appointments.flash.booked' : 'appointments.flash.declined';
        return reply.redirect(`/applications/${idOf(req)}/visit`);
      }
      return page(req, reply.status(409), '', {
        offer: req.t(`appointments.error.offer-${r.reason}`),
      });
    });

    app.post('/applications/:id/visit/cancel', booking, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const r = await d.visits.cancel(idOf(req), req.principal, str(b.acceptBlock) === 'yes');
      if (r.ok) {
        await note(req, 'cancelled');
        req.ensureSession().data.flash = 'appointments.flash.cancelled';
        return reply.redirect(`/applications/${idOf(req)}/visit`);
      }
      if (r.reason === 'confirm-block')
        return page(req, reply.status(400), '', {
          cancelAcceptBlock: req.t('appointments.error.acceptBlock'),
        });
      return page(req, reply.status(409), '', {
        cancelAcceptBlock: req.t(`appointments.error.${r.reason}`),
      });
    });
  };
}
