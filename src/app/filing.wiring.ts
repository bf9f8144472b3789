import type { AccountsModule } from '../modules/accounts';
import type { FilingPort } from '../modules/applications';
import type { CatalogueModule } from '../modules/catalogue';

/**
 * Filing for others as the applications module sees it: organisations and verified accounts come
 * from the accounts module, who may file each service from the country pack (`applicants`).
 */
export function filingFor(accounts: AccountsModule, catalogue: CatalogueModule): FilingPort {
  const { organisations } = accounts;
  return {
    organisationForMember: async (organisationId, accountId) => {
      const m = (await organisations.membershipsOf(accountId)).find((o) => o.id === organisationId);
      return m ? { id: m.id, name: m.name, kind: m.kind } : undefined;
    },
    organisationName: async (id) => (await organisations.find(id))?.name,
    verifiedApplicantByEmail: async (email) => {
      const a = await accounts.repo.findByEmail(email);
      return a && a.kind === 'applicant' && a.email_verified_at && !a.disabled_at
        ? { id: a.id }
        : undefined;
    },
    applicantsOf: (serviceId) => catalogue.findService(serviceId)?.applicants ?? [],
    servicesFiledBy: (kind) =>
      catalogue
        .listServices()
        .filter((s) => s.applicants.includes(kind) && s.grounds.length > 0)
        .map((s) => ({ id: s.id, name: s.name })),
  };
}
