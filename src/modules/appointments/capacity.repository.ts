import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { AppointmentRow, SlotRow } from './appointments.repository';
import type { OfferRow, WaitlistRow } from './waitlist.repository';

type Tables = {
  appointment_slots: SlotRow;
  appointments: AppointmentRow;
  appointment_offers: OfferRow;
  appointment_waitlist: WaitlistRow;
};
type Q = Kysely<Tables>;

/** Data access for staff changing a branch's capacity. */
export function createCapacityRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    /** A branch's slots of a service starting in [from, to) and after `now`, in time order. */
    slotsIn: (
      branch: string,
      serviceId: string,
      from: Date,
      to: Date,
      now: Date,
      t?: AnyTransaction,
    ) =>
      as(t)
        .selectFrom('appointment_slots')
        .selectAll()
        .where('branch_code', '=', branch)
        .where('service_id', '=', serviceId)
        .where('starts_at', '>=', from > now ? from : now)
        .where('starts_at', '<', to)
        .orderBy('starts_at')
        .execute(),
    lockSlot: (id: string, t: AnyTransaction) =>
      as(t).selectFrom('appointment_slots').select('id').where('id', '=', id).forUpdate().execute(),
    /** Held offers in a slot, the latest first (they go back to the line first). */
    heldIn: (slotId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_offers')
        .selectAll()
        .where('slot_id', '=', slotId)
        .where('state', '=', 'held')
        .orderBy('offered_at', 'desc')
        .execute(),
    /**
     * Withdraws a held offer whose place a branch removed: the place is given up and the person
     * keeps their place in line (the branch's change is not their doing).
     */
    offerBackToLine: async (o: OfferRow, at: Date, t: AnyTransaction) => {
      await as(t)
        .updateTable('appointment_offers')
        .set({ state: 'withdrawn', ended_at: at })
        .where('id', '=', o.id)
        .where('state', '=', 'held')
        .execute();
      await as(t)
        .updateTable('appointment_slots')
        .set({ booked: sql`booked - 1` })
        .where('id', '=', o.slot_id)
        .where('booked', '>', 0)
        .execute();
      if (o.waitlist_id)
        await as(t)
          .updateTable('appointment_waitlist')
          .set({ state: 'waiting' })
          .where('id', '=', o.waitlist_id)
          .where('state', '=', 'offered')
          .execute();
    },
    /** The most recently booked active visit of a slot (moved out first: it was booked last). */
    latestBookedIn: (slotId: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointments')
        .selectAll()
        .where('slot_id', '=', slotId)
        .where('state', '=', 'booked')
        .orderBy('booked_at', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst(),
    /** The earliest other slot with room at the same branch for the same service. */
    nearestFree: (slot: SlotRow, now: Date, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_slots')
        .selectAll()
        .where('branch_code', '=', slot.branch_code)
        .where('service_id', '=', slot.service_id)
        .where('id', '!=', slot.id)
        .where('starts_at', '>', now)
        .where(sql<boolean>`booked < capacity`)
        .orderBy('starts_at')
        .limit(1)
        .executeTakeFirst(),
    /** Sets a slot's places; the check constraint refuses less than is booked. */
    setCapacity: (id: string, capacity: number, t: AnyTransaction) =>
      as(t).updateTable('appointment_slots').set({ capacity }).where('id', '=', id).execute(),
  };
}

export type CapacityRepository = ReturnType<typeof createCapacityRepository>;
