import type { StaffPorts, VisitPorts } from '../modules/appointments';
import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule } from '../modules/applications';
import type { CatalogueModule } from '../modules/catalogue';

/**
 * The rest of Vartai as booking sees it: the application (for its person or filer; the
 * applications module answers 404 to anyone else) and the catalogue's visit rule.
 */
export function visitPortsFrom(
  applications: ApplicationsModule,
  catalogue: CatalogueModule,
): VisitPorts {
  return {
    applicationOf: async (id, p) => {
      const row = await applications.service.getVisible(id, p);
      return {
        id: row.id,
        reference: row.reference,
        serviceId: row.service_id,
        state: row.state,
        submittedAt: row.submitted_at,
      };
    },
    visitRule: (serviceId) => {
      const s = catalogue.findService(serviceId);
      return s
        ? { required: s.visit.required, withinMonths: s.visit.withinMonths ?? null }
        : undefined;
    },
  };
}

/**
 * Staff pages' view: a staff member's branch code (accounts; headquarters staff have none and
 * see every branch) and a service's name in the reader's language (catalogue).
 */
export function appointmentStaffPortsFrom(
  accounts: AccountsModule,
  catalogue: CatalogueModule,
): StaffPorts {
  return {
    staffBranch: async (p) =>
      p.branchId ? ((await accounts.findBranch(p.branchId))?.code ?? null) : null,
    serviceName: (serviceId, lang) => catalogue.findService(serviceId)?.name[lang] ?? serviceId,
  };
}
