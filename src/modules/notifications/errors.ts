import { AppError } from '../../platform/errors';

/** Stable codes of the notifications module (docs/errors.md). */
export const notificationsErrors = {
  notFound: () =>
    new AppError('NOTIFICATION_NOT_FOUND', 'not_found', 'No such notification, or not yours'),
  packInvalid: (file: string, field: string, problem: string) =>
    new AppError(
      'NOTIFICATION_PACK_INVALID',
      'internal',
      `Country pack file ${file}: ${field ? `${field}: ` : ''}${problem}`,
      { file, field },
    ),
  valuesMissing: (event: string, missing: string[]) =>
    new AppError(
      'NOTIFICATION_VALUES_MISSING',
      'internal',
      `Notification ${event} needs the values ${missing.join(', ')}`,
      { event, missing },
    ),
};
