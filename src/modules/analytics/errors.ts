import { AppError } from '../../platform/errors';
import { chartErrors } from './charts/errors';
import { PLAN_ERROR_CODES, planningErrors } from './planning/errors';
import { forecastErrors } from './forecast/errors';
import { nationalityGroupsErrors } from './nationality-groups.errors';
import { OPEN_STATS_ERROR_CODES, openStatsErrors } from './open-statistics/errors';
import { simulationErrors } from './simulation/errors';

/**
 * Stable codes of the analytics module (docs/errors.md). The pieces written first keep their own
 * factories in their files (forecast, charts, planning, simulation, open statistics, nationality
 * groups); they are referenced here, not copied, so one code has one definition.
 */
export const analyticsErrors = {
  /**
   * An event that breaks its contract (unknown kind, missing field, or a field the kind does not
   * allow, such as a name or free text). Raised inside the caller's transaction, so a change
   * whose event is malformed does not commit: a listener's bug surfaces in its module's tests.
   */
  eventInvalid: (issues: { path: string; message: string }[]) =>
    new AppError('ANALYTICS_EVENT_INVALID', 'internal', 'The analytics event breaks its contract', {
      fields: issues.map(({ path, message }) => ({ field: path, message })),
    }),
  /** The analytics database (the replica when configured) cannot be read: no silent fallback. */
  unavailable: (cause?: unknown) =>
    new AppError(
      'ANALYTICS_UNAVAILABLE',
      'unavailable',
      'The analytics figures cannot be read now',
      undefined,
      cause === undefined ? undefined : { cause },
    ),
  /** A dashboard filter (period, service, branch) is not valid; the form is shown again. */
  filterInvalid: (fields: Record<string, string>) =>
    new AppError('ANALYTICS_FILTER_INVALID', 'validation', 'The analytics filter is not valid', {
      fields: Object.entries(fields).map(([field, message]) => ({ field, message })),
    }),
  /** `simulate --resume` with options other than the interrupted run's. */
  simulationRunMismatch: (differs: string[]) =>
    new AppError(
      'SIMULATION_RUN_MISMATCH',
      'conflict',
      `The run to resume was started with other options: ${differs.join(', ')}`,
      { differs },
    ),
  /** SIMULATION_PARAMS_INVALID and SIMULATION_OPTIONS_INVALID (simulation/errors.ts). */
  simulationParamsInvalid: simulationErrors.paramsInvalid,
  simulationOptionsInvalid: simulationErrors.optionsInvalid,
  /** FORECAST_INVALID_INPUT, FORECAST_EMPTY_SERIES (forecast/errors.ts). */
  forecastInvalid: forecastErrors.invalid,
  forecastEmptySeries: forecastErrors.emptySeries,
  /** ANALYTICS_CHART_INVALID (charts/errors.ts). */
  chartInvalid: chartErrors.invalid,
  /** ANALYTICS_PLAN_* (planning/errors.ts): the code is chosen per field at fault. */
  planInvalid: planningErrors.invalid,
  /** ANALYTICS_OPEN_STATS_INVALID (open-statistics/errors.ts). */
  openStatsInvalid: openStatsErrors.invalid,
  /** ANALYTICS_NATIONALITY_GROUPS_INVALID, …_CODE_IN_TWO_GROUPS (nationality-groups.errors.ts). */
  nationalityGroupsInvalid: nationalityGroupsErrors.invalid,
  nationalityCodeInTwoGroups: nationalityGroupsErrors.codeInTwoGroups,
};

/** Every stable code the module raises, for docs/errors.md and its check. */
export const ANALYTICS_ERROR_CODES = [
  'ANALYTICS_EVENT_INVALID',
  'ANALYTICS_UNAVAILABLE',
  'ANALYTICS_FILTER_INVALID',
  'SIMULATION_RUN_MISMATCH',
  'SIMULATION_PARAMS_INVALID',
  'SIMULATION_OPTIONS_INVALID',
  'FORECAST_INVALID_INPUT',
  'FORECAST_EMPTY_SERIES',
  'ANALYTICS_CHART_INVALID',
  'ANALYTICS_NATIONALITY_GROUPS_INVALID',
  'ANALYTICS_NATIONALITY_CODE_IN_TWO_GROUPS',
  ...Object.values(OPEN_STATS_ERROR_CODES),
  ...Object.values(PLAN_ERROR_CODES),
] as const;
