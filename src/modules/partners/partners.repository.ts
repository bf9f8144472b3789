import { sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db';

export interface PartnerRow {
  id: string;
  name: string;
  key_prefix: string;
  key_hash: string;
  services: string[];
  countries: string[];
  webhook_url: string | null;
  webhook_secret: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

export interface IdempotencyRow {
  partner_id: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'in-progress' | 'completed';
  response_status: number | null;
  response_body: string | null;
  response_headers: Record<string, string> | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface WebhookDeliveryRow {
  id: string;
  partner_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: Date;
}

export type PartnersTables = {
  partners: PartnerRow;
  idempotency_keys: IdempotencyRow;
  webhook_deliveries: WebhookDeliveryRow;
};
export type PartnersDb = Kysely<PartnersTables>;

/** Data access for the partners module's own tables. */
export function createPartnersRepository(db: Db) {
  const q = db.withTables<PartnersTables>();
  return {
    db: q,
    insertPartner: (row: PartnerRow) => q.insertInto('partners').values(row).execute(),
    findPartner: (id: string) =>
      q.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst(),
    findByPrefix: (prefix: string) =>
      q.selectFrom('partners').selectAll().where('key_prefix', '=', prefix).executeTakeFirst(),
    listPartners: () => q.selectFrom('partners').selectAll().orderBy('created_at').execute(),
    revoke: (id: string, now: Date) =>
      q
        .updateTable('partners')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning(['id'])
        .executeTakeFirst(),

    /** Inserts the claim; returns false when the key already exists (unique primary key). */
    claimKey: async (row: IdempotencyRow): Promise<boolean> => {
      const r = await q
        .insertInto('idempotency_keys')
        .values({ ...row, response_headers: null })
        .onConflict((oc) => oc.columns(['partner_id', 'key']).doNothing())
        .returning(['key'])
        .executeTakeFirst();
      return r !== undefined;
    },
    findKey: (partnerId: string, key: string) =>
      q
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('key', '=', key)
        .executeTakeFirst(),
    /** Removes one key row; with `claimedBefore`, only if it is (still) older than that. */
    deleteKey: (partnerId: string, key: string, claimedBefore?: Date) => {
      let d = q
        .deleteFrom('idempotency_keys')
        .where('partner_id', '=', partnerId)
        .where('key', '=', key);
      if (claimedBefore) d = d.where('created_at', '<', claimedBefore);
      return d.execute();
    },
    completeKey: (
      partnerId: string,
      key: string,
      r: { status: number; body: string; headers: Record<string, string>; now: Date },
    ) =>
      q
        .updateTable('idempotency_keys')
        .set({
          state: 'completed',
          response_status: r.status,
          response_body: r.body,
          response_headers: JSON.stringify(r.headers) as never,
          completed_at: r.now,
        })
        .where('partner_id', '=', partnerId)
        .where('key', '=', key)
        .where('state', '=', 'in-progress')
        .execute(),
    sweepKeys: async (before: Date) =>
      Number(
        (await q.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst())
          .numDeletedRows,
      ),

    insertDelivery: (row: WebhookDeliveryRow, t: PartnersDb = q) =>
      t
        .insertInto('webhook_deliveries')
        .values({ ...row, payload: JSON.stringify(row.payload) as never })
        .execute(),
    findDelivery: (id: string) =>
      q.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst(),
    findDeliveryByEvent: (eventId: string) =>
      q
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('event_id', '=', eventId)
        .executeTakeFirst(),
    /**
     * Takes a due, undelivered delivery for one attempt by moving its due time to the end of a
     * lease; only one worker wins, so an event is never posted twice at once.
     */
    leaseDelivery: (id: string, now: Date, leaseUntil: Date) =>
      q
        .updateTable('webhook_deliveries')
        .set({ next_attempt_at: leaseUntil })
        .where('id', '=', id)
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', 'is not', null)
        .where('next_attempt_at', '<=', now)
        .returningAll()
        .executeTakeFirst(),
    recordAttempt: (
      id: string,
      r: Pick<
        WebhookDeliveryRow,
        'last_status' | 'last_error' | 'next_attempt_at' | 'delivered_at'
      >,
      t: PartnersDb = q,
    ) =>
      t
        .updateTable('webhook_deliveries')
        .set({ ...r, attempts: sql<number>`attempts + 1` })
        .where('id', '=', id)
        .execute(),
    /** Undelivered deliveries whose due time passed long ago (their job was lost). */
    overdueDeliveries: (before: Date, limit: number) =>
      q
        .selectFrom('webhook_deliveries')
        .select(['id'])
        .where('delivered_at', 'is', null)
        .where('next_attempt_at', '<', before)
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute(),
  };
}

export type PartnersRepository = ReturnType<typeof createPartnersRepository>;
