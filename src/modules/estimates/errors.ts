import { AppError } from '../../platform/errors';

/** Stable codes of the estimates module (docs/errors.md). */
export const estimatesErrors = {
  /** Asked to estimate a case that does not exist: a wiring fault, not something a user types. */
  caseNotFound: (caseId: string) =>
    new AppError('ESTIMATE_CASE_NOT_FOUND', 'not_found', 'No such case to estimate', { caseId }),
};
