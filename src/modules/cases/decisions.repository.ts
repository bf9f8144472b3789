import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { ApprovalOutcome } from './cases.lifecycle';

/** A proposed or taken decision (migration 0016); final once approved, decided or returned. */
export interface DecisionRow {
  id: string;
  case_id: string;
  seq: number;
  /** A decision on the application, or `revoke` (an issued permit). */
  outcome: ApprovalOutcome;
  grounds: string[];
  reasons: string;
  state: 'proposed' | 'returned' | 'approved' | 'decided';
  proposed_by: string;
  proposed_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  returned_by: string | null;
  returned_at: Date | null;
  return_reason: string | null;
}

export interface LetterRow {
  application_id: string;
  seq: number;
  case_id: string;
  decision_id: string;
  lang: string;
  created_at: Date;
  content: Buffer;
}

type Tables = { decisions: DecisionRow; decision_letters: LetterRow };
type Q = Kysely<Tables>;

/** Data access for the decisions and decision_letters tables (cases module). */
export function createDecisionsRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  const decisions = (t?: AnyTransaction) => as(t).selectFrom('decisions').selectAll();
  return {
    /** The next number among the case's proposals; the caller holds the case row lock. */
    nextSeq: async (caseId: string, t: AnyTransaction): Promise<number> => {
      const r = await as(t)
        .selectFrom('decisions')
        .select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    insert: (row: DecisionRow, t: AnyTransaction) =>
      as(t)
        .insertInto('decisions')
        .values({ ...row, grounds: JSON.stringify(row.grounds) as never })
        .execute(),
    /** The proposal that waits for a second officer, if any (at most one per case). */
    open: (caseId: string, t?: AnyTransaction) =>
      decisions(t).where('case_id', '=', caseId).where('state', '=', 'proposed').executeTakeFirst(),
    list: (caseId: string, t?: AnyTransaction) =>
      decisions(t).where('case_id', '=', caseId).orderBy('seq').execute(),
    /** Closes the open proposal (the database refuses any change to a closed one). */
    close: (
      id: string,
      patch: Partial<
        Pick<
          DecisionRow,
          'state' | 'approved_by' | 'approved_at' | 'returned_by' | 'returned_at' | 'return_reason'
        >
      >,
      t: AnyTransaction,
    ) => as(t).updateTable('decisions').set(patch).where('id', '=', id).execute(),
    /** Appends a letter as number max+1 for the application (the case row lock serialises). */
    insertLetter: async (l: Omit<LetterRow, 'seq'>, t: AnyTransaction): Promise<number> => {
      const r = await as(t)
        .selectFrom('decision_letters')
        .select(sql<number>`coalesce(max(seq), 0) + 1`.as('n'))
        .where('application_id', '=', l.application_id)
        .executeTakeFirstOrThrow();
      const seq = Number(r.n);
      await as(t)
        .insertInto('decision_letters')
        .values({ ...l, seq })
        .execute();
      return seq;
    },
    /** The letters of an application, without their bytes, in order. */
    letters: (applicationId: string) =>
      as()
        .selectFrom('decision_letters')
        .select(['application_id', 'seq', 'case_id', 'decision_id', 'lang', 'created_at'])
        .where('application_id', '=', applicationId)
        .orderBy('seq')
        .execute(),
    letter: async (applicationId: string, seq: number): Promise<LetterRow | undefined> => {
      const row = await as()
        .selectFrom('decision_letters')
        .selectAll()
        .where('application_id', '=', applicationId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      // PGlite returns bytea as a Uint8Array, node-postgres as a Buffer.
      return row && { ...row, content: Buffer.from(row.content) };
    },
  };
}

export type DecisionsRepository = ReturnType<typeof createDecisionsRepository>;
