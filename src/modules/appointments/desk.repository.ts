import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import {
  createAppointmentsRepository,
  type AppointmentRow,
  type SlotRow,
} from './appointments.repository';

/** What a served visit recorded (catalogue `visit.takes`). */
export type Take = 'biometrics' | 'originals';
export const PRIORITY_REASONS = ['vulnerable', 'young-children'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** A visit served (or waiting to be) at a branch desk (migration 0025). */
export interface DeskVisitRow {
  id: string;
  branch_code: string;
  application_id: string;
  appointment_id: string | null;
  kind: 'appointment' | 'walk-in';
  priority: boolean;
  priority_reason: PriorityReason | null;
  arrived_at: Date;
  registered_by: string;
  state: 'waiting' | 'served' | 'left';
  ended_at: Date | null;
  served_by: string | null;
  recorded: Take[];
}

/** An appointment of the day with its slot: the day list's row. */
export interface DayAppointment {
  id: string;
  application_id: string;
  state: AppointmentRow['state'];
  booked_at: Date;
  slot_id: string;
  service_id: string;
  starts_at: Date;
  minutes: number;
  capacity: number;
}

type Tables = {
  appointment_slots: SlotRow;
  appointments: AppointmentRow;
  desk_visits: DeskVisitRow;
};
type Q = Kysely<Tables>;
/** Appointments that took a place at a desk (the cancelled and moved ones gave theirs back). */
const AT_A_DESK = ['booked', 'checked-in', 'no-show'] as const;
/** An appointment's columns with its slot's, as the day list and the check-in page read them. */
const WITH_SLOT = [
  'a.id',
  'a.application_id',
  'a.state',
  'a.booked_at',
  's.id as slot_id',
  's.service_id',
  's.starts_at',
  's.minutes',
  's.capacity',
] as const;
const takes = (t: readonly Take[]) => sql`${[...t]}::text[]` as never;

/**
 * Data access of the branch desk: the day's appointments of a branch, ending an appointment as
 * checked in or not come, and the desk visits (the walk-in queue and what each visit recorded).
 */
export function createDeskRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  // Locking and ending an appointment are booking's own statements, shared.
  const appointments = createAppointmentsRepository(db);
  return {
    db: q,
    /** Appointments at a branch starting in [from, to), by time, then in booking order. */
    day: (branch: string, from: Date, to: Date): Promise<DayAppointment[]> =>
      q
        .selectFrom('appointments as a')
        .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
        .select([...WITH_SLOT])
        .where('s.branch_code', '=', branch)
        .where('s.starts_at', '>=', from)
        .where('s.starts_at', '<', to)
        .where('a.state', 'in', AT_A_DESK)
        .orderBy('s.service_id')
        .orderBy('s.starts_at')
        .orderBy('a.booked_at')
        .orderBy('a.id')
        .execute(),
    /** An appointment and its slot (for the check-in page). */
    appointment: (id: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointments as a')
        .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
        .select([...WITH_SLOT, 's.branch_code'])
        .where('a.id', '=', id)
        .executeTakeFirst(),
    /** Locks an appointment row for the rest of the transaction (one desk decides at a time). */
    lockAppointment: appointments.lockAppointment,
    /** Ends a booked appointment as checked in or not come; nothing if it was no longer booked. */
    endAppointment: appointments.end,
    /** The application's booked appointment and its slot, if any. */
    bookedFor: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointments as a')
        .innerJoin('appointment_slots as s', 's.id', 'a.slot_id')
        .select(['a.id', 's.branch_code', 's.starts_at'])
        .where('a.application_id', '=', applicationId)
        .where('a.state', '=', 'booked')
        .executeTakeFirst(),
    insertVisit: (row: DeskVisitRow, t: AnyTransaction) =>
      as(t)
        .insertInto('desk_visits')
        .values({ ...row, recorded: takes(row.recorded) })
        .execute(),
    visit: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('desk_visits').selectAll().where('id', '=', id).executeTakeFirst(),
    lockVisit: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('desk_visits')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    /** Ends a waiting visit: served (with what it recorded) or left; nothing if no longer waiting. */
    endVisit: (
      id: string,
      end: { state: 'served'; by: string; recorded: readonly Take[] } | { state: 'left' },
      at: Date,
      t: AnyTransaction,
    ) =>
      as(t)
        .updateTable('desk_visits')
        .set(
          end.state === 'served'
            ? { state: 'served', ended_at: at, served_by: end.by, recorded: takes(end.recorded) }
            : { state: 'left', ended_at: at },
        )
        .where('id', '=', id)
        .where('state', '=', 'waiting')
        .executeTakeFirst(),
    /** The application's place in a queue, if it waits anywhere. */
    waitingFor: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('desk_visits')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('state', '=', 'waiting')
        .executeTakeFirst(),
    /**
     * The branch's walk-ins of [from, to): those waiting first (priority first, then arrival),
     * then those served or gone, latest first.
     */
    walkIns: (branch: string, from: Date, to: Date) =>
      q
        .selectFrom('desk_visits')
        .selectAll()
        .where('branch_code', '=', branch)
        .where('kind', '=', 'walk-in')
        .where('arrived_at', '>=', from)
        .where('arrived_at', '<', to)
        .orderBy(sql`state = 'waiting'`, 'desc')
        .orderBy('priority', 'desc')
        .orderBy('arrived_at')
        .orderBy('id')
        .execute(),
  };
}

export type DeskRepository = ReturnType<typeof createDeskRepository>;
