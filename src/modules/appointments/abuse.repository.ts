import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';

export const BOOKING_ACTIONS = [
  'booked',
  'moved',
  'cancelled',
  'refused-rate-limit',
  'waitlist-joined',
] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

export type AbuseKind = 'many-accounts-one-source' | 'booking-cancel-cycles';

/** A booking signal (migration 0026); `source` is the keyed hash of the client address. */
export interface SignalRow {
  at: Date;
  account_id: string | null;
  source: string | null;
  action: BookingAction;
}

/** A report to administrators (migration 0026). */
export interface AbuseReportRow {
  id: string;
  kind: AbuseKind;
  subject: string;
  window_hours: number;
  count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  details: Record<string, unknown>;
  state: 'open' | 'acknowledged';
  opened_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}

/** What one detection query found about one subject in its window. */
export interface Finding {
  subject: string;
  count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  details: Record<string, unknown>;
  /** The open report of the subject, if there is one (it is brought up to date, not repeated). */
  open_id: string | null;
}

type Tables = {
  appointment_signal_key: { id: boolean; key: string };
  appointment_signals: SignalRow;
  appointment_abuse_reports: AbuseReportRow;
};
type Q = Kysely<Tables>;

/** The signals a subject's window counts: since the window start, and after its last report. */
const latestReports = (kind: AbuseKind) => sql`
  select distinct on (subject) subject, id, state, last_seen_at
  from appointment_abuse_reports where kind = ${kind}
  order by subject, opened_at desc`;

/** A raw query's timestamp as a Date, whatever form the driver returned it in. */
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
/** A detection query's row as a finding (both queries name their columns alike). */
const findingOf = (x: Record<string, unknown>, details: Record<string, unknown>): Finding => ({
  subject: String(x.subject),
  count: Number(x.count),
  first_seen_at: date(x.first_seen_at),
  last_seen_at: date(x.last_seen_at),
  open_id: (x.open_id as string | null) ?? null,
  details,
});

export function createAbuseRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    db: q,
    signalKey: async () =>
      (await q.selectFrom('appointment_signal_key').select('key').executeTakeFirstOrThrow()).key,
    insertSignal: (row: SignalRow, t?: AnyTransaction) =>
      as(t).insertInto('appointment_signals').values(row).execute(),
    /** Retention: signals are only read within a week; older ones go. */
    deleteSignalsBefore: async (before: Date) =>
      Number(
        (await q.deleteFrom('appointment_signals').where('at', '<', before).executeTakeFirst())
          .numDeletedRows,
      ),

    /**
     * Sources from which at least `min` distinct accounts booked, moved or joined a waitlist in
     * (from, to]. A subject whose last report was acknowledged counts only signals after it, so
     * what was acknowledged is not reported again.
     */
    async sourcesWithManyAccounts(from: Date, to: Date, min: number): Promise<Finding[]> {
      const r = await sql<Record<string, unknown>>`
        with last as (${latestReports('many-accounts-one-source')})
        select s.source as subject, count(distinct s.account_id)::integer as count,
          min(s.at) as first_seen_at, max(s.at) as last_seen_at,
          case when max(l.state) = 'open' then max(l.id::text) end as open_id,
          (array_agg(distinct s.account_id::text))[1:20] as accounts,
          count(*) filter (where s.action = 'booked')::integer as booked,
          count(*) filter (where s.action = 'moved')::integer as moved,
          count(*) filter (where s.action = 'waitlist-joined')::integer as waitlist_joined
        from appointment_signals s left join last l on l.subject = s.source
        where s.at > ${from} and s.at <= ${to} and s.source is not null
          and s.account_id is not null
          and s.action in ('booked', 'moved', 'waitlist-joined')
          and (l.subject is null or l.state = 'open' or s.at > l.last_seen_at)
        group by s.source
        having count(distinct s.account_id) >= ${min}
        order by s.source`.execute(q);
      return r.rows.map((x) =>
        findingOf(x, {
          accounts: x.accounts,
          actions: { booked: x.booked, moved: x.moved, 'waitlist-joined': x.waitlist_joined },
        }),
      );
    },

    /** Accounts that cancelled at least `min` times in (from, to] (each ends a booking of theirs). */
    async accountsWithCancelCycles(from: Date, to: Date, min: number): Promise<Finding[]> {
      const r = await sql<Record<string, unknown>>`
        with last as (${latestReports('booking-cancel-cycles')})
        select s.account_id::text as subject,
          count(*) filter (where s.action = 'cancelled')::integer as count,
          min(s.at) as first_seen_at, max(s.at) as last_seen_at,
          case when max(l.state) = 'open' then max(l.id::text) end as open_id,
          count(*) filter (where s.action in ('booked', 'moved'))::integer as bookings,
          count(distinct s.source)::integer as sources
        from appointment_signals s left join last l on l.subject = s.account_id::text
        where s.at > ${from} and s.at <= ${to} and s.account_id is not null
          and s.action in ('booked', 'moved', 'cancelled')
          and (l.subject is null or l.state = 'open' or s.at > l.last_seen_at)
        group by s.account_id
        having count(*) filter (where s.action = 'cancelled') >= ${min}
        order by s.account_id`.execute(q);
      return r.rows.map((x) =>
        findingOf(x, { bookings: x.bookings, cancellations: x.count, sources: x.sources }),
      );
    },

    /** Opens a report unless the subject has an open one already (unique index); true if opened. */
    async openReport(row: AbuseReportRow, t: AnyTransaction): Promise<boolean> {
      const r = await as(t)
        .insertInto('appointment_abuse_reports')
        .values({ ...row, details: JSON.stringify(row.details) as never })
        .onConflict((oc) => oc.columns(['kind', 'subject']).where('state', '=', 'open').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** Brings an open report up to date with a larger count or later signals. */
    refreshReport: (id: string, f: Finding) =>
      q
        .updateTable('appointment_abuse_reports')
        .set({
          count: sql`greatest(count, ${f.count})`,
          first_seen_at: sql`least(first_seen_at, ${f.first_seen_at})`,
          last_seen_at: sql`greatest(last_seen_at, ${f.last_seen_at})`,
          details: JSON.stringify(f.details) as never,
        })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .where((w) => w.or([w('count', '<', f.count), w('last_seen_at', '<', f.last_seen_at)]))
        .execute(),

    openReports: (limit: number) =>
      q
        .selectFrom('appointment_abuse_reports')
        .selectAll()
        .where('state', '=', 'open')
        .orderBy('opened_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute(),
    countOpen: async () =>
      Number(
        (
          await q
            .selectFrom('appointment_abuse_reports')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('state', '=', 'open')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    /** Acknowledges an open report; the row, or undefined when there is no open report `id`. */
    acknowledge: (id: string, by: string, at: Date, t: AnyTransaction) =>
      as(t)
        .updateTable('appointment_abuse_reports')
        .set({ state: 'acknowledged', acknowledged_by: by, acknowledged_at: at })
        .where('id', '=', id)
        .where('state', '=', 'open')
        .returningAll()
        .executeTakeFirst(),
    report: (id: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('appointment_abuse_reports')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst(),
  };
}

export type AbuseRepository = ReturnType<typeof createAbuseRepository>;
