import type { Kysely } from 'kysely';
import type { AnyTransaction } from '../../platform/db';
import type { ApplicationsRepository, ApplicationsTables } from './applications.repository';

/** Queries of filing for others, on the applications module's own tables (migration 0009). */
export function createFilingRepository(repo: ApplicationsRepository) {
  const q = repo.db;
  const as = (t?: AnyTransaction): Kysely<ApplicationsTables> =>
    t ? (t.withTables<ApplicationsTables>() as Kysely<ApplicationsTables>) : q;
  return {
    /** Everything an organisation filed (its invitees), newest first; withdrawn drafts left out. */
    listForOrganisation: (organisationId: string) =>
      q
        .selectFrom('applications')
        .selectAll()
        .where('filed_by_organisation_id', '=', organisationId)
        .where('state', '!=', 'withdrawn')
        .orderBy('created_at', 'desc')
        .execute(),
    /**
     * Applications filed for this address and not yet linked to anyone, locked: the caller links
     * them to the account that has just proved the address is theirs.
     */
    unclaimedFor: (email: string, t: AnyTransaction) =>
      as(t)
        .selectFrom('applications')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['invitee_email']), '=', email.toLowerCase()))
        .where('owner_account_id', 'is', null)
        .where('filed_by_kind', '=', 'organisation')
        .where('state', '!=', 'withdrawn')
        .forUpdate()
        .execute(),
    /** Links one application to its person; only if still unlinked (a second claim does nothing). */
    link: async (id: string, accountId: string, t: AnyTransaction) =>
      Number(
        (
          await as(t)
            .updateTable('applications')
            .set({ owner_account_id: accountId })
            .where('id', '=', id)
            .where('owner_account_id', 'is', null)
            .executeTakeFirst()
        ).numUpdatedRows,
      ) === 1,
  };
}
