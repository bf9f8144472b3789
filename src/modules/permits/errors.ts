import { AppError } from '../../platform/errors';

/** Stable codes of the permits module (docs/errors.md). */
export const permitsErrors = {
  notFound: () =>
    new AppError('PERMIT_NOT_FOUND', 'not_found', 'No such permit, or not yours to see'),
  notValid: () =>
    new AppError(
      'PERMIT_NOT_VALID',
      'conflict',
      'The permit is no longer valid (revoked, replaced or expired)',
    ),
  shareCodeNotFound: () =>
    new AppError('SHARE_CODE_NOT_FOUND', 'not_found', 'No such share code, or not yours'),
  shareCodeInvalid: (fields: Record<string, string>) =>
    new AppError('SHARE_CODE_INVALID', 'validation', 'The share code request is not valid', {
      // The problem+json shape: one entry per field at fault.
      fields: Object.entries(fields).map(([field, message]) => ({ field, message })),
    }),
  checkRateLimited: () =>
    new AppError(
      'SHARE_CODE_CHECK_LIMITED',
      'rate_limited',
      'Too many checks that matched no permit from here; try again later',
    ),
};
