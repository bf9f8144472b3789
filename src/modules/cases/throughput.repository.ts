/**
 * What the decision date estimate (module `estimates`) reads from the cases module's tables:
 * decisions per service per day, a case's place in its service's line, and its open request for
 * information. Read-only SQL over cases, case_actions and information_requests; no personal data
 * leaves this file (counts and dates only).
 */
import { sql } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import { CASE_STATUSES, isDecided, isSuspended, isTerminal } from './cases.lifecycle';

/** Action kinds that record a decision taken: a direct decision, or one approved by four eyes. */
export const DECISION_ACTION_KINDS = ['decided', 'decision-approved'] as const;

/**
 * Statuses of cases still waiting in line for a decision. Suspended cases are left out: while the
 * applicant has not answered they take no officer's time and may be decided after later cases.
 */
export const IN_LINE_STATUSES = CASE_STATUSES.filter(
  (s) => !isDecided(s) && !isTerminal(s) && !isSuspended(s),
);

/** The facts of one case the estimate starts from. */
export interface EstimateCaseFacts {
  id: string;
  serviceId: string;
  status: (typeof CASE_STATUSES)[number];
  /** YYYY-MM-DD or null before the term starts. */
  deadlineOn: string | null;
  openedAt: Date;
}

/** Decisions taken on one Vilnius calendar day. */
export interface DecisionsOnDay {
  day: string;
  decisions: number;
}

/** Data access for decision throughput and queue position (the cases module's own tables). */
export function createThroughputRepository(db: Db) {
  const as = (t?: AnyTransaction): AnyTransaction => t ?? db;
  return {
    async caseFacts(caseId: string, t?: AnyTransaction): Promise<EstimateCaseFacts | undefined> {
      const r = await sql<EstimateCaseFacts>`select id, service_id as "serviceId", status,
          to_char(deadline_on, 'YYYY-MM-DD') as "deadlineOn", opened_at as "openedAt"
        from cases where id = ${caseId}::uuid`.execute(as(t));
      return r.rows[0];
    },

    /**
     * Decisions per Vilnius day on a service from `fromDay` to `toDay` inclusive; days without a
     * decision are absent (the caller fills in zeros for the working days it counts).
     */
    async decisionsPerDay(
      serviceId: string,
      fromDay: string,
      toDay: string,
      t?: AnyTransaction,
    ): Promise<DecisionsOnDay[]> {
      const local = sql`(a.at at time zone 'Europe/Vilnius')::date`;
      const r = await sql<DecisionsOnDay>`select to_char(${local}, 'YYYY-MM-DD') as day,
          count(*)::int as decisions
        from case_actions a join cases c on c.id = a.case_id
        where c.service_id = ${serviceId}
          and a.kind in (${sql.join([...DECISION_ACTION_KINDS])})
          and a.at >= (${fromDay}::date::timestamp at time zone 'Europe/Vilnius')
          and a.at < ((${toDay}::date + 1)::timestamp at time zone 'Europe/Vilnius')
        group by 1 order by 1`.execute(as(t));
      return r.rows;
    },

    /**
     * Open, unsuspended cases of the same service ahead of this one in the queue's order
     * (deadline first, nulls last, then opened_at and id: queues.repository.ts).
     */
    async queueAhead(caseId: string, t?: AnyTransaction): Promise<number> {
      const r = await sql<{ n: number }>`select count(*)::int as n from cases c, cases me
        where me.id = ${caseId}::uuid and c.id <> me.id and c.service_id = me.service_id
          and c.status in (${sql.join([...IN_LINE_STATUSES])})
          and (
            (me.deadline_on is null and c.deadline_on is not null)
            or c.deadline_on < me.deadline_on
            or (c.deadline_on is not distinct from me.deadline_on
                and (c.opened_at, c.id) < (me.opened_at, me.id))
          )`.execute(as(t));
      return r.rows[0]?.n ?? 0;
    },

    /** The unanswered request for information of a case, if any (at most one: migration 0015). */
    async openRequest(
      caseId: string,
      t?: AnyTransaction,
    ): Promise<{ requestedAt: Date; dueOn: string } | undefined> {
      const r = await sql<{ requestedAt: Date; dueOn: string }>`select
          requested_at as "requestedAt", to_char(due_on, 'YYYY-MM-DD') as "dueOn"
        from information_requests where case_id = ${caseId}::uuid and answered_at is null`.execute(
        as(t),
      );
      return r.rows[0];
    },
  };
}

export type ThroughputRepository = ReturnType<typeof createThroughputRepository>;
