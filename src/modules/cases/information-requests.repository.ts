import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

/** One thing the applicant is asked for: a catalogue document type, or free text. */
export type RequestedItem = { documentType: string } | { text: string };

/** A request for information and, once given, its answer (migration 0015). */
export interface InformationRequestRow {
  id: string;
  case_id: string;
  seq: number;
  items: RequestedItem[];
  message: string;
  /** Calendar day (Vilnius) the answer is asked for, as YYYY-MM-DD. */
  due_on: string;
  requested_by: string;
  requested_at: Date;
  answered_at: Date | null;
  answered_by: string | null;
  answer_text: string | null;
}

type Tables = { information_requests: InformationRequestRow };
type Q = Kysely<Tables>;

const PLAIN = [
  'id',
  'case_id',
  'seq',
  'items',
  'message',
  'requested_by',
  'requested_at',
  'answered_at',
  'answered_by',
  'answer_text',
] as const;

/** Data access for information_requests (the cases module's own table). */
export function createInformationRequestsRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  const rows = (t?: AnyTransaction) =>
    as(t)
      .selectFrom('information_requests')
      .select(PLAIN.map((c) => `information_requests.${c}` as const))
      // A date read back as text: drivers would turn it into a local-midnight Date.
      .select(sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'))
      .orderBy('seq') as unknown as SelectQueryBuilder<
      Tables,
      'information_requests',
      InformationRequestRow
    >;
  return {
    /**
     * Inserts a request as number max+1 of its case. The caller holds the case row lock, so two
     * requests never get the same number; the partial unique index refuses a second open one.
     */
    insert: async (
      r: Omit<InformationRequestRow, 'seq' | 'answered_at' | 'answered_by' | 'answer_text'>,
      t: AnyTransaction,
    ): Promise<number> => {
      const last = await as(t)
        .selectFrom('information_requests')
        .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
        .where('case_id', '=', r.case_id)
        .executeTakeFirstOrThrow();
      const seq = Number(last.n) + 1;
      await as(t)
        .insertInto('information_requests')
        .values({ ...r, seq, items: JSON.stringify(r.items) as never })
        .execute();
      return seq;
    },
    listForCase: (caseId: string, t?: AnyTransaction) =>
      rows(t).where('case_id', '=', caseId).execute(),
    find: (caseId: string, seq: number, t?: AnyTransaction) =>
      rows(t).where('case_id', '=', caseId).where('seq', '=', seq).executeTakeFirst(),
    findById: (id: string) => rows().where('id', '=', id).executeTakeFirst(),
    /** Records the answer once; false when the request was already answered. */
    answer: async (
      id: string,
      a: { answered_at: Date; answered_by: string; answer_text: string },
      t: AnyTransaction,
    ): Promise<boolean> => {
      const r = await as(t)
        .updateTable('information_requests')
        .set(a)
        .where('id', '=', id)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

export type InformationRequestsRepository = ReturnType<typeof createInformationRequestsRepository>;
