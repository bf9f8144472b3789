import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { fromFieldErrors, type Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { addCalendarDays, localDate } from '../catalogue';
import type { AppointmentsRepository } from './appointments.repository';
import { capacityOf, vilniusInstant, vilniusTime } from './calendar';
import type { BranchesPack } from './calendar.pack';
import type { CapacityChange, CapacityService } from './capacity.service';

const V = 'modules/appointments/views';
/** Who edits capacity: team leads (their own branch) and administrators (every branch). */
export const CAPACITY_ROLES = ['team-lead', 'administrator'] as const;
const editors = { config: { access: { who: 'staff' as const, roles: CAPACITY_ROLES } } };
type Staff = Extract<Principal, { kind: 'staff' }>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface CapacityPagesDeps {
  capacity: CapacityService;
  repo: AppointmentsRepository;
  pack: BranchesPack;
  clock: Clock;
  /** The branch code of a staff member's branch; null for headquarters (every branch). */
  staffBranch: (p: Staff) => Promise<string | null>;
  /** A service's name in a language (the catalogue). */
  serviceName: (serviceId: string, lang: Language) => string;
}

/**
 * GET/POST /workbench/capacity: a team lead or administrator changes how many visits a branch
 * takes for a service on a day (or part of it), down to none. The change is shown first (slots,
 * what is booked, how many visits would have to move); moving booked visits needs a ticked box,
 * and each moved holder is told and offered the nearest free time.
 */
export function capacityPages(d: CapacityPagesDeps) {
  const servicesAt = (code: string) => {
    const b = d.pack.branches.find((x) => x.code === code);
    return [
      ...new Set([...Object.keys(d.pack.capacity.services), ...Object.keys(b?.capacity ?? {})]),
    ];
  };

  /** The form's fields, checked; the branch must be one the staff member may change. */
  async function read(req: FastifyRequest, source: Record<string, unknown>) {
    const staff = req.principal as Staff;
    const own = await d.staffBranch(staff);
    const branches = d.pack.branches.filter((b) => !own || b.code === own);
    const branch = branches.find((b) => b.code === str(source.branch)) ?? branches[0];
    const services = branch ? servicesAt(branch.code) : [];
    const serviceId = services.includes(str(source.service)) ? str(source.service) : services[0];
    const today = localDate(d.clock.now());
    const day = DAY.test(str(source.day)) ? str(source.day) : addCalendarDays(today, 1);
    return { staff, branches, branch, services, serviceId, day, today };
  }

  return async (app: FastifyInstance) => {
    const page = async (
      req: FastifyRequest,
      reply: FastifyReply,
      source: Record<string, unknown>,
      extra: {
        preview?: Awaited<ReturnType<CapacityService['preview']>>;
        errors?: Record<string, string>;
      } = {},
    ) => {
      const f = await read(req, source);
      if (!f.branch || !f.serviceId) return reply.callNotFound();
      const from = vilniusInstant(f.day, '00:00');
      const to = vilniusInstant(addCalendarDays(f.day, 1), '00:00');
      const slots = await d.capacity.slots(f.branch.code, f.serviceId, from, to);
      const usual = capacityOf(d.pack, f.branch.code, f.serviceId);
      return reply.page(`${V}/capacity.njk`, {
        title: req.t('capacity.title'),
        branchOptions: f.branches.map((b) => ({
          value: b.code,
          text: b.name[req.lang],
          selected: b.code === f.branch!.code,
        })),
        serviceOptions: f.services.map((s) => ({
          value: s,
          text: d.serviceName(s, req.lang),
          selected: s === f.serviceId,
        })),
        day: f.day,
        today: f.today,
        usualDesks: usual?.desks ?? null,
        slots: slots.map((s) => ({
          time: vilniusTime(s.starts_at),
          capacity: s.capacity,
          booked: s.booked,
        })),
        form: {
          fromTime: str(source.fromTime),
          toTime: str(source.toTime),
          desks: str(source.desks),
        },
        preview: extra.preview && {
          rows: extra.preview.map((e) => ({
            time: vilniusTime(e.slot.starts_at),
            was: e.slot.capacity,
            booked: e.slot.booked,
            now: e.capacity,
            moved: e.moved,
            offersBack: e.offersBack,
          })),
          moved: extra.preview.reduce((n, e) => n + e.moved, 0),
        },
        ...fromFieldErrors(extra.errors ?? {}, { confirm: 'confirm' }),
      });
    };

    app.get('/workbench/capacity', editors, (req, reply) =>
      page(req, reply, req.query as Record<string, unknown>),
    );

    app.post('/workbench/capacity', editors, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const f = await read(req, b);
      if (!f.branch || !f.serviceId || f.branch.code !== str(b.branch)) return reply.callNotFound();
      const errors: Record<string, string> = {};
      const desks = str(b.desks);
      if (!/^\d{1,3}$/.test(desks)) errors.desks = req.t('capacity.error.desks');
      const fromTime = str(b.fromTime) || '00:00';
      const toTime = str(b.toTime) || '23:59';
      if (!TIME.test(fromTime)) errors.fromTime = req.t('capacity.error.time');
      if (!TIME.test(toTime) || (TIME.test(fromTime) && toTime <= fromTime))
        errors.toTime = req.t('capacity.error.time');
      if (f.day < f.today) errors.day = req.t('capacity.error.day');
      if (Object.keys(errors).length) return page(req, reply.status(400), b, { errors });
      const change: CapacityChange = {
        branch: f.branch.code,
        serviceId: f.serviceId,
        from: vilniusInstant(f.day, fromTime),
        to: vilniusInstant(f.day, toTime),
        capacity: Number(desks),
        staff: f.staff,
      };
      const preview = await d.capacity.preview(change);
      const moves = preview.reduce((n, e) => n + e.moved, 0);
      if (str(b.action) !== 'apply') return page(req, reply, b, { preview });
      if (moves > 0 && str(b.confirm) !== 'yes')
        return page(req, reply.status(400), b, {
          preview,
          errors: { confirm: req.t('capacity.error.confirm', { count: moves }) },
        });
      await d.capacity.apply(change);
      req.ensureSession().data.flash = moves > 0 ? 'capacity.flash.moved' : 'capacity.flash.saved';
      const q = new URLSearchParams({ branch: f.branch.code, service: f.serviceId, day: f.day });
      return reply.redirect(`/workbench/capacity?${q.toString()}`);
    });
  };
}
