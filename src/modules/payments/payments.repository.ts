import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db';
import type { PaymentStatus, ProviderStatus } from './payments.lifecycle';

export interface PaymentRow {
  id: string;
  account_id: string | null;
  partner_id: string | null;
  reference_kind: string;
  reference_id: string;
  amount_cents: number;
  currency: string;
  description: string;
  status: PaymentStatus;
  provider: string;
  provider_ref: string | null;
  redirect_url: string | null;
  continue_url: string | null;
  created_at: Date;
  paid_at: Date | null;
  updated_at: Date;
}

export interface PaymentEventRow {
  id: string;
  event_id: string;
  payment_id: string;
  source: 'callback' | 'status-check';
  status: ProviderStatus;
  amount_cents: number;
  applied: boolean;
  occurred_at: Date;
  received_at: Date;
  raw: Record<string, unknown>;
}

type PaymentsTables = { payments: PaymentRow; payment_events: PaymentEventRow };
export type PaymentsDb = Kysely<PaymentsTables>;

/** Data access for the payments module's own tables. */
export function createPaymentsRepository(db: Db) {
  const q = db.withTables<PaymentsTables>();
  return {
    db: q,
    find: (id: string, t: PaymentsDb = q) =>
      t.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The payment a provider ref belongs to, locked until the transaction ends. */
    lockByProviderRef: (ref: string, t: PaymentsDb) =>
      t
        .selectFrom('payments')
        .selectAll()
        .where('provider_ref', '=', ref)
        .forUpdate()
        .executeTakeFirst(),
    forReference: (kind: string, id: string, t: PaymentsDb = q) =>
      t
        .selectFrom('payments')
        .selectAll()
        .where('reference_kind', '=', kind)
        .where('reference_id', '=', id)
        .orderBy('created_at')
        .execute(),
    insert: (row: PaymentRow, t: PaymentsDb = q) => t.insertInto('payments').values(row).execute(),
    /** Records the checkout once; a concurrent caller that lost keeps the winner's. */
    setCheckout: (id: string, ref: string, url: string, now: Date) =>
      q
        .updateTable('payments')
        .set({ provider_ref: ref, redirect_url: url, updated_at: now })
        .where('id', '=', id)
        .where('provider_ref', 'is', null)
        .execute(),
    setStatus: (id: string, status: PaymentStatus, now: Date, paidAt: Date | null, t: PaymentsDb) =>
      t
        .updateTable('payments')
        .set({ status, updated_at: now, ...(paidAt ? { paid_at: paidAt } : {}) })
        .where('id', '=', id)
        .execute(),
    /** Inserts the event unless its id was seen; true when this call recorded it. */
    insertEvent: async (row: PaymentEventRow, t: PaymentsDb) =>
      (
        await t
          .insertInto('payment_events')
          .values({ ...row, raw: JSON.stringify(row.raw) as never })
          .onConflict((oc) => oc.column('event_id').doNothing())
          .returning('id')
          .execute()
      ).length === 1,
    eventsFor: (paymentId: string) =>
      q
        .selectFrom('payment_events')
        .selectAll()
        .where('payment_id', '=', paymentId)
        .orderBy('received_at')
        .orderBy('id')
        .execute(),
    paidFor: (accountId: string) =>
      q
        .selectFrom('payments')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('status', '=', 'paid')
        .orderBy('paid_at', 'desc')
        .execute(),
    /** Pending payments started before `before`, oldest first. */
    stalePending: (before: Date, limit: number) =>
      q
        .selectFrom('payments')
        .selectAll()
        .where('status', '=', 'pending')
        .where('created_at', '<', before)
        .orderBy('created_at')
        .limit(limit)
        .execute(),
  };
}

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;
