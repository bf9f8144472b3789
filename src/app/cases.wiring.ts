import type { LifecycleRulesPort } from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';

/**
 * The catalogue as the cases module sees it: which lifecycle variant a service follows. A visit
 * is required where the service's `visit.required` says so, and for a service the pack does not
 * know (the safer path: originals are checked in person). A grant is decided by the proposing
 * officer alone: the pack has no per-service rule asking for a second officer on grants yet.
 */
export function lifecycleRulesFrom(catalogue: CatalogueModule): LifecycleRulesPort {
  return {
    lifecycleRules: (serviceId) => ({
      visitRequired: catalogue.findService(serviceId)?.visit.required ?? true,
      grantNeedsApproval: false,
    }),
  };
}
