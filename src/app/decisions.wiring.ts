import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule } from '../modules/applications';
import type { DecisionsDeps } from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import type { HoldingsModule } from '../modules/holdings';
import { recipientsFromAccounts } from './intake.wiring';

/**
 * The rest of Vartai as decisions and letters see it: the application behind a case (read as the
 * deciding officer), the applicant's language, the service's name, and who may read an
 * application's letters in the portal (its person and whoever filed it), and the holder's
 * documents a revocation invalidates.
 */
export function decisionPortsFrom(
  applications: ApplicationsModule,
  accounts: AccountsModule,
  catalogue: CatalogueModule,
  holdings: HoldingsModule,
): DecisionsDeps['ports'] {
  const recipientOf = recipientsFromAccounts(accounts);
  return {
    applicationOf: async (id, p) => {
      const row = await applications.service.getVisible(id, p);
      // The person the application is for is told; where they have no account, whoever filed it.
      return {
        reference: row.reference ?? row.id,
        accountId: row.owner_account_id ?? row.filed_by_account_id,
      };
    },
    languageOf: async (accountId) => (await recipientOf(accountId))?.lang ?? 'lt',
    serviceName: (serviceId) => {
      const name = catalogue.findService(serviceId)?.name;
      return name ?? { lt: serviceId, en: serviceId, ru: serviceId, uk: serviceId };
    },
    canSeeApplication: (id, p) => applications.service.canSeeById(id, p),
    // A revoked permit's card is no longer valid among the holder's documents.
    onRevoked: async (applicationId, trx) => {
      await holdings.service.recordRevoked(applicationId, trx);
    },
  };
}
