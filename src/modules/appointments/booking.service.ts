/**
 * Booking, rescheduling and cancelling visits (issue 5). The database decides every race: a place
 * is taken by one conditional UPDATE of the slot (never above its capacity) and the one active
 * appointment per application is a unique index, so a lost race is a clear "taken" or "already
 * booked" answer, on any number of server processes. Who may book what (a submitted application
 * that needs a visit, within the catalogue's window) is checked by the caller through ports.
 */
import type { Clock, Ids } from '../../platform/clock';
import { isUniqueViolation, type AnyTransaction } from '../../platform/db';
import type { AuditModule } from '../audit';
import { addCalendarDays, type HolidayRules } from '../catalogue';
import type { AppointmentRow, AppointmentsRepository, SlotRow } from './appointments.repository';
import { slotsOn } from './calendar';
import type { BranchesPack } from './calendar.pack';
import { changeStanding, type ChangeStanding } from './change-rule';
import type { VisitHappenings } from './visit.happenings';
import type { HolderKind } from './waitlist.repository';
import type { WaitlistService } from './waitlist.service';

export type BookingRefusal =
  | { ok: false; reason: 'taken' }
  | { ok: false; reason: 'already-booked' }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'blocked'; until: Date }
  /** The change would start the block: asked again with `acceptBlock` after a warning. */
  | { ok: false; reason: 'confirm-block'; standing: ChangeStanding };

export interface BookingDeps {
  repo: AppointmentsRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  pack: BranchesPack;
  holidays: HolidayRules;
  happenings: VisitHappenings;
  /** Freed places go to the waitlist first; a booking ends the application's place in line. */
  waitlist: WaitlistService;
}

export interface BookInput {
  applicationId: string;
  /** The holder: an account, or a partner when `holderKind` is partner. */
  accountId: string;
  holderKind?: HolderKind;
  slotId: string;
}

/** Who ended a visit whose application's case closed (not the applicant: no change counted). */
const CASE_CLOSED = 'system:case-closed';

class Refused extends Error {
  constructor(readonly refusal: BookingRefusal) {
    super(refusal.reason);
  }
}

export function createBookingService(d: BookingDeps) {
  const { repo, clock } = d;

  /** Takes a place and records the appointment inside `trx`; a lost race throws `Refused`. */
  async function take(
    input: BookInput,
    trx: AnyTransaction,
  ): Promise<{ appointment: AppointmentRow; slot: SlotRow }> {
    const now = clock.now();
    const slot = await repo.takePlace(input.slotId, now, trx);
    if (!slot) throw new Refused({ ok: false, reason: 'taken' });
    const appointment: AppointmentRow = {
      id: d.ids.uuid(),
      application_id: input.applicationId,
      account_id: input.accountId,
      holder_kind: input.holderKind ?? 'account',
      slot_id: slot.id,
      state: 'booked',
      booked_at: now,
      ended_at: null,
      ended_by: null,
    };
    await repo.insertAppointment(appointment, trx);
    return { appointment, slot };
  }

  /** Runs a booking step; refusals and the one-active-appointment index become answers. */
  async function attempt<T>(work: (trx: AnyTransaction) => Promise<T>) {
    try {
      return { ok: true as const, ...(await repo.db.transaction().execute(work)) };
    } catch (e) {
      if (e instanceof Refused) return e.refusal;
      if (isUniqueViolation(e)) return { ok: false as const, reason: 'already-booked' as const };
      throw e;
    }
  }

  /** The applicant's change, if the limit allows it now (with `acceptBlock` after the warning). */
  async function changeAllowed(applicationId: string, acceptBlock: boolean) {
    const standing = changeStanding(
      await repo.forApplication(applicationId),
      d.pack.changes,
      clock.now(),
    );
    if (standing.nextChangeBlocks && !acceptBlock)
      return { ok: false as const, reason: 'confirm-block' as const, standing };
    return null;
  }

  /** The applicant may change this appointment now: theirs, and the change limit allows it. */
  async function mayChange(appointmentId: string, accountId: string, acceptBlock: boolean) {
    const current = await repo.appointment(appointmentId);
    if (!current || current.account_id !== accountId)
      return { ok: false as const, reason: 'not-found' as const };
    return changeAllowed(current.application_id, acceptBlock);
  }

  /**
   * The applicant's own active appointment, locked, after the waitlist lock of its service (the
   * place it frees goes to the line first); anything else is not found.
   */
  async function ownActive(appointmentId: string, accountId: string, trx: AnyTransaction) {
    const seen = await repo.appointment(appointmentId, trx);
    const slot = seen && (await repo.slot(seen.slot_id, trx));
    if (slot) await d.waitlist.lockLine(slot.service_id, trx);
    const a = await repo.lockAppointment(appointmentId, trx);
    if (!slot || !a || a.account_id !== accountId || a.state !== 'booked')
      throw new Refused({ ok: false, reason: 'not-found' });
    return { appointment: a, slot };
  }

  /** Ends an active appointment and gives its place to the waitlist, or back to the public. */
  async function free(
    a: AppointmentRow,
    slot: SlotRow,
    state: 'moved' | 'cancelled',
    by: string,
    trx: AnyTransaction,
  ) {
    await repo.end(a.id, state, clock.now(), by, trx);
    await repo.releasePlace(a.slot_id, trx);
    await d.waitlist.offerFreed(slot, trx);
  }

  return {
    /** Makes the slots of the coming `days` days from the branch calendars (existing ones kept). */
    async materialise(branch: string, serviceId: string, fromDay: string, days: number) {
      const rows: SlotRow[] = [];
      for (let i = 0; i < days; i++) {
        const day = addCalendarDays(fromDay, i);
        for (const s of slotsOn(d.pack, branch, serviceId, day, d.holidays)) {
          rows.push({
            id: d.ids.uuid(),
            branch_code: branch,
            service_id: serviceId,
            starts_at: s.startsAt,
            minutes: s.minutes,
            capacity: s.desks,
            booked: 0,
          });
        }
      }
      const made = await repo.insertSlots(rows);
      // New days are places freed all at once: the waitlist has them before the public.
      if (made > 0) await repo.db.transaction().execute((trx) => d.waitlist.fill(serviceId, trx));
      return made;
    },

    /**
     * Books a place for an application; refused while booking is blocked for it. A place held
     * for it from the waitlist is given to the next in line, and its place in line ends.
     */
    async book(input: BookInput) {
      const standing = changeStanding(
        await repo.forApplication(input.applicationId),
        d.pack.changes,
        clock.now(),
      );
      if (standing.blockedUntil)
        return { ok: false as const, reason: 'blocked' as const, until: standing.blockedUntil };
      return attempt(async (trx) => {
        await d.waitlist.settle(input.applicationId, trx);
        const r = await take(input, trx);
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'appointments' },
            action: 'appointments.booked',
            subject: { kind: 'application', id: input.applicationId },
            details: { appointmentId: r.appointment.id, slotId: r.slot.id, by: input.accountId },
          },
          trx,
        );
        await d.happenings({ kind: 'booked', ...r }, trx);
        return r;
      });
    },

    /** Moves the applicant's visit to another slot: both or neither (the new place may be taken). */
    async reschedule(
      appointmentId: string,
      accountId: string,
      slotId: string,
      opts: { acceptBlock?: boolean } = {},
    ) {
      const refused = await mayChange(appointmentId, accountId, opts.acceptBlock ?? false);
      if (refused) return refused;
      return attempt(async (trx) => {
        const { appointment: old, slot: oldSlot } = await ownActive(appointmentId, accountId, trx);
        await free(old, oldSlot, 'moved', accountId, trx);
        const r = await take(
          { applicationId: old.application_id, accountId, holderKind: old.holder_kind, slotId },
          trx,
        );
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'appointments' },
            action: 'appointments.rescheduled',
            subject: { kind: 'application', id: old.application_id },
            details: { from: old.id, to: r.appointment.id, slotId, by: accountId },
          },
          trx,
        );
        await d.happenings({ kind: 'moved', ...r, from: old }, trx);
        return r;
      });
    },

    /** Cancels the applicant's visit and frees its place. */
    async cancel(appointmentId: string, accountId: string, opts: { acceptBlock?: boolean } = {}) {
      const refused = await mayChange(appointmentId, accountId, opts.acceptBlock ?? false);
      if (refused) return refused;
      return attempt(async (trx) => {
        const { appointment: old, slot } = await ownActive(appointmentId, accountId, trx);
        await free(old, slot, 'cancelled', accountId, trx);
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'appointments' },
            action: 'appointments.cancelled',
            subject: { kind: 'application', id: old.application_id },
            details: { appointmentId: old.id, by: accountId },
          },
          trx,
        );
        await d.happenings({ kind: 'cancelled', appointment: old, slot, by: accountId }, trx);
        return { appointment: old };
      });
    },

    /**
     * The application's case closed (withdrawn or decided): its booked visit is cancelled, a held
     * place and its place in line end, and the freed places go to the next in line. Runs in the
     * closing transaction. No notice here: the withdrawal or decision is told on its own.
     */
    async closeFor(applicationId: string, trx: AnyTransaction) {
      const active = (await repo.forApplication(applicationId, trx)).find(
        (a) => a.state === 'booked',
      );
      if (active) {
        const slot = (await repo.slot(active.slot_id, trx))!;
        await d.waitlist.lockLine(slot.service_id, trx);
        await free(active, slot, 'cancelled', CASE_CLOSED, trx);
        await d.audit.record(
          {
            actor: { kind: 'system', id: 'appointments' },
            action: 'appointments.cancelled',
            subject: { kind: 'application', id: applicationId },
            details: { appointmentId: active.id, by: CASE_CLOSED },
          },
          trx,
        );
      }
      await d.waitlist.close(applicationId, trx);
    },

    /** Where an application stands against the change limit (for the warning before a change). */
    standing: async (applicationId: string): Promise<ChangeStanding> =>
      changeStanding(await repo.forApplication(applicationId), d.pack.changes, clock.now()),

    /** The earliest free slots at a branch for a service. */
    freeSlots: (branch: string, serviceId: string, limit = 20) =>
      repo.freeSlots(branch, serviceId, clock.now(), limit),
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
