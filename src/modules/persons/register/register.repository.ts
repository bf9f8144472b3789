import { sql } from 'kysely';
import type { AnyTransaction, Db } from '../../../platform/db';
import { reviewQueries } from './reviews.repository';
import type {
  PersonActionRow,
  PersonRecordRow,
  PersonRow,
  PersonsTables,
  Q,
} from './register.tables';
import type { SourceKind } from './types';

export type {
  PersonActionRow,
  PersonRecordRow,
  PersonReviewRow,
  PersonRow,
  ReviewStatus,
} from './register.tables';

const json = (v: unknown) => JSON.stringify(v) as never;
const RECORD_COLUMNS = [
  'id',
  'person_id',
  'original_person_id',
  'source_kind',
  'source_id',
  'source_label',
  'given_names',
  'surname',
  'latin_names',
  'date_of_birth',
  'sex',
  'nationality',
  'document_type',
  'document_number',
  'document_state',
  sql<string | null>`to_char(document_valid_until, 'YYYY-MM-DD')`.as('document_valid_until'),
  'place_of_birth',
  'recorded_at',
  'linked_by',
  'probability',
  'explanation',
] as const;
/** Keys looked up per query; a key shared by more records than this is too common to block on. */
export const MAX_RECORDS_PER_LOOKUP = 2000;

/** Data access for the register's tables only. Every call runs in the caller's transaction. */
export function createRegisterRepository(db: Db) {
  const q = (t?: AnyTransaction): Q => (t ?? db).withTables<PersonsTables>() as Q;
  const ids = (list: readonly string[]) => sql.join(list.map((id) => sql`${id}::uuid`));

  return {
    run: <T>(fn: (trx: AnyTransaction) => Promise<T>, trx?: AnyTransaction): Promise<T> =>
      trx ? fn(trx) : db.transaction().execute(fn),

    async nextNumber(t: AnyTransaction): Promise<number> {
      const r = await sql<{ n: number }>`select nextval('persons_number_seq')::int as n`.execute(t);
      return r.rows[0]!.n;
    },

    insertPerson: async (row: PersonRow, t: AnyTransaction) => {
      await q(t).insertInto('persons').values(row).execute();
    },
    deletePerson: async (id: string, t: AnyTransaction) => {
      await q(t).deleteFrom('persons').where('id', '=', id).execute();
    },
    setMerged: async (id: string, into: string | null, t: AnyTransaction) => {
      await q(t)
        .updateTable('persons')
        .set({ status: into ? 'merged' : 'active', merged_into: into })
        .where('id', '=', id)
        .execute();
    },

    personsByIds: async (list: readonly string[], t?: AnyTransaction): Promise<PersonRow[]> =>
      list.length === 0
        ? []
        : q(t).selectFrom('persons').selectAll().where('id', 'in', list).execute(),
    personByNumber: (number: string, t?: AnyTransaction) =>
      q(t).selectFrom('persons').selectAll().where('number', '=', number).executeTakeFirst(),

    /** Each person's surviving person: the end of its merged_into chain. */
    async roots(list: readonly string[], t?: AnyTransaction): Promise<Map<string, string>> {
      if (list.length === 0) return new Map();
      const r = await sql<{ start: string; root: string }>`
        with recursive up (start, id, merged_into) as (
          select id, id, merged_into from persons where id in (${ids(list)})
          union all
          select up.start, p.id, p.merged_into from up join persons p on p.id = up.merged_into
        )
        select start, id as root from up where merged_into is null`.execute(t ?? db);
      return new Map(r.rows.map((row) => [row.start, row.root]));
    },

    /** The person and every person merged into it, directly or through another. */
    async members(root: string, t?: AnyTransaction): Promise<PersonRow[]> {
      const r = await sql<PersonRow>`
        with recursive down (id) as (
          select ${root}::uuid
          union all
          select p.id from persons p join down on p.merged_into = down.id
        )
        select p.* from persons p join down on down.id = p.id order by p.created_at, p.number`.execute(
        t ?? db,
      );
      return r.rows;
    },

    recordBySource: (kind: SourceKind, id: string, t?: AnyTransaction) =>
      q(t)
        .selectFrom('person_records')
        .select(RECORD_COLUMNS)
        .where('source_kind', '=', kind)
        .where('source_id', '=', id)
        .executeTakeFirst() as Promise<PersonRecordRow | undefined>,
    recordsByIds: (list: readonly string[], t?: AnyTransaction) =>
      (list.length === 0
        ? Promise.resolve([])
        : q(t)
            .selectFrom('person_records')
            .select(RECORD_COLUMNS)
            .where('id', 'in', list)
            .execute()) as Promise<PersonRecordRow[]>,
    recordsOfPersons: (persons: readonly string[], t?: AnyTransaction) =>
      (persons.length === 0
        ? Promise.resolve([])
        : q(t)
            .selectFrom('person_records')
            .select(RECORD_COLUMNS)
            .where('person_id', 'in', persons)
            .orderBy('recorded_at')
            .orderBy('id')
            .execute()) as Promise<PersonRecordRow[]>,

    /** Inserts the record unless its source is there already; true when inserted. */
    async insertRecord(row: PersonRecordRow, t: AnyTransaction): Promise<boolean> {
      const r = await q(t)
        .insertInto('person_records')
        .values({
          ...row,
          explanation: row.explanation ? json(row.explanation) : null,
        })
        .onConflict((oc) => oc.columns(['source_kind', 'source_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return Boolean(r);
    },
    async moveRecords(list: readonly string[], to: string, t: AnyTransaction) {
      if (list.length > 0)
        await q(t)
          .updateTable('person_records')
          .set({ person_id: to })
          .where('id', 'in', list)
          .execute();
    },
    async insertKeys(recordId: string, keys: readonly string[], t: AnyTransaction) {
      const unique = [...new Set(keys)];
      if (unique.length > 0)
        await q(t)
          .insertInto('person_keys')
          .values(unique.map((key) => ({ person_record_id: recordId, key })))
          .onConflict((oc) => oc.doNothing())
          .execute();
    },
    /** Ids of the persons owning records that share a key (at most MAX_RECORDS_PER_LOOKUP records). */
    async personsWithKeys(keys: readonly string[], t?: AnyTransaction): Promise<string[]> {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return [];
      const rows = await q(t)
        .selectFrom('person_keys as k')
        .innerJoin('person_records as r', 'r.id', 'k.person_record_id')
        .select('r.person_id')
        .distinct()
        .where('k.key', 'in', unique)
        .limit(MAX_RECORDS_PER_LOOKUP)
        .execute();
      return rows.map((r) => r.person_id);
    },

    insertAction: async (row: PersonActionRow, t: AnyTransaction) => {
      await q(t)
        .insertInto('person_actions')
        .values({ ...row, details: json(row.details) })
        .execute();
    },
    action: (id: string, t?: AnyTransaction) =>
      q(t).selectFrom('person_actions').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Actions naming any of the persons, and the undos of those, oldest first. */
    actionsTouching: async (persons: readonly string[], t?: AnyTransaction) =>
      persons.length === 0
        ? []
        : q(t)
            .selectFrom('person_actions')
            .selectAll()
            .where((eb) =>
              eb.or([eb('person_id', 'in', persons), eb('other_person_id', 'in', persons)]),
            )
            .orderBy('at')
            .orderBy('id')
            .execute(),
    undoOf: (actionId: string, t?: AnyTransaction) =>
      q(t)
        .selectFrom('person_actions')
        .select('id')
        .where('undoes', '=', actionId)
        .executeTakeFirst(),
    /** Locks the persons' rows (in id order, so two officers' actions cannot deadlock). */
    async lockPersons(list: readonly string[], t: AnyTransaction) {
      await sql`select id from persons where id in (${ids([...list].sort())})
        order by id for update`.execute(t);
    },

    ...reviewQueries(q),
  };
}

export type RegisterRepository = ReturnType<typeof createRegisterRepository>;
