import { AppError } from '../../platform/errors';

/** Stable codes of the holdings module (docs/errors.md). */
export const holdingsErrors = {
  notFound: () =>
    new AppError(
      'HELD_DOCUMENT_NOT_FOUND',
      'not_found',
      'No such held document, or not yours to see',
    ),
  notRenewable: (reason: 'invalid' | 'too-early') =>
    new AppError(
      'HELD_DOCUMENT_NOT_RENEWABLE',
      'conflict',
      reason === 'invalid'
        ? 'The document is no longer valid; apply for a new one instead of a renewal'
        : 'A renewal is offered only from 120 days before the document expires',
      { reason },
    ),
};
