import type { ApplicationsModule } from '../modules/applications';
import type { CatalogueModule } from '../modules/catalogue';
import type { RenewalApplications } from '../modules/holdings';
import { isAppError } from '../platform/errors';

/**
 * The applications module as the holdings module sees it: reading an application its holder may
 * see (to pre-fill from), the renewal form's questions, and starting a pre-filled draft.
 */
export function applicationsForHoldings(
  applications: ApplicationsModule,
  catalogue: CatalogueModule,
): RenewalApplications {
  return {
    find: async (id, by) => {
      try {
        const row = await applications.service.getVisible(id, by);
        return { id: row.id, state: row.state, answers: row.answers };
      } catch (e) {
        if (isAppError(e) && e.code === 'APPLICATION_NOT_FOUND') return undefined;
        throw e;
      }
    },
    questionIds: (serviceId, groundId) =>
      catalogue.findService(serviceId) && catalogue.findGround(serviceId, groundId)
        ? catalogue.questionsFor(serviceId, groundId).map((q) => q.id)
        : [],
    startPrefilled: async (input, trx) => ({
      id: (await applications.service.startPrefilled(input, trx)).id,
    }),
  };
}
