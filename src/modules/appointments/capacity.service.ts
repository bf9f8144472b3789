/**
 * Staff change how many visits a branch takes (issue 5): the desks of a service for a day or a
 * span of it, down to none (a closure). Booked visits are never cancelled silently: when fewer
 * places remain than are booked, held offers in those slots go back to the line first, then the
 * most recently booked visits are moved out, each holder is told and gets the nearest free time
 * at the same branch held for them (or, when none is left, a message to choose again). Places
 * added go to the waitlist before the public.
 */
import type { Clock } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import type { AppointmentsRepository, SlotRow } from './appointments.repository';
import type { CapacityRepository } from './capacity.repository';
import type { VisitHappenings } from './visit.happenings';
import type { WaitlistService } from './waitlist.service';

export interface CapacityChange {
  branch: string;
  serviceId: string;
  /** The span of slots changed: those starting in [from, to). */
  from: Date;
  to: Date;
  /** Places per slot from now on (the desks serving the service). */
  capacity: number;
  /** The staff member making the change. */
  staff: Extract<Principal, { kind: 'staff' }>;
}

/** What a change does to each slot, shown before it is made. */
export interface CapacityEffect {
  slot: SlotRow;
  capacity: number;
  /** Held offers that go back to the line. */
  offersBack: number;
  /** Booked visits that must move. */
  moved: number;
}

export function createCapacityService(d: {
  repo: AppointmentsRepository;
  capacity: CapacityRepository;
  waitlist: WaitlistService;
  clock: Clock;
  audit: AuditModule;
  happenings: VisitHappenings;
}) {
  const { repo, clock } = d;

  /** What the change would do to each slot that has not started. */
  async function preview(c: CapacityChange, trx?: AnyTransaction): Promise<CapacityEffect[]> {
    const slots = await d.capacity.slotsIn(c.branch, c.serviceId, c.from, c.to, clock.now(), trx);
    const effects: CapacityEffect[] = [];
    for (const slot of slots) {
      const held = await d.capacity.heldIn(slot.id, trx);
      const over = Math.max(0, slot.booked - c.capacity);
      const offersBack = Math.min(over, held.length);
      effects.push({ slot, capacity: c.capacity, offersBack, moved: over - offersBack });
    }
    return effects;
  }

  /** Moves one booked visit out of a slot that lost its place; the holder gets an alternative. */
  async function moveOut(slot: SlotRow, by: string, trx: AnyTransaction) {
    const a = await d.capacity.latestBookedIn(slot.id, trx);
    if (!a) return;
    await repo.end(a.id, 'cancelled', clock.now(), `staff:${by}`, trx);
    await repo.releasePlace(slot.id, trx);
    await d.happenings({ kind: 'cancelled', appointment: a, slot, by: `staff:${by}` }, trx);
    // The nearest free time at the same branch, held for them before the line or the public.
    const next = await d.capacity.nearestFree(slot, clock.now(), trx);
    const taken = next && (await repo.takePlace(next.id, clock.now(), trx));
    if (taken)
      await d.waitlist.holdForRebooking(
        taken,
        { applicationId: a.application_id, holder: { id: a.account_id, kind: a.holder_kind } },
        trx,
      );
  }

  return {
    preview,
    /** A branch's slots of a service in [from, to) that have not started. */
    slots: (branch: string, serviceId: string, from: Date, to: Date) =>
      d.capacity.slotsIn(branch, serviceId, from, to, clock.now()),

    /** Makes the change; returns what it did. Lowering is done only after `preview` was seen. */
    async apply(c: CapacityChange) {
      return repo.db.transaction().execute(async (trx) => {
        await d.waitlist.lockLine(c.serviceId, trx);
        const effects = await preview(c, trx);
        for (const e of effects) {
          await d.capacity.lockSlot(e.slot.id, trx);
          for (const o of (await d.capacity.heldIn(e.slot.id, trx)).slice(0, e.offersBack))
            await d.capacity.offerBackToLine(o, clock.now(), trx);
          for (let i = 0; i < e.moved; i++) await moveOut(e.slot, c.staff.accountId, trx);
          await d.capacity.setCapacity(e.slot.id, c.capacity, trx);
        }
        await d.audit.record(
          {
            actor: c.staff,
            action: 'appointments.capacity-changed',
            subject: { kind: 'branch', id: c.branch },
            details: {
              service: c.serviceId,
              from: c.from,
              to: c.to,
              capacity: c.capacity,
              slots: effects.length,
              moved: effects.reduce((n, e) => n + e.moved, 0),
              offersBack: effects.reduce((n, e) => n + e.offersBack, 0),
            },
          },
          trx,
        );
        // Places added (or given back by held offers) go to the line first.
        await d.waitlist.fill(c.serviceId, trx);
        return effects;
      });
    },
  };
}

export type CapacityService = ReturnType<typeof createCapacityService>;
