import { AppError } from '../../platform/errors';

/** Stable codes of the partners module (docs/errors.md). */
export const partnersErrors = {
  keyInvalid: () =>
    new AppError('PARTNER_KEY_INVALID', 'unauthenticated', 'The API key is wrong or revoked'),
  idempotencyKeyRequired: () =>
    new AppError(
      'IDEMPOTENCY_KEY_REQUIRED',
      'validation',
      'This request needs an Idempotency-Key header',
    ),
  idempotencyKeyInvalid: () =>
    new AppError(
      'IDEMPOTENCY_KEY_INVALID',
      'validation',
      'The Idempotency-Key header must be 1 to 255 visible ASCII characters',
    ),
  idempotencyKeyReused: () =>
    new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'unprocessable',
      'This Idempotency-Key was used for a different request',
    ),
  idempotencyInProgress: () =>
    new AppError(
      'IDEMPOTENCY_REQUEST_IN_PROGRESS',
      'conflict',
      'A request with this Idempotency-Key is still being processed',
    ),
  partnerInvalid: (problems: string[]) =>
    new AppError('PARTNER_INVALID', 'validation', `Invalid partner: ${problems.join('; ')}`, {
      problems,
    }),
  partnerNotFound: () => new AppError('PARTNER_NOT_FOUND', 'not_found', 'No such partner'),
};
