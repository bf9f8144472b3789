import type { Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

/** A holder's delivery choice made after the decision (migration 0021). */
export interface DeliveryChoiceRow {
  application_id: string;
  case_id: string;
  method: 'branch' | 'courier';
  branch_code: string | null;
  address: string | null;
  pending_address: string | null;
  courier_fee_cents: number | null;
  courier_paid_at: Date | null;
  courier_payment_id: string | null;
  chosen_at: Date;
  chosen_by: string;
}

type Tables = { delivery_choices: DeliveryChoiceRow };
type Q = Kysely<Tables>;

/** Data access for delivery_choices. */
export function createDeliveryChoicesRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    db: q,
    find: (applicationId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('delivery_choices')
        .selectAll()
        .where('application_id', '=', applicationId)
        .executeTakeFirst(),
    /** Locks the choice for the rest of the transaction (the payment and the holder may meet). */
    lock: (applicationId: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('delivery_choices')
        .selectAll()
        .where('application_id', '=', applicationId)
        .forUpdate()
        .executeTakeFirst(),
    /** Writes the whole choice: inserted the first time, replaced after. */
    save: (row: DeliveryChoiceRow, t: AnyTransaction) =>
      as(t)
        .insertInto('delivery_choices')
        .values(row)
        .onConflict((oc) =>
          oc.column('application_id').doUpdateSet({
            method: row.method,
            branch_code: row.branch_code,
            address: row.address,
            pending_address: row.pending_address,
            courier_fee_cents: row.courier_fee_cents,
            courier_paid_at: row.courier_paid_at,
            courier_payment_id: row.courier_payment_id,
            chosen_at: row.chosen_at,
            chosen_by: row.chosen_by,
          }),
        )
        .execute(),
  };
}

export type DeliveryChoicesRepository = ReturnType<typeof createDeliveryChoicesRepository>;
