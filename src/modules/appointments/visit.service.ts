/**
 * The applicant's side of booking (issue 5): who may book a visit for which application, the
 * next free date at every branch, the free times at one branch, and the booking operations with
 * those checks. An application may book when it is submitted, its service needs a visit (the
 * catalogue) and the catalogue's window since submission has not closed.
 */
import type { Clock } from '../../platform/clock';
import type { Principal } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import { addCalendarDays, localDate } from '../catalogue';
import type { AppointmentRow, AppointmentsRepository, SlotRow } from './appointments.repository';
import type { BookingService } from './booking.service';
import type { BranchesPack } from './calendar.pack';
import { vilniusInstant } from './calendar';
import { changeStanding } from './change-rule';
import type { Holder, WaitlistService } from './waitlist.service';

export interface VisitApplication {
  id: string;
  reference: string | null;
  serviceId: string;
  state: string;
  submittedAt: Date | null;
}

/** What booking needs from the rest of Vartai (adapted in src/app/appointments.wiring.ts). */
export interface VisitPorts {
  /** The application for its person or filer; anyone else gets the applications module's 404. */
  applicationOf(id: string, p: Principal): Promise<VisitApplication>;
  /** The catalogue's visit rule: required, and within how many months of submission. */
  visitRule(serviceId: string): { required: boolean; withinMonths: number | null } | undefined;
}

export type Eligibility =
  | { ok: true; until: Date | null }
  | { ok: false; reason: 'not-submitted' | 'no-visit' | 'window-closed' };

const addMonths = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};
/** How many free times a branch page lists (the earliest first). */
export const TIMES_SHOWN = 60;

export function createVisitService(d: {
  clock: Clock;
  pack: BranchesPack;
  repo: AppointmentsRepository;
  booking: BookingService;
  waitlist: WaitlistService;
  ports: VisitPorts;
}) {
  function eligibility(app: VisitApplication): Eligibility {
    if (app.state !== 'submitted' || !app.submittedAt)
      return { ok: false, reason: 'not-submitted' };
    const rule = d.ports.visitRule(app.serviceId);
    if (!rule?.required) return { ok: false, reason: 'no-visit' };
    const until = rule.withinMonths ? addMonths(app.submittedAt, rule.withinMonths) : null;
    if (until && until <= d.clock.now()) return { ok: false, reason: 'window-closed' };
    return { ok: true, until };
  }

  /** Who holds a booking made by `p`: the applicant's account, or a partner's desk. */
  const holderOf = (p: Principal): Holder =>
    p.kind === 'partner'
      ? { id: p.partnerId, kind: 'partner' }
      : { id: p.kind === 'applicant' ? p.accountId : '', kind: 'account' };
  /** A slot may be booked for this application: its service, within the window. */
  const fits = (app: VisitApplication, e: Eligibility, slot: SlotRow | undefined) =>
    Boolean(
      slot && slot.service_id === app.serviceId && e.ok && (!e.until || slot.starts_at < e.until),
    );

  /** The application's active appointment and its slot, from its appointments (oldest first). */
  async function activeIn(all: readonly AppointmentRow[]) {
    const a = all.find((x) => x.state === 'booked');
    return a ? { appointment: a, slot: (await d.repo.slot(a.slot_id))! } : null;
  }
  const active = async (applicationId: string) =>
    activeIn(await d.repo.forApplication(applicationId));

  return {
    eligibility,
    now: () => d.clock.now(),
    /** The page's facts: the application, whether it may book, its visit, its standing. */
    async overview(applicationId: string, p: Principal) {
      const app = await d.ports.applicationOf(applicationId, p);
      // One read of the appointments serves both the current visit and the change limit.
      const history = await d.repo.forApplication(app.id);
      return {
        app,
        eligibility: eligibility(app),
        current: await activeIn(history),
        standing: changeStanding(history, d.pack.changes, d.clock.now()),
        waitlist: await d.waitlist.standing(app.id),
      };
    },

    /** The next free time at every branch offering the service (within the window). */
    async nextPerBranch(app: VisitApplication, e: Eligibility, lang: Language) {
      const rows = [];
      for (const b of d.pack.branches) {
        const [first] = await d.booking.freeSlots(b.code, app.serviceId, 1);
        rows.push({
          code: b.code,
          name: b.name[lang],
          address: b.address,
          next: first && fits(app, e, first) ? first.starts_at : null,
        });
      }
      return rows;
    },

    /** The free times at one branch within the window, earliest first. */
    async timesAt(app: VisitApplication, e: Eligibility, branch: string) {
      if (!d.pack.branches.some((b) => b.code === branch)) return [];
      const slots = await d.booking.freeSlots(branch, app.serviceId, TIMES_SHOWN);
      return slots.filter((s) => fits(app, e, s));
    },

    /** Books, or moves the current visit, to a slot that fits the application. */
    async choose(applicationId: string, p: Principal, slotId: string, acceptBlock: boolean) {
      const app = await d.ports.applicationOf(applicationId, p);
      const e = eligibility(app);
      const slot = /^[0-9a-f-]{36}$/i.test(slotId) ? await d.repo.slot(slotId) : undefined;
      if (!e.ok) return { ok: false as const, reason: e.reason };
      if (!fits(app, e, slot)) return { ok: false as const, reason: 'taken' as const };
      const current = await active(app.id);
      const holder = holderOf(p);
      // Whether the visit was moved (an existing one) or booked (a new one), for the answer.
      if (current) {
        const r = await d.booking.reschedule(current.appointment.id, holder.id, slotId, {
          acceptBlock,
        });
        return r.ok ? { ...r, moved: true } : r;
      }
      const r = await d.booking.book({
        applicationId: app.id,
        accountId: holder.id,
        holderKind: holder.kind,
        slotId,
      });
      return r.ok ? { ...r, moved: false } : r;
    },

    /** Cancels the application's visit. */
    async cancel(applicationId: string, p: Principal, acceptBlock: boolean) {
      const app = await d.ports.applicationOf(applicationId, p);
      const current = await active(app.id);
      if (!current) return { ok: false as const, reason: 'not-found' as const };
      return d.booking.cancel(current.appointment.id, holderOf(p).id, { acceptBlock });
    },

    /**
     * Joins the waitlist for the branches and days (Vilnius, inclusive) the applicant accepts,
     * within the booking window; a time that already fits is held at once.
     */
    async joinWaitlist(
      applicationId: string,
      p: Principal,
      input: { branches: string[]; fromDay: string; toDay: string },
    ) {
      const app = await d.ports.applicationOf(applicationId, p);
      const e = eligibility(app);
      if (!e.ok) return { ok: false as const, reason: e.reason };
      if ((await active(app.id)) || (await d.waitlist.standing(app.id)).entry)
        return { ok: false as const, reason: 'already-booked' as const };
      // The change limit's block also keeps the application out of the line until it ends.
      const { blockedUntil } = await d.booking.standing(app.id);
      if (blockedUntil)
        return { ok: false as const, reason: 'blocked' as const, until: blockedUntil };
      const known = new Set(d.pack.branches.map((b) => b.code));
      if (input.branches.length === 0 || input.branches.some((b) => !known.has(b)))
        return { ok: false as const, reason: 'branches' as const };
      const today = localDate(d.clock.now());
      if (input.fromDay < today || input.toDay < input.fromDay)
        return { ok: false as const, reason: 'dates' as const };
      const fromAt = vilniusInstant(input.fromDay, '00:00');
      const endAt = vilniusInstant(addCalendarDays(input.toDay, 1), '00:00');
      const toAt = e.until && e.until < endAt ? e.until : endAt;
      if (toAt <= fromAt) return { ok: false as const, reason: 'dates' as const };
      const entry = await d.waitlist.join({
        applicationId: app.id,
        holder: holderOf(p),
        serviceId: app.serviceId,
        branches: [...new Set(input.branches)],
        fromAt,
        toAt,
      });
      return { ok: true as const, entry };
    },

    /** Leaves the waitlist (a held place goes to the next in line). */
    async leaveWaitlist(applicationId: string, p: Principal) {
      const app = await d.ports.applicationOf(applicationId, p);
      return d.waitlist.leave(app.id, holderOf(p));
    },

    /** Accepts or declines the place held for the application. */
    async answerOffer(applicationId: string, p: Principal, accept: boolean) {
      const app = await d.ports.applicationOf(applicationId, p);
      const { offer } = await d.waitlist.standing(app.id);
      if (!offer) return { ok: false as const, reason: 'not-found' as const };
      if (!accept)
        return (await d.waitlist.decline(offer.offer.id, holderOf(p)))
          ? { ok: true as const }
          : { ok: false as const, reason: 'not-found' as const };
      if (!eligibility(app).ok) return { ok: false as const, reason: 'not-found' as const };
      return d.waitlist.accept(offer.offer.id, holderOf(p));
    },
  };
}

export type VisitService = ReturnType<typeof createVisitService>;
