import { AppError } from '../../platform/errors';
import type { Missing } from './applications.core';

/** Stable codes of the applications module (docs/errors.md). */
export const applicationsErrors = {
  notFound: () => new AppError('APPLICATION_NOT_FOUND', 'not_found', 'No such application'),
  serviceUnknown: (id: string) =>
    new AppError('APPLICATION_SERVICE_UNKNOWN', 'validation', `No service ${id}`),
  groundUnknown: (id: string) =>
    new AppError('APPLICATION_GROUND_UNKNOWN', 'validation', `No ground ${id} for this service`),
  filerNotAllowed: (serviceId: string, filer: string) =>
    new AppError(
      'APPLICATION_FILER_NOT_ALLOWED',
      'validation',
      `Service ${serviceId} cannot be filed by ${filer}`,
      { filer },
    ),
  childInvalid: (reason: 'invalid-date' | 'not-born' | 'name') =>
    new AppError(
      'APPLICATION_CHILD_INVALID',
      'validation',
      `The child's details are invalid: ${reason}`,
      {
        reason,
      },
    ),
  notMinor: () =>
    new AppError(
      'APPLICATION_NOT_MINOR',
      'validation',
      'A parent files only for a child under 18 on the day of submission',
    ),
  urgencyNotOffered: (urgency: string) =>
    new AppError(
      'APPLICATION_URGENCY_NOT_OFFERED',
      'validation',
      `Urgency level ${urgency} is not offered for this service and ground`,
      { urgency },
    ),
  notDraft: () =>
    new AppError('APPLICATION_NOT_DRAFT', 'conflict', 'The application is no longer a draft'),
  incomplete: (missing: Missing[]) =>
    new AppError('APPLICATION_INCOMPLETE', 'validation', 'The application is not complete', {
      missing,
      fields: missing.map((m) => ({
        field:
          m.kind === 'answer'
            ? `answers.${m.questionId}`
            : m.kind === 'document'
              ? `documents.${m.documentId}`
              : m.kind,
        message: m.kind === 'answer' ? m.problem : 'missing',
      })),
    }),
};
