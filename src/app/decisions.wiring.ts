import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule } from '../modules/applications';
import type { DecisionsDeps } from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import type { HoldingsModule } from '../modules/holdings';
import type { PermitsModule } from '../modules/permits';
import { recipientsFromAccounts } from './intake.wiring';

/**
 * The rest of Vartai as decisions and letters see it: the application behind a case (read as the
 * deciding officer), the applicant's language, the service's name, and who may read an
 * application's letters in the portal (its person and whoever filed it), the holder's
 * documents a revocation invalidates, and the digital permit a grant issues.
 */
export function decisionPortsFrom(
  applications: ApplicationsModule,
  accounts: AccountsModule,
  catalogue: CatalogueModule,
  holdings: HoldingsModule,
  permits: PermitsModule,
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
    // ... and its digital permit is revoked at once (status list and online verification).
    onRevoked: async (applicationId, trx) => {
      await holdings.service.recordRevoked(applicationId, trx);
      await permits.service.revokeForApplication(applicationId, trx);
    },
    // A grant issues the digital permit its service gives, with the identity the application
    // states (read as the deciding officer, before the transaction).
    onGranted: async (c, p) => {
      if (!permits.givesPermit(c.service_id)) return undefined;
      const row = await applications.service.getVisible(c.application_id, p);
      const a = (k: string) => (row.answers[k] ?? '').trim();
      return async (at, trx) => {
        await permits.service.issueForGrant(
          {
            caseId: c.id,
            applicationId: c.application_id,
            holderAccountId: row.owner_account_id ?? null,
            serviceId: c.service_id,
            groundId: c.ground_id ?? null,
            givenName: a('given-names'),
            familyName: a('surname'),
            birthdate: a('date-of-birth'),
            grantedAt: at,
          },
          trx,
        );
      };
    },
  };
}
