import { AppError } from '../../platform/errors';

/** Stable codes of the triage module (docs/errors.md); pages show `triage.error.<CODE>`. */
export const triageErrors = {
  criteriaInvalid: (file: string, field: string, problem: string) =>
    new AppError(
      'TRIAGE_CRITERIA_INVALID',
      'validation',
      `Triage criteria ${file}: ${field || '(file)'}: ${problem}`,
      { file, field, problem },
    ),
  noCriteriaInForce: (day: string) =>
    new AppError(
      'TRIAGE_NO_CRITERIA_IN_FORCE',
      'not_found',
      `No triage criteria in force on ${day}`,
      {
        day,
      },
    ),
  unknownVersion: (version: string) =>
    new AppError('TRIAGE_VERSION_UNKNOWN', 'not_found', `No triage criteria version ${version}`, {
      version,
    }),
  featuresInvalid: (problem: string) =>
    new AppError('TRIAGE_FEATURES_INVALID', 'validation', `Triage features: ${problem}`, {
      problem,
    }),
  runNotFound: () => new AppError('TRIAGE_RUN_NOT_FOUND', 'not_found', 'No such triage run'),
  reasonRequired: () =>
    new AppError('TRIAGE_REASON_REQUIRED', 'validation', 'Say why (a reason is required)'),
};
