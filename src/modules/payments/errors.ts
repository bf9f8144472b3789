import { AppError } from '../../platform/errors';

/** Stable codes of the payments module (docs/errors.md). */
export const paymentsErrors = {
  notFound: () =>
    new AppError('PAYMENT_NOT_FOUND', 'not_found', 'No such payment, or not yours to see'),
  invalid: (problem: string) =>
    new AppError('PAYMENT_INVALID', 'validation', `The payment request is not valid: ${problem}`),
  callbackRefused: (reason: string) =>
    new AppError('PAYMENT_CALLBACK_REFUSED', 'unauthenticated', `Notification refused: ${reason}`, {
      reason,
    }),
  callbackUnknown: () =>
    new AppError(
      'PAYMENT_CALLBACK_UNKNOWN',
      'not_found',
      'The notification names a checkout Vartai did not create',
    ),
  fontMissing: (file: string) =>
    new AppError(
      'RECEIPT_FONT_MISSING',
      'unavailable',
      `The receipt font ${file} is missing; install fonts-dejavu-core`,
    ),
};
