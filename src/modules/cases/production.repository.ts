import type { Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { CardHolder } from './card-producer';

export type DocumentOrderState =
  'ordered' | 'produced' | 'ready-for-collection' | 'sent-by-courier' | 'issued' | 'failed';

/** A document order (migration 0017): one per granted case. */
export interface DocumentOrderRow {
  id: string;
  case_id: string;
  holder_account_id: string | null;
  card_data: CardHolder;
  document_kind: string;
  state: DocumentOrderState;
  producer_order_id: string | null;
  attempts: number;
  last_error: string | null;
  ordered_at: Date;
  produced_at: Date | null;
  document_number: string | null;
  delivery_method: 'branch' | 'courier';
  delivery_branch: string | null;
  tracking_reference: string | null;
  dispatched_at: Date | null;
  issued_at: Date | null;
  issued_by: string | null;
}

type Tables = { document_orders: DocumentOrderRow };
type Q = Kysely<Tables>;

/** Data access for document_orders. */
export function createProductionRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    db: q,
    insert: (row: DocumentOrderRow, t: AnyTransaction) =>
      as(t)
        .insertInto('document_orders')
        .values({ ...row, card_data: JSON.stringify(row.card_data) as never })
        .execute(),
    find: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('document_orders').selectAll().where('id', '=', id).executeTakeFirst(),
    byCase: (caseId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('document_orders')
        .selectAll()
        .where('case_id', '=', caseId)
        .executeTakeFirst(),
    /** Locks the order for the rest of the transaction (the poll and an officer may meet). */
    lock: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('document_orders')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    update: (
      id: string,
      patch: Partial<Omit<DocumentOrderRow, 'id' | 'case_id'>>,
      t?: AnyTransaction,
    ) => as(t).updateTable('document_orders').set(patch).where('id', '=', id).execute(),
    /** Orders the poll asks about: with the producer, or on their way by courier. */
    open: (limit: number) =>
      q
        .selectFrom('document_orders')
        .select(['id', 'state'])
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'ordered'), eb('producer_order_id', 'is not', null)]),
            eb('state', '=', 'sent-by-courier'),
          ]),
        )
        .orderBy('ordered_at')
        .limit(limit)
        .execute(),
  };
}

export type ProductionRepository = ReturnType<typeof createProductionRepository>;
