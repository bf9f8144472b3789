import type { ApplicationsModule } from '../modules/applications';
import type { CaseRow, InformationRequestsPorts, LegalTermsPort } from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import { AppError } from '../platform/errors';

/**
 * The applications module as requests for information see it: who may see an application (its
 * person, whoever filed it, the filing organisation's members) and who to write to about it.
 */
export function informationRequestPorts(
  applications: ApplicationsModule,
  terms: LegalTermsPort,
): InformationRequestsPorts {
  return {
    canSeeApplication: (id, p) => applications.service.canSeeById(id, p),
    // Read with the officer's own rights: staff who passed MFA see every application.
    applicantAccountOf: async (id, p) => {
      const row = await applications.service.getVisible(id, p);
      return row.filed_by_account_id ?? row.owner_account_id ?? undefined;
    },
    terms,
  };
}

/** The document types an officer may ask for: those the catalogue lists for the case's ground. */
export function documentTypesFor(catalogue: CatalogueModule) {
  return (c: CaseRow) => {
    if (!c.ground_id) return [];
    try {
      return catalogue
        .requiredDocuments({ serviceId: c.service_id, groundId: c.ground_id })
        .map((d) => ({ id: d.id, name: d.name }));
    } catch (e) {
      // A service or ground the pack no longer knows: only free-text items can be asked for.
      if (e instanceof AppError) return [];
      throw e;
    }
  };
}
