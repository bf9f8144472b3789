import { AppError } from '../../platform/errors';
import type { Missing } from './applications.core';

/** Stable codes of the applications module (docs/errors.md). */
export const applicationsErrors = {
  notFound: () => new AppError('APPLICATION_NOT_FOUND', 'not_found', 'No such application'),
  serviceUnknown: (id: string) =>
    new AppError('APPLICATION_SERVICE_UNKNOWN', 'validation', `No service ${id}`),
  groundUnknown: (id: string) =>
    new AppError('APPLICATION_GROUND_UNKNOWN', 'validation', `No ground ${id} for this service`),
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
