import type { Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { AccountRow } from './accounts.repository';

export type OrganisationKind = 'employer' | 'university';
export type MemberRole = 'admin' | 'member';

export interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: OrganisationKind;
  legal_form: string | null;
  registry_checked_at: Date;
  created_by: string;
  created_at: Date;
}

export interface MemberRow {
  organisation_id: string;
  account_id: string;
  role: MemberRole;
  added_by: string | null;
  added_at: Date;
}

type Tables = {
  organisations: OrganisationRow;
  organisation_members: MemberRow;
  accounts: AccountRow;
};
type Q = Kysely<Tables>;

/** Data access for organisations and their members (accounts module tables, migration 0008). */
export function createOrganisationsRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    db: q,
    findByCode: (code: string, t?: AnyTransaction) =>
      as(t).selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst(),
    find: (id: string) =>
      q.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst(),
    insert: (row: OrganisationRow, t?: AnyTransaction) =>
      as(t).insertInto('organisations').values(row).execute(),
    addMember: (row: MemberRow, t?: AnyTransaction) =>
      as(t)
        .insertInto('organisation_members')
        .values(row)
        .onConflict((oc) => oc.columns(['organisation_id', 'account_id']).doNothing())
        .executeTakeFirst(),
    /** The account's role in the organisation, or undefined when it is not a member. */
    membership: (organisationId: string, accountId: string) =>
      q
        .selectFrom('organisation_members')
        .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
        .selectAll('organisations')
        .select('organisation_members.role')
        .where('organisation_members.organisation_id', '=', organisationId)
        .where('organisation_members.account_id', '=', accountId)
        .executeTakeFirst(),
    /** Organisations the account acts for, with its role in each. */
    membershipsOf: (accountId: string) =>
      q
        .selectFrom('organisation_members')
        .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
        .selectAll('organisations')
        .select('organisation_members.role')
        .where('organisation_members.account_id', '=', accountId)
        .orderBy('organisations.name')
        .execute(),
    members: (organisationId: string) =>
      q
        .selectFrom('organisation_members')
        .innerJoin('accounts', 'accounts.id', 'organisation_members.account_id')
        .select([
          'accounts.id',
          'accounts.display_name',
          'accounts.email',
          'organisation_members.role',
          'organisation_members.added_at',
        ])
        .where('organisation_members.organisation_id', '=', organisationId)
        .orderBy('organisation_members.added_at')
        .execute(),
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
