import type { AccountsModule } from '../modules/accounts';
import type { BranchesPort, OrderingCatalogue } from '../modules/applications';
import type { CatalogueModule } from '../modules/catalogue';

/**
 * The catalogue's ordering facts (urgency levels, fee exemptions, courier delivery, ordering
 * without a visit) as the applications module sees them. An exemption's evidence becomes a
 * required document named as in documents.yaml.
 */
export function orderingForApplications(catalogue: CatalogueModule): OrderingCatalogue {
  const o = catalogue.ordering;
  return {
    urgencyLevels: (s, g, on) =>
      o.urgencyLevels(s, g, on).map((l) => ({
        id: l.id,
        term: { amount: l.term.amount, unit: l.term.unit },
        feeCents: l.feeCents,
      })),
    exemptions: (s, g) =>
      o.exemptions(s, g).map((e) => ({
        id: e.id,
        name: e.name,
        payPercent: e.payPercent,
        ...(e.minAge !== undefined ? { minAge: e.minAge } : {}),
        ...(e.maxAge !== undefined ? { maxAge: e.maxAge } : {}),
        ...(e.evidence
          ? {
              evidence: {
                id: e.evidence.ref,
                name: catalogue.pack.documents[e.evidence.ref]!.name,
              },
            }
          : {}),
      })),
    hasDelivery: (s) => o.hasDelivery(s),
    courier: (s, on) => {
      const c = o.courier(s, on);
      return (
        c && {
          feeCents: c.feeCents,
          levels: c.levels,
          notFirstDocument: c.notFirstDocument,
          requiresValidIdentityDocument: c.requiresValidIdentityDocument,
          source: c.source,
        }
      );
    },
    remoteOrder: (s, on) => {
      const r = o.remoteOrder(s, on);
      return (
        r && {
          recordMaxAgeMonths: r.recordMaxAgeMonths,
          requiresValidIdentityDocument: r.requiresValidIdentityDocument,
          source: r.source,
          uncertain: r.uncertain,
        }
      );
    },
  };
}

/** The branches of the accounts module, for collecting a produced document. */
export function branchesFromAccounts(accounts: AccountsModule): BranchesPort {
  return async () =>
    (await accounts.repo.listBranches()).map((b) => ({ code: b.code, name: b.names }));
}
