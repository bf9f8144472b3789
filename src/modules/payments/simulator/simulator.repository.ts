import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db';
import type { ProviderStatus } from '../payments.lifecycle';

export type Delivery = 'once' | 'twice-out-of-order';

export interface CheckoutRow {
  provider_ref: string;
  merchant_payment_id: string;
  amount_cents: number;
  currency: string;
  description: string;
  return_url: string;
  status: ProviderStatus;
  delivery: Delivery;
  created_at: Date;
  decided_at: Date | null;
}

export interface NotificationRow {
  event_id: string;
  provider_ref: string;
  status: ProviderStatus;
  occurred_at: Date;
  attempts: number;
  delivered_at: Date | null;
}

type SimulatorTables = {
  payment_simulator_checkouts: CheckoutRow;
  payment_simulator_notifications: NotificationRow;
};
export type SimulatorDb = Kysely<SimulatorTables>;

/** The simulated provider's own tables: it is a separate system that happens to share the database. */
export function createSimulatorRepository(db: Db) {
  const q = db.withTables<SimulatorTables>();
  return {
    db: q,
    find: (ref: string, t: SimulatorDb = q) =>
      t
        .selectFrom('payment_simulator_checkouts')
        .selectAll()
        .where('provider_ref', '=', ref)
        .executeTakeFirst(),
    findByPayment: (paymentId: string, t: SimulatorDb = q) =>
      t
        .selectFrom('payment_simulator_checkouts')
        .selectAll()
        .where('merchant_payment_id', '=', paymentId)
        .executeTakeFirst(),
    /** Inserts unless a checkout for the payment exists (idempotent creation). */
    insert: (row: CheckoutRow, t: SimulatorDb = q) =>
      t
        .insertInto('payment_simulator_checkouts')
        .values(row)
        .onConflict((oc) => oc.column('merchant_payment_id').doNothing())
        .execute(),
    /** Decides a still-pending checkout; returns it only to the one caller that decided. */
    decide: (ref: string, status: ProviderStatus, now: Date, t: SimulatorDb = q) =>
      t
        .updateTable('payment_simulator_checkouts')
        .set({ status, decided_at: now })
        .where('provider_ref', '=', ref)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst(),
    setDelivery: (ref: string, delivery: Delivery) =>
      q
        .updateTable('payment_simulator_checkouts')
        .set({ delivery })
        .where('provider_ref', '=', ref)
        .execute(),
    insertNotification: (row: NotificationRow, t: SimulatorDb = q) =>
      t.insertInto('payment_simulator_notifications').values(row).execute(),
    findNotification: (eventId: string) =>
      q
        .selectFrom('payment_simulator_notifications')
        .selectAll()
        .where('event_id', '=', eventId)
        .executeTakeFirst(),
    notificationsFor: (ref: string) =>
      q
        .selectFrom('payment_simulator_notifications')
        .selectAll()
        .where('provider_ref', '=', ref)
        .orderBy('occurred_at')
        .execute(),
    markAttempt: (eventId: string, delivered: Date | null) =>
      q
        .updateTable('payment_simulator_notifications')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          ...(delivered ? { delivered_at: delivered } : {}),
        }))
        .where('event_id', '=', eventId)
        .execute(),
  };
}

export type SimulatorRepository = ReturnType<typeof createSimulatorRepository>;
