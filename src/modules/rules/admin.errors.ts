import { AppError } from '../../platform/errors';

/**
 * Stable codes of loading and withdrawing rule set versions (docs/errors.md). What is wrong with
 * the rule set itself (schema, FEEL, tests) keeps the engine's codes (errors.ts).
 */
export const rulesAdminErrors = {
  dateInvalid: (ruleSet: string, version: string, date: string, earliest: string) =>
    new AppError(
      'RULES_VERSION_DATE_INVALID',
      'validation',
      `Rule set ${ruleSet} version ${version}: effective from ${date}, but a loaded version takes effect on ${earliest} at the earliest`,
      { ruleSet, version, date, earliest },
    ),
  versionExists: (ruleSet: string, version: string, where: 'pack' | 'loaded') =>
    new AppError(
      'RULES_VERSION_EXISTS',
      'conflict',
      `Rule set ${ruleSet} already has a version ${version} (${where === 'pack' ? 'in the country pack' : 'loaded before, perhaps withdrawn'}); give the new one another version`,
      { ruleSet, version, where },
    ),
  serviceChanged: (ruleSet: string, was: string | undefined, now: string | undefined) =>
    new AppError(
      'RULES_VERSION_SERVICE_CHANGED',
      'validation',
      `Rule set ${ruleSet}: service ${now ?? '(none)'} differs from its other versions' ${was ?? '(none)'}; a rule set keeps its service`,
      { ruleSet, was: was ?? null, now: now ?? null },
    ),
  reservedId: (ruleSet: string) =>
    new AppError(
      'RULES_SET_INVALID',
      'validation',
      `Rule set ${ruleSet}: id: "${ruleSet}" is reserved by the workbench's addresses`,
      { file: ruleSet, field: 'id', problem: 'reserved' },
    ),
  versionNotFound: () =>
    new AppError('RULES_VERSION_NOT_FOUND', 'not_found', 'No such loaded rule set version'),
  notWithdrawable: (ruleSet: string, version: string) =>
    new AppError(
      'RULES_VERSION_NOT_WITHDRAWABLE',
      'conflict',
      `Rule set ${ruleSet} version ${version} is withdrawn already or has taken effect; load a new version instead`,
      { ruleSet, version },
    ),
  reportNotFound: () =>
    new AppError('RULES_IMPACT_REPORT_NOT_FOUND', 'not_found', 'No such impact analysis'),
};
