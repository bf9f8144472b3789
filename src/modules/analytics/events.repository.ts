import type { Generated, Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import {
  parseAnalyticsEvent,
  toStored,
  type AnalyticsEvent,
  type AnalyticsEventKind,
} from './events.schemas';

export interface AnalyticsEventRow {
  id: Generated<number>;
  key: string;
  kind: AnalyticsEventKind;
  occurred_at: Date;
  /** xid8 as text (no driver parses it): the fold compares it in SQL, never in JavaScript. */
  tx: Generated<string>;
  payload: Record<string, unknown>;
}

/** The outbox's part of the analytics tables (migration 0038); the facts come with the fold. */
export type AnalyticsEventsTables = {
  analytics_events: AnalyticsEventRow;
};

type Q = Kysely<AnalyticsEventsTables>;

/**
 * The outbox of analytics events (ADR 0015). `record` runs in the caller's transaction, so the
 * event exists exactly when the change commits; only what writes nothing else (an assistant
 * answer) records with `trx = null`, on its own.
 */
export function createEventsRepository(db: Db) {
  const q = db.withTables<AnalyticsEventsTables>();
  const as = (t: AnyTransaction | null): Q =>
    t ? (t.withTables<AnalyticsEventsTables>() as Q) : q;

  return {
    /**
     * Checks the event against its contract and inserts it; the same business key again inserts
     * nothing (a retried job, a listener called twice, a replayed simulated day). Resolves to
     * whether a row was written. The event is parsed again at run time (callers build it from
     * other modules' rows): ANALYTICS_EVENT_INVALID before touching the database.
     */
    async record(event: AnalyticsEvent, trx: AnyTransaction | null): Promise<boolean> {
      const stored = toStored(parseAnalyticsEvent(event));
      const written = await as(trx)
        .insertInto('analytics_events')
        .values({ ...stored, payload: JSON.stringify(stored.payload) as never })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return written !== undefined;
    },
  };
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;
