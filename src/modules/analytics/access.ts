import { isAllowed, type Principal } from '../../platform/http';

/** Where the management dashboards, forecasts and plans live (slices S8, S9). */
export const ANALYTICS_PATH = '/workbench/analytics';

/**
 * Who reads the dashboards, forecasts and staffing plans: managers, and team leads (who plan
 * their group's work). The views hold aggregates only, never a case or a person, so there is no
 * branch isolation here: a manager with a branch sees every branch, filtered to their own by
 * default (ADR 0015). Links into cases go to the queue, whose own rules apply.
 */
export const ANALYTICS_ROLES = ['manager', 'team-lead'] as const;

const route = (roles: readonly string[]) => ({
  config: { access: { who: 'staff' as const, roles } },
});
/** Staff with an analytics role, after the second factor (the platform's `staff` access). */
export const analyticsRoute = route(ANALYTICS_ROLES);

/** For the workbench menu and links; the same rule the routes enforce, so they cannot drift. */
export const mayReadAnalytics = (p: Principal): boolean =>
  isAllowed(p, analyticsRoute.config.access);
