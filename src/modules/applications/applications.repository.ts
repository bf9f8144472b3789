import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

export interface ApplicationRow {
  id: string;
  reference: string | null;
  service_id: string;
  ground_id: string | null;
  urgent: boolean;
  state: 'draft' | 'submitted' | 'withdrawn';
  owner_account_id: string | null;
  filed_by_kind: 'self' | 'parent' | 'organisation' | 'partner';
  filed_by_account_id: string | null;
  filed_by_partner_id: string | null;
  answers: Record<string, string | null>;
  declaration_at: Date | null;
  fee_receipt: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export interface ApplicationEventRow {
  application_id: string;
  seq: number;
  at: Date;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  details: Record<string, unknown>;
}

export type ApplicationsTables = {
  applications: ApplicationRow;
  application_events: ApplicationEventRow;
};

type Q = Kysely<ApplicationsTables>;
const json = (v: unknown) => JSON.stringify(v) as never;

/** Data access for the applications module's own tables. */
export function createApplicationsRepository(db: Db) {
  const q = db.withTables<ApplicationsTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<ApplicationsTables>() as Q) : q);
  return {
    db: q,
    insert: (row: ApplicationRow, t?: AnyTransaction) =>
      as(t)
        .insertInto('applications')
        .values({ ...row, answers: json(row.answers) })
        .execute(),
    find: (id: string, t?: AnyTransaction) =>
      as(t).selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Locks the row for the rest of the transaction: one writer per application at a time. */
    lock: (id: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
    update: (id: string, patch: Partial<ApplicationRow>, t?: AnyTransaction) =>
      as(t)
        .updateTable('applications')
        .set({ ...patch, ...(patch.answers ? { answers: json(patch.answers) } : {}) })
        .where('id', '=', id)
        .execute(),
    /** Moves a draft to submitted exactly once; a second caller gets nothing back. */
    markSubmitted: (id: string, reference: string, at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('applications')
        .set({ state: 'submitted', reference, submitted_at: at, updated_at: at })
        .where('id', '=', id)
        .where('state', '=', 'draft')
        .returningAll()
        .executeTakeFirst(),
    nextReferenceNumber: async (t: AnyTransaction) =>
      Number(
        (
          await sql<{
            n: string | number;
          }>`select nextval('application_reference_seq') as n`.execute(t)
        ).rows[0]!.n,
      ),
    appendEvent: async (e: Omit<ApplicationEventRow, 'seq'>, t: AnyTransaction) => {
      const last = await as(t)
        .selectFrom('application_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('application_id', '=', e.application_id)
        .executeTakeFirst();
      await as(t)
        .insertInto('application_events')
        .values({ ...e, seq: Number(last?.seq ?? 0) + 1, details: json(e.details) })
        .execute();
    },
    events: (id: string) =>
      q
        .selectFrom('application_events')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('seq')
        .execute(),
    /** Applications a person may see: their own, and those they filed for someone else. */
    listForAccount: (accountId: string) =>
      q
        .selectFrom('applications')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('owner_account_id', '=', accountId),
            eb('filed_by_account_id', '=', accountId),
          ]),
        )
        .where('state', '!=', 'withdrawn')
        .orderBy('created_at', 'desc')
        .execute(),
  };
}

export type ApplicationsRepository = ReturnType<typeof createApplicationsRepository>;
