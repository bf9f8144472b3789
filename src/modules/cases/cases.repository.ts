import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { CaseActionKind, CaseStatus } from './cases.lifecycle';

/** A case; calendar days are kept as YYYY-MM-DD text (no time zone games). */
export interface CaseRow {
  id: string;
  application_id: string;
  service_id: string;
  ground_id: string | null;
  urgency: string;
  /** Branch responsible (accounts branches.id); null = unassigned, handled centrally. */
  branch_id: string | null;
  /** Staff account id of the officer working on it. */
  assigned_to: string | null;
  /** Cache of the status derived from the actions (cases.lifecycle.ts). */
  status: CaseStatus;
  term_starts_on: string | null;
  deadline_on: string | null;
  opened_at: Date;
}

export interface CaseActionRow {
  case_id: string;
  seq: number;
  at: Date;
  kind: CaseActionKind;
  actor_kind: string;
  actor_id: string | null;
  details: Record<string, unknown>;
}

export type CasesTables = {
  cases: CaseRow;
  case_actions: CaseActionRow;
};

type Q = Kysely<CasesTables>;
const json = (v: unknown) => JSON.stringify(v) as never;

const PLAIN_COLUMNS = [
  'id',
  'application_id',
  'service_id',
  'ground_id',
  'urgency',
  'branch_id',
  'assigned_to',
  'status',
  'opened_at',
] as const;
const DATE_COLUMNS = ['term_starts_on', 'deadline_on'] as const;

/** Calendar days read back as text: drivers would turn a date into a local-midnight Date. */
const dayText = <A extends string>(column: string, alias: A) =>
  sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`.as(alias);

/** What the status cache and the queue columns may be set to alongside an action. */
export type CaseCachePatch = Partial<
  Pick<CaseRow, 'status' | 'branch_id' | 'assigned_to' | 'term_starts_on' | 'deadline_on'>
>;

/** Data access for the cases module's own tables (cases, case_actions). */
export function createCasesRepository(db: Db) {
  const q = db.withTables<CasesTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<CasesTables>() as Q) : q);
  const cases = (t?: AnyTransaction) =>
    as(t)
      .selectFrom('cases')
      .select(PLAIN_COLUMNS.map((c) => `cases.${c}` as const))
      .select(DATE_COLUMNS.map((c) => dayText(`cases.${c}`, c))) as unknown as SelectQueryBuilder<
      CasesTables,
      'cases',
      CaseRow
    >;
  return {
    db: q,
    /**
     * Inserts a case unless its application already has one. Returns true when this call
     * inserted it; a concurrent second call waits on the unique index and then inserts nothing.
     */
    insertIfAbsent: async (row: CaseRow, t: AnyTransaction): Promise<boolean> => {
      const inserted = await as(t)
        .insertInto('cases')
        .values(row)
        .onConflict((oc) => oc.column('application_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    find: (id: string, t?: AnyTransaction) =>
      cases(t).where('cases.id', '=', id).executeTakeFirst(),
    findByApplication: (applicationId: string, t?: AnyTransaction) =>
      cases(t).where('cases.application_id', '=', applicationId).executeTakeFirst(),
    /** Every case's id, oldest first (demo seeding runs the pipeline on each; not for pages). */
    allIds: async (t?: AnyTransaction) =>
      (await as(t).selectFrom('cases').select('id').orderBy('opened_at').execute()).map(
        (r) => r.id,
      ),
    /** Locks the case row for the rest of the transaction: one action per case at a time. */
    lock: (id: string, t: AnyTransaction) =>
      cases(t).where('cases.id', '=', id).forUpdate().executeTakeFirst(),
    /** Updates the caches (status, queue columns), in the transaction of the action behind them. */
    updateCache: (id: string, patch: CaseCachePatch, t: AnyTransaction) =>
      as(t).updateTable('cases').set(patch).where('id', '=', id).execute(),
    /**
     * Appends an action as number max+1, in one statement. The caller holds the case row lock
     * (`lock`), so two actions on the same case never compute the same number.
     */
    appendAction: async (a: Omit<CaseActionRow, 'seq'>, t: AnyTransaction) => {
      await as(t)
        .insertInto('case_actions')
        .columns(['case_id', 'seq', 'at', 'kind', 'actor_kind', 'actor_id', 'details'])
        .expression((eb) =>
          eb
            .selectFrom('case_actions')
            .select([
              // Parameters in a select list have no type to infer from: cast each one.
              sql<string>`${a.case_id}::uuid`.as('case_id'),
              sql<number>`coalesce(max(seq), 0) + 1`.as('seq'),
              sql<Date>`${a.at}::timestamptz`.as('at'),
              sql<string>`${a.kind}::text`.as('kind'),
              sql<string>`${a.actor_kind}::text`.as('actor_kind'),
              sql<string | null>`${a.actor_id}::text`.as('actor_id'),
              sql`${json(a.details)}::jsonb`.as('details'),
            ])
            .where('case_id', '=', a.case_id),
        )
        .execute();
    },
    actions: (caseId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('case_actions')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute(),
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;
