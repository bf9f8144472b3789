import { sql, type Kysely } from 'kysely';
import type { Db } from '../../platform/db';
import type { NotifyApplicant } from './applicant-notices';
import type { CasesRepository } from './cases.repository';
import type { InformationRequestsRepository } from './information-requests.repository';
import type { InformationRequestedJob } from './information-requests.service';

/**
 * Tells the applicant (through the notifications module: account, e-mail, SMS) that information
 * was requested, by when, and where to answer. The request's contents stay in the portal (e-mail
 * is not a safe place for them). A retry finds the notification made and does nothing.
 */
export function informationRequestedJob(deps: {
  db: Db;
  repo: InformationRequestsRepository;
  cases: CasesRepository;
  notify: NotifyApplicant;
}) {
  return async (data: InformationRequestedJob): Promise<void> => {
    const request = await deps.repo.findById(data.requestId);
    const c = request ? await deps.cases.find(request.case_id) : undefined;
    if (!request || !c || request.answered_at) return;
    await deps.db.transaction().execute((trx) =>
      deps.notify(
        {
          event: 'information-requested',
          accountId: data.accountId,
          applicationId: c.application_id,
          about: request.id,
          path: `/applications/${c.application_id}/information-requests/${request.seq}`,
          values: { dueOn: { date: request.due_on } },
          at: request.requested_at,
        },
        trx,
      ),
    );
  };
}

/** An unanswered request and the day it is due (the notifications module's reminder). */
export interface OpenRequestDue {
  requestId: string;
  applicationId: string;
  dueOn: string;
}

type Tables = {
  information_requests: { id: string; case_id: string; due_on: string; answered_at: Date | null };
  cases: { id: string; application_id: string };
};

/**
 * Unanswered requests due from `from` to `to` (YYYY-MM-DD, inclusive), soonest first. Open
 * requests are few (one per case at most, index information_requests_open_idx), so this stays
 * cheap however many requests were ever made.
 */
export function openRequestsDue(db: Db) {
  const q = db.withTables<Tables>() as unknown as Kysely<Tables>;
  return (from: string, to: string): Promise<OpenRequestDue[]> =>
    q
      .selectFrom('information_requests as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select([
        'r.id as requestId',
        'c.application_id as applicationId',
        sql<string>`to_char(r.due_on, 'YYYY-MM-DD')`.as('dueOn'),
      ])
      .where('r.answered_at', 'is', null)
      .where(sql<boolean>`r.due_on between ${from}::date and ${to}::date`)
      .orderBy('r.due_on')
      .execute();
}
