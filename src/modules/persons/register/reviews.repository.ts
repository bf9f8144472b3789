import type { AnyTransaction } from '../../../platform/db';
import type { PersonReviewRow, Q, ReviewStatus } from './register.tables';

const jsonOf = (v: unknown) => JSON.stringify(v) as never;

/** Data access for person_reviews and person_distinct (part of the register's repository). */
export function reviewQueries(q: (t?: AnyTransaction) => Q) {
  return {
    insertReview: async (row: PersonReviewRow, t: AnyTransaction) => {
      await q(t)
        .insertInto('person_reviews')
        .values({ ...row, explanation: jsonOf(row.explanation) })
        .execute();
    },
    review: (id: string, t?: AnyTransaction) =>
      q(t).selectFrom('person_reviews').selectAll().where('id', '=', id).executeTakeFirst(),
    openReviews: (t?: AnyTransaction) =>
      q(t)
        .selectFrom('person_reviews')
        .selectAll()
        .where('status', '=', 'open')
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    openReviewOfRecord: (recordId: string, t?: AnyTransaction) =>
      q(t)
        .selectFrom('person_reviews')
        .select('id')
        .where('status', '=', 'open')
        .where('record_id', '=', recordId)
        .executeTakeFirst(),
    openReviewBetween: (a: readonly string[], b: readonly string[], t?: AnyTransaction) =>
      q(t)
        .selectFrom('person_reviews')
        .select('id')
        .where('status', '=', 'open')
        .where((eb) =>
          eb.or([
            eb.and([eb('person_id', 'in', a), eb('candidate_person_id', 'in', b)]),
            eb.and([eb('person_id', 'in', b), eb('candidate_person_id', 'in', a)]),
          ]),
        )
        .executeTakeFirst(),
    /** Marks an open review decided; false when someone decided it first. */
    async decideReview(
      id: string,
      d: { status: ReviewStatus; by: string; at: Date; reason: string; actionId: string | null },
      t: AnyTransaction,
    ): Promise<boolean> {
      const r = await q(t)
        .updateTable('person_reviews')
        .set({
          status: d.status,
          decided_by: d.by,
          decided_at: d.at,
          reason: d.reason,
          action_id: d.actionId,
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    setReviewAction: async (id: string, actionId: string, t: AnyTransaction) => {
      await q(t)
        .updateTable('person_reviews')
        .set({ action_id: actionId })
        .where('id', '=', id)
        .execute();
    },
    reopenReview: async (id: string, t: AnyTransaction) => {
      await q(t)
        .updateTable('person_reviews')
        .set({ status: 'open', decided_by: null, decided_at: null, reason: null, action_id: null })
        .where('id', '=', id)
        .execute();
    },

    async insertDistinct(a: string, b: string, actionId: string, at: Date, t: AnyTransaction) {
      const [x, y] = a < b ? [a, b] : [b, a];
      await q(t)
        .insertInto('person_distinct')
        .values({ person_id: x, other_person_id: y, action_id: actionId, at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    deleteDistinctOf: async (actionId: string, t: AnyTransaction) => {
      await q(t).deleteFrom('person_distinct').where('action_id', '=', actionId).execute();
    },
    /** Whether any person of `a` was said not to be any person of `b`. */
    async distinct(a: readonly string[], b: readonly string[], t?: AnyTransaction) {
      if (a.length === 0 || b.length === 0) return false;
      const r = await q(t)
        .selectFrom('person_distinct')
        .select('action_id')
        .where((eb) =>
          eb.or([
            eb.and([eb('person_id', 'in', a), eb('other_person_id', 'in', b)]),
            eb.and([eb('person_id', 'in', b), eb('other_person_id', 'in', a)]),
          ]),
        )
        .executeTakeFirst();
      return Boolean(r);
    },
  };
}
