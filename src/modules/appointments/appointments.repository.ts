import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

/** A visit slot (migration 0023). */
export interface SlotRow {
  id: string;
  branch_code: string;
  service_id: string;
  starts_at: Date;
  minutes: number;
  capacity: number;
  booked: number;
}

export type AppointmentState = 'booked' | 'cancelled' | 'moved' | 'checked-in' | 'no-show';

/** An appointment (migration 0023): bound to the account and the application. */
export interface AppointmentRow {
  id: string;
  application_id: string;
  /** The holder: an account, or a partner (holder_kind) for applications it filed. */
  account_id: string;
  holder_kind: 'account' | 'partner';
  slot_id: string;
  state: AppointmentState;
  booked_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
}

type Tables = { appointment_slots: SlotRow; appointments: AppointmentRow };
const SLOTS_PER_STATEMENT = 5000;
type Q = Kysely<Tables>;

/** Data access for appointment slots and appointments. */
export function createAppointmentsRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    db: q,
    /** Adds slots that do not exist yet (branch, service, start); existing ones are left as they are. */
    insertSlots: async (rows: SlotRow[], t?: AnyTransaction) => {
      let made = 0;
      // In chunks: one statement may carry at most 65 535 bound values (7 per slot).
      for (let i = 0; i < rows.length; i += SLOTS_PER_STATEMENT) {
        const r = await as(t)
          .insertInto('appointment_slots')
          .values(rows.slice(i, i + SLOTS_PER_STATEMENT))
          .onConflict((oc) => oc.columns(['branch_code', 'service_id', 'starts_at']).doNothing())
          .executeTakeFirst();
        made += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      return made;
    },
    slot: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('appointment_slots').selectAll().where('id', '=', id).executeTakeFirst(),
    /**
     * Takes one place in a slot if one is left and the slot has not started: one conditional
     * UPDATE, so concurrent takers serialise on the row and only those who find room get it.
     */
    takePlace: (slotId: string, now: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_slots')
        .set({ booked: sql`booked + 1` })
        .where('id', '=', slotId)
        .where(sql<boolean>`booked < capacity`)
        .where('starts_at', '>', now)
        .returningAll()
        .executeTakeFirst(),
    releasePlace: (slotId: string, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_slots')
        .set({ booked: sql`booked - 1` })
        .where('id', '=', slotId)
        .where('booked', '>', 0)
        .execute(),
    insertAppointment: (row: AppointmentRow, t: AnyTransaction) =>
      as(t).insertInto('appointments').values(row).execute(),
    appointment: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Locks an appointment for the rest of the transaction. */
    lockAppointment: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    end: (
      id: string,
      state: Exclude<AppointmentState, 'booked'>,
      at: Date,
      by: string,
      t: AnyTransaction,
    ) =>
      as(t)
        .updateTable('appointments')
        .set({ state, ended_at: at, ended_by: by })
        .where('id', '=', id)
        .where('state', '=', 'booked')
        .executeTakeFirst(),
    /** Every appointment of an application, oldest first (the change history). */
    forApplication: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointments')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('booked_at')
        .orderBy('id')
        .execute(),
    /** The earliest slots with room at a branch for a service, from `from` on. */
    freeSlots: (branch: string, serviceId: string, from: Date, limit: number) =>
      q
        .selectFrom('appointment_slots')
        .selectAll()
        .where('branch_code', '=', branch)
        .where('service_id', '=', serviceId)
        .where('starts_at', '>', from)
        .where(sql<boolean>`booked < capacity`)
        .orderBy('starts_at')
        .limit(limit)
        .execute(),
  };
}

export type AppointmentsRepository = ReturnType<typeof createAppointmentsRepository>;
