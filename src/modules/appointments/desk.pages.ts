import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { addCalendarDays } from '../catalogue';
import { vilniusTime } from './calendar';
import type { DeskRefusal } from './desk.core';
import type { DeskService } from './desk.service';

const V = 'modules/appointments/views';
const BASE = '/workbench/desk';
/** Who works at the branch desk; the contact centre and administrators are refused (403). */
export const DESK_ROLES = ['officer', 'team-lead'] as const;
const desk = { config: { access: { who: 'staff' as const, roles: DESK_ROLES } } };

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const idOf = (req: FastifyRequest) => String((req.params as { id: string }).id);
/** The ticked boxes: one value or several under the same name. */
const ticks = (v: unknown) => (Array.isArray(v) ? v : [v]).map(str).filter(Boolean);
const dayHref = (branch: string, day: string) =>
  `${BASE}?branch=${encodeURIComponent(branch)}&day=${day}`;
/** Wrong input on a form (400); anything else is a conflict with the visit's state (409). */
const FORM_REASONS: readonly string[] = ['takes-missing', 'reason-missing', 'unknown-reference'];
const statusOf = (r: DeskRefusal) => (FORM_REASONS.includes(r.reason) ? 400 : 409);

export interface DeskPagesDeps {
  desk: DeskService;
  serviceName(serviceId: string, lang: Language): string;
}

/**
 * The branch desk in the workbench: GET /workbench/desk (the day's visits by desk and time, the
 * walk-in queue and its form), the check-in page of an appointment (ticks for what the visit
 * records, no-show) and the serve page of a walk-in. Forms only; no JavaScript needed.
 */
export function deskPages(d: DeskPagesDeps) {
  /** A refusal as the text of the form field it belongs to, in the user's language. */
  function message(req: FastifyRequest, r: DeskRefusal) {
    if (r.reason === 'takes-missing')
      return req.t('desk.error.takes-missing', {
        missing: r.missing.map((t) => req.t(`desk.take.${t}`)).join(', '),
      });
    if (r.reason === 'has-appointment')
      return req.t('desk.error.has-appointment', {
        when: new Intl.DateTimeFormat(req.lang, {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/Vilnius',
        }).format(r.at),
        branch: d.desk.branches().find((b) => b.code === r.branch)?.name[req.lang] ?? r.branch,
      });
    return req.t(`desk.error.${r.reason}`);
  }

  /** The day list an appointment or walk-in belongs to. */
  const back = async (id: string) => {
    const at = await d.desk.placeOf(id);
    return at ? dayHref(at.branch, at.day) : BASE;
  };

  return async (app: FastifyInstance) => {
    const dayPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      q: { branch?: string; day?: string },
      form: { values?: Record<string, string>; fieldErrors?: Record<string, string> } = {},
    ) => {
      const v = await d.desk.day(req.principal, q);
      const ref = (applicationId: string) => v.apps.get(applicationId)?.reference ?? '—';
      const service = (applicationId: string) => {
        const a = v.apps.get(applicationId);
        return a ? d.serviceName(a.serviceId, req.lang) : '';
      };
      return reply.page(`${V}/desk.njk`, {
        title: req.t('desk.title', { branch: v.branch.name[req.lang] }),
        branch: { code: v.branch.code, name: v.branch.name[req.lang], walkIns: v.branch.walkIns },
        branches: v.headOffice
          ? d.desk.branches().map((b) => ({ value: b.code, text: b.name[req.lang] }))
          : null,
        day: v.day,
        dayLabel: new Intl.DateTimeFormat(req.lang, {
          dateStyle: 'full',
          timeZone: 'UTC',
        }).format(new Date(`${v.day}T12:00:00Z`)),
        isToday: v.isToday,
        previous: dayHref(v.branch.code, addCalendarDays(v.day, -1)),
        next: dayHref(v.branch.code, addCalendarDays(v.day, 1)),
        desks: v.desks.map((k) => ({
          number: k.number,
          service: d.serviceName(k.serviceId, req.lang),
          rows: k.rows.map((r) => ({
            href: `${BASE}/appointments/${r.appointmentId}`,
            time: vilniusTime(r.startsAt),
            reference: ref(r.applicationId),
            state: r.state,
          })),
        })),
        waiting: v.waiting.map((w, i) => ({
          position: i + 1,
          href: `${BASE}/walk-ins/${w.id}`,
          reference: ref(w.application_id),
          service: service(w.application_id),
          arrived: vilniusTime(w.arrived_at),
          priority: w.priority_reason,
        })),
        done: v.done.map((w) => ({
          reference: ref(w.application_id),
          arrived: vilniusTime(w.arrived_at),
          state: w.state,
        })),
        values: form.values ?? {},
        ...fromFieldErrors(form.fieldErrors ?? {}, { reason: 'reason', takes: 'takes' }),
      });
    };

    app.get(BASE, desk, (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      return dayPage(req, reply, { branch: str(q.branch), day: str(q.day) });
    });

    /** The check-in page (or the serve page of a walk-in), with the form's errors if any. */
    const visitPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      kind: 'appointment' | 'walk-in',
      form: { ticked?: string[]; fieldErrors?: Record<string, string> } = {},
    ) => {
      const common = (x: { branch: { code: string; name: Record<Language, string> } }) => ({
        branchName: x.branch.name[req.lang],
        ticked: form.ticked ?? [],
        ...fromFieldErrors(form.fieldErrors ?? {}, { takes: 'takes', noShow: 'no-show' }),
      });
      if (kind === 'appointment') {
        const v = await d.desk.appointment(idOf(req), req.principal);
        return reply.page(`${V}/desk-visit.njk`, {
          title: req.t('desk.visit.title', { reference: v.app.reference ?? '' }),
          kind,
          action: `${BASE}/appointments/${v.a.id}`,
          back: dayHref(v.a.branch_code, d.desk.dayOf(v.a.starts_at)),
          reference: v.app.reference,
          service: d.serviceName(v.a.service_id, req.lang),
          when: v.a.starts_at,
          state: v.a.state,
          takes: v.takes,
          mayCheckIn: v.a.state === 'booked' && v.onItsDay && v.takes.length > 0,
          mayMarkNoShow: v.a.state === 'booked' && v.started,
          onItsDay: v.onItsDay,
          startsAt: vilniusTime(v.a.starts_at),
          ...common(v),
        });
      }
      const v = await d.desk.walkIn(idOf(req), req.principal);
      return reply.page(`${V}/desk-visit.njk`, {
        title: req.t('desk.visit.title', { reference: v.app.reference ?? '' }),
        kind,
        action: `${BASE}/walk-ins/${v.v.id}`,
        back: dayHref(v.v.branch_code, d.desk.dayOf(v.v.arrived_at)),
        reference: v.app.reference,
        service: d.serviceName(v.app.serviceId, req.lang),
        when: v.v.arrived_at,
        state: v.v.state,
        priority: v.v.priority_reason,
        takes: v.takes,
        mayServe: v.v.state === 'waiting',
        ...common(v),
      });
    };

    /** After a change: back to the day list with a confirmation. */
    const done = (req: FastifyRequest, reply: FastifyReply, flash: string, href: string) => {
      req.ensureSession().data.flash = flash;
      return reply.redirect(href);
    };

    app.get(`${BASE}/appointments/:id`, desk, (req, reply) => visitPage(req, reply, 'appointment'));
    app.post(`${BASE}/appointments/:id/check-in`, desk, async (req, reply) => {
      const ticked = ticks(body(req).takes);
      const r = await d.desk.checkIn(idOf(req), req.principal, ticked);
      if (r.ok) return done(req, reply, 'desk.flash.checkedIn', await back(idOf(req)));
      return visitPage(req, reply.status(statusOf(r)), 'appointment', {
        ticked,
        fieldErrors: { takes: message(req, r) },
      });
    });
    app.post(`${BASE}/appointments/:id/no-show`, desk, async (req, reply) => {
      const r = await d.desk.noShow(idOf(req), req.principal);
      if (r.ok) return done(req, reply, 'desk.flash.noShow', await back(idOf(req)));
      return visitPage(req, reply.status(statusOf(r)), 'appointment', {
        fieldErrors: { noShow: message(req, r) },
      });
    });

    app.post(`${BASE}/walk-ins`, desk, async (req, reply) => {
      const b = body(req);
      const values = {
        reference: str(b.reference),
        priority: str(b.priority),
        reason: str(b.reason),
      };
      const branch = str(b.branch);
      const again = (status: number, fieldErrors: Record<string, string>) =>
        dayPage(req, reply.status(status), { branch }, { values, fieldErrors });
      if (!values.reference)
        return again(400, { reference: req.t('desk.error.reference-missing') });
      const r = await d.desk.registerWalkIn(req.principal, {
        branch,
        reference: values.reference,
        priority: values.priority === 'yes',
        reason: values.reason,
      });
      if (r.ok) return done(req, reply, 'desk.flash.walkIn', dayHref(branch, d.desk.today()));
      return again(statusOf(r), {
        [r.reason === 'reason-missing' ? 'reason' : 'reference']: message(req, r),
      });
    });

    app.get(`${BASE}/walk-ins/:id`, desk, (req, reply) => visitPage(req, reply, 'walk-in'));
    app.post(`${BASE}/walk-ins/:id/serve`, desk, async (req, reply) => {
      const ticked = ticks(body(req).takes);
      const r = await d.desk.serveWalkIn(idOf(req), req.principal, ticked);
      if (r.ok) return done(req, reply, 'desk.flash.served', await back(idOf(req)));
      return visitPage(req, reply.status(statusOf(r)), 'walk-in', {
        ticked,
        fieldErrors: { takes: message(req, r) },
      });
    });
    app.post(`${BASE}/walk-ins/:id/left`, desk, async (req, reply) => {
      const r = await d.desk.walkInLeft(idOf(req), req.principal);
      if (r.ok) return done(req, reply, 'desk.flash.left', await back(idOf(req)));
      return visitPage(req, reply.status(statusOf(r)), 'walk-in', {
        fieldErrors: { takes: message(req, r) },
      });
    });
  };
}
