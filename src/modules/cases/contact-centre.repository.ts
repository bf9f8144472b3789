import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { CaseStatus } from './cases.lifecycle';
import type { SearchKey, SearchKeyKind } from './contact-centre.keys';

export interface ContactLogRow {
  id: string;
  case_id: string;
  at: Date;
  staff_account_id: string;
  kind: 'contact' | 'message';
  channel: 'phone' | 'email' | 'visit';
  summary: string;
}

/** A case as the contact centre sees it: never notes, assignee, branch or action details. */
export interface ContactCentreCase {
  caseId: string;
  applicationId: string;
  reference: string | null;
  serviceId: string;
  status: CaseStatus;
  deadlineOn: string | null;
  openedAt: Date;
}

type Tables = {
  application_search_keys: { case_id: string; kind: SearchKeyKind; key: string };
  contact_log: ContactLogRow;
  cases: {
    id: string;
    application_id: string;
    service_id: string;
    status: CaseStatus;
    deadline_on: string | null;
    opened_at: Date;
  };
};
type Q = Kysely<Tables>;
const as = (t: AnyTransaction) => t.withTables<Tables>() as unknown as Q;

/** Written by openCase in the submission's transaction (cases.service.ts). */
export async function writeSearchKeys(
  caseId: string,
  keys: readonly SearchKey[],
  trx: AnyTransaction,
): Promise<void> {
  if (keys.length === 0) return;
  await as(trx)
    .insertInto('application_search_keys')
    .values(keys.map((k) => ({ case_id: caseId, kind: k.kind, key: k.key })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export function createContactCentreRepository(db: Db) {
  const q = db.withTables<Tables>() as unknown as Q;

  /** One index lookup on (kind, key), then the cases by primary key; newest first. */
  const casesWhere = (kind: SearchKeyKind, key: string, limit: number) =>
    q
      .selectFrom('application_search_keys as k')
      .innerJoin('cases as c', 'c.id', 'k.case_id')
      .leftJoin('application_search_keys as r', (j) =>
        j.onRef('r.case_id', '=', 'c.id').on('r.kind', '=', 'reference'),
      )
      .select([
        'c.id as caseId',
        'c.application_id as applicationId',
        'r.key as reference',
        'c.service_id as serviceId',
        'c.status as status',
        sql<string | null>`to_char(c.deadline_on, 'YYYY-MM-DD')`.as('deadlineOn'),
        'c.opened_at as openedAt',
      ])
      .where('k.kind', '=', kind)
      .where('k.key', '=', key)
      .orderBy('c.opened_at', 'desc')
      .limit(limit)
      .execute() as Promise<ContactCentreCase[]>;

  return {
    find: casesWhere,
    async byReference(reference: string): Promise<ContactCentreCase | undefined> {
      return (await casesWhere('reference', reference, 1))[0];
    },
    async insertEntry(row: ContactLogRow, trx: AnyTransaction): Promise<void> {
      await as(trx).insertInto('contact_log').values(row).execute();
    },
    async entry(id: string): Promise<ContactLogRow | undefined> {
      return q.selectFrom('contact_log').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async entries(caseId: string): Promise<ContactLogRow[]> {
      return q
        .selectFrom('contact_log')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('at', 'desc')
        .execute();
    },
  };
}

export type ContactCentreRepository = ReturnType<typeof createContactCentreRepository>;
