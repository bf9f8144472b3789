import type { AccountsModule } from '../modules/accounts';
import type { DeskApplication, DeskPorts } from '../modules/appointments';
import type { ApplicationRow, ApplicationsModule } from '../modules/applications';
import type { CaseActionKind, CaseStatus, CasesModule } from '../modules/cases';
import { visitTakes, type CatalogueModule } from '../modules/catalogue';

/** A case waits for its visit while submitted (visit not yet asked for) or awaiting it. */
const WAITING: readonly CaseStatus[] = ['submitted', 'awaiting-visit'];

const deskApplication = (row: ApplicationRow): DeskApplication => ({
  id: row.id,
  reference: row.reference,
  serviceId: row.service_id,
  state: row.state,
});

/**
 * The rest of Vartai as the branch desk sees it: the staff member's branch (accounts), the
 * applications with their references (read with the staff member's own rights), what the
 * catalogue asks a visit to record, and the case, where a served visit is recorded through the
 * cases lifecycle (`submitted` → `visit-required` → `awaiting-visit` → `accepted`) as actions by
 * the officer, with what was recorded, in the desk's own transaction (append-only, as every case
 * action).
 */
export function deskPortsFrom(
  accounts: AccountsModule,
  applications: ApplicationsModule,
  catalogue: CatalogueModule,
  cases: CasesModule,
): DeskPorts {
  return {
    branchOf: async (staff) =>
      staff.branchId ? ((await accounts.findBranch(staff.branchId))?.code ?? '') : null,
    applications: async (ids, staff) =>
      new Map(
        (await applications.service.listVisible(ids, staff)).map((r) => [r.id, deskApplication(r)]),
      ),
    byReference: async (reference, staff) => {
      const row = await applications.service.findByReference(reference, staff);
      return row && deskApplication(row);
    },
    takes: (serviceId) => {
      const s = catalogue.findService(serviceId);
      return s ? visitTakes(s.visit) : [];
    },
    serviceName: (serviceId, lang) => {
      const name = catalogue.findService(serviceId)?.name;
      return name?.[lang] ?? name?.lt ?? serviceId;
    },
    waitsForVisit: async (applicationId) => {
      const c = await cases.repo.findByApplication(applicationId);
      return Boolean(c && WAITING.includes(c.status));
    },
    recordVisit: async (v, trx) => {
      const c = await cases.repo.findByApplication(v.applicationId, trx);
      if (!c || !WAITING.includes(c.status)) return null;
      const steps: CaseActionKind[] =
        c.status === 'submitted' ? ['visit-required', 'accepted'] : ['accepted'];
      const visit = { deskVisitId: v.deskVisitId, branch: v.branch };
      for (const kind of steps)
        await cases.service.recordAction(
          c.id,
          {
            kind,
            actor_kind: 'staff',
            actor_id: v.staffAccountId,
            // What the visit recorded goes with the acceptance it allowed.
            details:
              kind === 'accepted'
                ? {
                    ...visit,
                    biometricsTaken: v.recorded.includes('biometrics'),
                    originalsSeen: v.recorded.includes('originals'),
                  }
                : visit,
          },
          trx,
        );
      return { caseId: c.id, actions: steps };
    },
  };
}
