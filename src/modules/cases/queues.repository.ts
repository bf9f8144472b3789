import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { CaseStatus } from './cases.lifecycle';
import type { CaseRow } from './cases.repository';
import { NEAR_MAX_DAYS, NEAR_SHARE } from './legal-clock';

/** An internal note of staff on a case (migration 0014); never shown to the applicant. */
export interface CaseNoteRow {
  id: string;
  case_id: string;
  at: Date;
  author_id: string;
  body: string;
}

type QueueTables = {
  cases: CaseRow & { assigned_at: Date | null; triage_tier: TriageTier | null };
  case_notes: CaseNoteRow;
};
type Q = Kysely<QueueTables>;

export type DeadlineState = 'on-track' | 'near' | 'overdue';
/** The tier of the latest triage run, kept on the case for the queue (migration 0034). */
export const TRIAGE_TIERS = ['routine', 'standard', 'enhanced'] as const;
export type TriageTier = (typeof TRIAGE_TIERS)[number];

/** Which cases a queue shows. `branchId` undefined = every branch (staff without a branch). */
export interface QueueFilter {
  branchId?: string | undefined;
  serviceId?: string | undefined;
  status?: CaseStatus | undefined;
  urgency?: string | undefined;
  deadline?: DeadlineState | undefined;
  /** Assigned to this staff account. */
  assignedTo?: string | undefined;
  unassigned?: boolean | undefined;
  /** The triage tier of the latest pipeline run. */
  tier?: TriageTier | undefined;
  /** Statuses left out (the closed ones), unless `status` asks for one of them. */
  closed: readonly CaseStatus[];
  /** Today in Vilnius, YYYY-MM-DD: near and overdue are judged against it. */
  today: string;
}

/** Where the previous page ended: the sort key of its last row. */
export interface QueueCursor {
  deadline: string | null;
  openedAt: string;
  id: string;
}

/** A queue row: the case columns the list shows, in deadline order. */
export type QueueRow = Pick<
  CaseRow,
  'id' | 'application_id' | 'service_id' | 'urgency' | 'status' | 'branch_id' | 'assigned_to'
> & {
  deadline_on: string | null;
  term_starts_on: string | null;
  opened_at: Date;
  triage_tier: TriageTier | null;
};

const day = (v: string) => sql<string>`${v}::date`;

/**
 * "Near" in SQL, as the legal clock judges it: 0 ≤ days left ≤ min(10, ⌈20 % of the term⌉). The
 * term's length is taken from the cached dates, so a suspension already moved into the deadline
 * counts as a longer term (a day or two more warning; the case view shows the exact clock).
 */
const nearSql = (today: string) =>
  sql<SqlBool>`(cases.deadline_on >= ${day(today)} and cases.deadline_on - ${day(today)} <= least(${NEAR_MAX_DAYS}, ceil((cases.deadline_on - cases.term_starts_on) * ${NEAR_SHARE}::numeric)))`;

/** Data access for queues, assignment and notes (own tables of the cases module). */
export function createQueuesRepository(db: Db) {
  const q = db.withTables<QueueTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<QueueTables>() as Q) : q);

  /** The filter as one condition over `cases`. */
  const where = (f: QueueFilter): Expression<SqlBool> => {
    const parts = [];
    if (f.branchId !== undefined) {
      parts.push(sql<SqlBool>`(cases.branch_id is null or cases.branch_id = ${f.branchId})`);
    }
    if (f.status) parts.push(sql<SqlBool>`cases.status = ${f.status}`);
    else if (f.closed.length > 0) {
      parts.push(sql<SqlBool>`cases.status not in (${sql.join([...f.closed])})`);
    }
    if (f.serviceId) parts.push(sql<SqlBool>`cases.service_id = ${f.serviceId}`);
    if (f.urgency) parts.push(sql<SqlBool>`cases.urgency = ${f.urgency}`);
    if (f.assignedTo) parts.push(sql<SqlBool>`cases.assigned_to = ${f.assignedTo}`);
    if (f.unassigned) parts.push(sql<SqlBool>`cases.assigned_to is null`);
    if (f.tier) parts.push(sql<SqlBool>`cases.triage_tier = ${f.tier}`);
    if (f.deadline === 'overdue') parts.push(sql<SqlBool>`cases.deadline_on < ${day(f.today)}`);
    if (f.deadline === 'near') parts.push(nearSql(f.today));
    if (f.deadline === 'on-track') {
      parts.push(
        sql<SqlBool>`(cases.deadline_on is null or (cases.deadline_on >= ${day(f.today)} and not ${nearSql(f.today)}))`,
      );
    }
    return parts.length === 0 ? sql<SqlBool>`true` : sql<SqlBool>`${sql.join(parts, sql` and `)}`;
  };

  /** After the cursor in the order deadline_on asc nulls last, opened_at, id. */
  const after = (c: QueueCursor): Expression<SqlBool> => {
    const rest = sql<SqlBool>`(cases.opened_at, cases.id) > (${c.openedAt}::timestamptz, ${c.id}::uuid)`;
    return c.deadline === null
      ? sql<SqlBool>`(cases.deadline_on is null and ${rest})`
      : sql<SqlBool>`(cases.deadline_on > ${day(c.deadline)} or cases.deadline_on is null or (cases.deadline_on = ${day(c.deadline)} and ${rest}))`;
  };

  const ORDER = sql`cases.deadline_on asc nulls last, cases.opened_at asc, cases.id asc`;
  const COLUMNS = sql`cases.id, cases.application_id, cases.service_id, cases.urgency, cases.status,
    cases.branch_id, cases.assigned_to, cases.opened_at, cases.triage_tier,
    to_char(cases.deadline_on, 'YYYY-MM-DD') as deadline_on,
    to_char(cases.term_starts_on, 'YYYY-MM-DD') as term_starts_on`;

  return {
    /** One page of a queue (keyset pagination: no OFFSET, stable while cases come and go). */
    async page(f: QueueFilter, cursor: QueueCursor | null, limit: number): Promise<QueueRow[]> {
      const cond = cursor ? sql`${where(f)} and ${after(cursor)}` : where(f);
      const r = await sql<QueueRow>`select ${COLUMNS} from cases where ${cond}
        order by ${ORDER} limit ${limit}`.execute(q);
      return r.rows;
    },

    /** How many cases of the filter are near their deadline and how many are overdue. */
    async counters(f: QueueFilter): Promise<{ near: number; overdue: number }> {
      const base = { ...f, deadline: undefined };
      const r = await sql<{ near: number; overdue: number }>`select
          count(*) filter (where ${nearSql(f.today)})::int as near,
          count(*) filter (where cases.deadline_on < ${day(f.today)})::int as overdue
        from cases where ${where(base)}
          -- Neither count reaches past the near window: lets the deadline index stop early.
          and cases.deadline_on <= ${day(f.today)} + ${NEAR_MAX_DAYS}::int`.execute(q);
      return r.rows[0] ?? { near: 0, overdue: 0 };
    },

    /**
     * Locks the most urgent unassigned case of the filter, skipping rows another transaction has
     * locked: two officers taking the next case at once get two different cases.
     */
    async lockNextUnassigned(f: QueueFilter, t: AnyTransaction): Promise<string | undefined> {
      const r = await sql<{ id: string }>`select cases.id from cases
        where ${where({ ...f, unassigned: true })}
        order by ${ORDER} limit 1 for update skip locked`.execute(as(t));
      return r.rows[0]?.id;
    },

    /** Assigns a case; `branchId` is kept when the case already has a branch. */
    assign: async (
      id: string,
      to: { accountId: string; branchId: string | null; at: Date },
      t: AnyTransaction,
    ) => {
      await sql`update cases set assigned_to = ${to.accountId}::uuid, assigned_at = ${to.at},
        branch_id = coalesce(branch_id, ${to.branchId}::uuid) where id = ${id}::uuid`.execute(
        as(t),
      );
    },

    /** Open cases per officer, for the least-loaded choice (officers without cases count 0). */
    async openLoad(accountIds: readonly string[], closed: readonly CaseStatus[]) {
      if (accountIds.length === 0) return new Map<string, number>();
      const r = await sql<{ assigned_to: string; n: number }>`select assigned_to, count(*)::int as n
        from cases where assigned_to in (${sql.join(accountIds.map((a) => sql`${a}::uuid`))})
        and status not in (${sql.join([...closed])}) group by assigned_to`.execute(q);
      return new Map(r.rows.map((x) => [x.assigned_to, x.n]));
    },

    /** Routing: the tier of the latest triage run, in the run's transaction. */
    setTier: async (id: string, tier: TriageTier, t: AnyTransaction) => {
      await as(t).updateTable('cases').set({ triage_tier: tier }).where('id', '=', id).execute();
    },

    insertNote: (n: CaseNoteRow, t: AnyTransaction) =>
      as(t).insertInto('case_notes').values(n).execute(),
    notes: (caseId: string) =>
      q
        .selectFrom('case_notes')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('at')
        .orderBy('id')
        .execute(),
  };
}

export type QueuesRepository = ReturnType<typeof createQueuesRepository>;
