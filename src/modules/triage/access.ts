import type { Principal } from '../../platform/http';

export const TRIAGE_PATH = '/workbench/triage';
/** Who may disregard a tier on a case: the case-working roles. */
export const TRIAGE_OVERRIDE_ROLES = ['officer', 'team-lead'] as const;
/** Who may switch triage off and on: administrators only. */
export const TRIAGE_ADMIN_ROLES = ['administrator'] as const;
/** Who reads the override and fairness reports: team leads and administrators. */
export const TRIAGE_REPORT_ROLES = ['team-lead', 'administrator'] as const;

/**
 * Branch isolation for the override form: the wiring answers with the cases module's rule
 * (`mayOpenCase`); a case the staff member may not open answers 404, never 403.
 */
export type MayOpenCase = (caseId: string, principal: Principal) => Promise<boolean>;

const route = (roles: readonly string[]) => ({
  config: { access: { who: 'staff' as const, roles } },
});
export const overrideRoute = route(TRIAGE_OVERRIDE_ROLES);
export const adminRoute = route(TRIAGE_ADMIN_ROLES);
export const reportRoute = route(TRIAGE_REPORT_ROLES);
