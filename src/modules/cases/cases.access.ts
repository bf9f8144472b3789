import type { Principal } from '../../platform/http';
import type { CaseRow } from './cases.repository';

/**
 * Branch isolation, the one rule every workbench page and cases read uses (issue 4): only staff
 * who passed the second factor open cases at all; a staff member without a branch (head office)
 * spans every branch; anyone else opens only the cases of their own branch and the unassigned
 * (central) ones whose `branch_id` is null. A denied attempt answers "not found" (never
 * "forbidden": a case id must not leak) and the caller records 'cases.access-denied'.
 */
export function mayOpenCase(principal: Principal, caseRow: Pick<CaseRow, 'branch_id'>): boolean {
  if (principal.kind !== 'staff' || !principal.mfaPassed) return false;
  if (principal.branchId === null) return true;
  return caseRow.branch_id === null || caseRow.branch_id === principal.branchId;
}

/** Roles that work on cases (examine, request, decide, produce); others use other pages. */
export const CASE_WORK_ROLES = ['officer', 'team-lead'] as const;
/**
 * Route option of the workbench's case pages: staff after MFA in a case-working role. The
 * contact centre and administrators are refused by the route (403) before any case is read.
 */
export const caseWorkRoute = {
  config: { access: { who: 'staff' as const, roles: CASE_WORK_ROLES } },
};
