import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { SlotRow } from './appointments.repository';

export type HolderKind = 'account' | 'partner';

/** A place in the waitlist (migration 0024). */
export interface WaitlistRow {
  id: string;
  seq?: string;
  application_id: string;
  account_id: string;
  holder_kind: HolderKind;
  service_id: string;
  branches: string[];
  from_at: Date;
  to_at: Date;
  joined_at: Date;
  state: 'waiting' | 'offered' | 'booked' | 'left' | 'lapsed';
  ended_at: Date | null;
}

/** A place held for one applicant for a limited time (migration 0024). */
export interface OfferRow {
  id: string;
  slot_id: string;
  application_id: string;
  account_id: string;
  holder_kind: HolderKind;
  reason: 'waitlist' | 'rebooking';
  waitlist_id: string | null;
  offered_at: Date;
  held_until: Date;
  state: 'held' | 'accepted' | 'declined' | 'lapsed' | 'withdrawn';
  ended_at: Date | null;
  appointment_id: string | null;
}

type Tables = {
  appointment_waitlist: WaitlistRow;
  appointment_offers: OfferRow;
  appointment_slots: SlotRow;
};
type Q = Kysely<Tables>;

/** Data access for the waitlist and held offers. */
export function createWaitlistRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    /**
     * Serialises offering for one service until the transaction ends, so two places freed at
     * once go to the first and the second in line, never both to the first (or one to nobody).
     */
    lockLine: (serviceId: string, t: AnyTransaction) =>
      sql`select pg_advisory_xact_lock(hashtext(${`appointments.waitlist:${serviceId}`}))`.execute(
        t,
      ),
    join: (row: WaitlistRow, t: AnyTransaction) =>
      as(t)
        .insertInto('appointment_waitlist')
        .values({ ...row, branches: sql`${row.branches}::text[]` as never })
        .execute(),
    /** The application's entry while it waits or holds an offer. */
    openEntry: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_waitlist')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('state', 'in', ['waiting', 'offered'])
        .executeTakeFirst(),
    endEntry: (id: string, state: 'booked' | 'left' | 'lapsed', at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_waitlist')
        .set({ state, ended_at: at })
        .where('id', '=', id)
        .where('state', 'in', ['waiting', 'offered'])
        .executeTakeFirst(),
    markOffered: (id: string, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_waitlist')
        .set({ state: 'offered' })
        .where('id', '=', id)
        .where('state', '=', 'waiting')
        .executeTakeFirst(),
    backToWaiting: (id: string, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_waitlist')
        .set({ state: 'waiting' })
        .where('id', '=', id)
        .where('state', '=', 'offered')
        .executeTakeFirst(),
    /** The first in line who accepts this slot (its branch, its time), if anyone. */
    firstFor: (slot: SlotRow, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_waitlist')
        .selectAll()
        .where('state', '=', 'waiting')
        .where('service_id', '=', slot.service_id)
        .where(sql<boolean>`${slot.branch_code} = any(branches)`)
        .where('from_at', '<=', slot.starts_at)
        .where('to_at', '>', slot.starts_at)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst(),
    /** Everyone waiting for a service, in line order. */
    waiting: (serviceId: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_waitlist')
        .selectAll()
        .where('state', '=', 'waiting')
        .where('service_id', '=', serviceId)
        .orderBy('seq')
        .execute(),
    /** The earliest slot with room that a waitlist entry accepts, after `now`. */
    earliestFor: (e: WaitlistRow, now: Date, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_slots')
        .selectAll()
        .where('service_id', '=', e.service_id)
        .where('branch_code', 'in', e.branches)
        .where('starts_at', '>', now > e.from_at ? now : e.from_at)
        .where('starts_at', '<', e.to_at)
        .where(sql<boolean>`booked < capacity`)
        .orderBy('starts_at')
        .limit(1)
        .executeTakeFirst(),
    /** Position in line among those waiting for the same service (1 = next). */
    position: async (e: WaitlistRow, t?: AnyTransaction) => {
      const r = await as(t)
        .selectFrom('appointment_waitlist')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('state', '=', 'waiting')
        .where('service_id', '=', e.service_id)
        .where('seq', '<=', e.seq!)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    insertOffer: (row: OfferRow, t: AnyTransaction) =>
      as(t).insertInto('appointment_offers').values(row).execute(),
    heldOffer: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_offers')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('state', '=', 'held')
        .executeTakeFirst(),
    lockOffer: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_offers')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    endOffer: (
      id: string,
      state: Exclude<OfferRow['state'], 'held'>,
      at: Date,
      appointmentId: string | null,
      t: AnyTransaction,
    ) =>
      as(t)
        .updateTable('appointment_offers')
        .set({ state, ended_at: at, appointment_id: appointmentId })
        .where('id', '=', id)
        .where('state', '=', 'held')
        .executeTakeFirst(),
    /** Held offers whose time ran out, locked (other workers skip them). */
    lapsedOffers: (now: Date, limit: number, t: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_offers')
        .selectAll()
        .where('state', '=', 'held')
        .where('held_until', '<=', now)
        .orderBy('held_until')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute(),
  };
}

export type WaitlistRepository = ReturnType<typeof createWaitlistRepository>;
