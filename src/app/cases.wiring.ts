import type { LegalTermsPort, LifecycleRulesPort } from '../modules/cases';
import type { CatalogueModule } from '../modules/catalogue';
import { AppError } from '../platform/errors';

/**
 * The catalogue as the cases module sees it: which lifecycle variant a service follows. A visit
 * is required where the service's `visit.required` says so, and for a service the pack does not
 * know (the safer path: originals are checked in person). A grant needs a second officer where
 * the service's `grantApproval.required` says so (no service of the Lithuanian pack does yet:
 * the research found no such rule), and for a service the pack does not know.
 */
export function lifecycleRulesFrom(catalogue: CatalogueModule): LifecycleRulesPort {
  return {
    lifecycleRules: (serviceId) => {
      const service = catalogue.findService(serviceId);
      return {
        visitRequired: service?.visit.required ?? true,
        grantNeedsApproval: service ? (service.grantApproval?.required ?? false) : true,
      };
    },
  };
}

/**
 * The catalogue's legal term of a case (service, ground, urgency level) for the queue's deadline
 * cache. A service or level the pack does not know has no term: the case waits without a deadline
 * rather than with a made-up one.
 */
export function legalTermsFrom(catalogue: CatalogueModule): LegalTermsPort {
  return {
    legalTerm: ({ serviceId, groundId, urgency }) => {
      if (!catalogue.findService(serviceId)) return null;
      try {
        const t = catalogue.legalTerm({
          serviceId,
          groundId: groundId ?? undefined,
          urgent: urgency !== 'general',
          urgency,
        });
        return { amount: t.amount, unit: t.unit, startsAt: t.startsAt };
      } catch (e) {
        // CATALOGUE_TERM_UNKNOWN and the like: no term for this ground or level.
        if (e instanceof AppError) return null;
        throw e;
      }
    },
    holidays: catalogue.pack.holidays,
  };
}
