import { AppError } from '../../platform/errors';

/**
 * Stable codes of the nationality groups file (docs/errors.md). Kind `internal`: the file ships
 * with the country pack, so a broken one is the deployment's fault and stops start-up. Kept apart
 * from the module's `errors.ts` (slice S1), which may spread these in.
 */
export const nationalityGroupsErrors = {
  /** content/lt/analytics/nationality-groups.yaml is missing, malformed or inconsistent. */
  invalid: (field: string, problem: string) =>
    new AppError(
      'ANALYTICS_NATIONALITY_GROUPS_INVALID',
      'internal',
      `Nationality groups: ${field || '(file)'}: ${problem}`,
      { field, problem },
    ),
  /** One ISO code listed under two groups: an applicant would be counted in either. */
  codeInTwoGroups: (code: string, groups: [string, string]) =>
    new AppError(
      'ANALYTICS_NATIONALITY_CODE_IN_TWO_GROUPS',
      'internal',
      `Nationality groups: ${code} is in both ${groups[0]} and ${groups[1]}`,
      { code, groups },
    ),
};
