import { AppError } from '../../platform/errors';

/** Stable codes of the persons module (docs/errors.md); pages show `persons.error.<CODE>`. */
export const personsErrors = {
  notFound: () =>
    new AppError('PERSONS_NOT_FOUND', 'not_found', 'No person with that id or number'),
  numberInvalid: (text: string) =>
    new AppError(
      'PERSONS_NUMBER_INVALID',
      'validation',
      'Not a Vartai person number (P-NNNN-NNNN-C with a right check character)',
      { length: text.length },
    ),
  reviewNotFound: () =>
    new AppError('PERSONS_REVIEW_NOT_FOUND', 'not_found', 'No such match review'),
  reviewDecided: (why: 'decided' | 'same-person') =>
    new AppError(
      'PERSONS_REVIEW_DECIDED',
      'conflict',
      why === 'decided'
        ? 'The review was decided already'
        : 'The two persons are one person already (merged or linked since the review opened)',
      { why },
    ),
  mergeSame: () =>
    new AppError('PERSONS_MERGE_SAME', 'validation', 'A person cannot be merged with itself'),
  mergeInactive: (number: string) =>
    new AppError(
      'PERSONS_MERGE_INACTIVE',
      'conflict',
      `Person ${number} was merged into another; merge with the person it was merged into`,
      { number },
    ),
  splitInvalid: (problem: 'no-records' | 'not-of-person' | 'all-records' | 'inactive') =>
    new AppError(
      'PERSONS_SPLIT_INVALID',
      'validation',
      {
        'no-records': 'Choose at least one record to split off',
        'not-of-person': 'A chosen record does not belong to this person',
        'all-records': 'At least one record must stay with the person',
        inactive: 'A merged person is split from the person it was merged into',
      }[problem],
      { problem },
    ),
  undoNotAllowed: (
    why: 'not-found' | 'undone' | 'is-undo' | 'changed-since',
    detail?: Record<string, unknown>,
  ) =>
    new AppError(
      'PERSONS_UNDO_NOT_ALLOWED',
      why === 'not-found' ? 'not_found' : 'conflict',
      {
        'not-found': 'No such action on a person',
        undone: 'The action was undone already',
        'is-undo': 'An undo is not undone; act again instead',
        'changed-since': 'The persons changed since the action; it can no longer be undone as such',
      }[why],
      { why, ...detail },
    ),
  reasonRequired: () =>
    new AppError('PERSONS_REASON_REQUIRED', 'validation', 'Say why (a reason is required)'),
  searchTooShort: () =>
    new AppError(
      'PERSONS_SEARCH_TOO_SHORT',
      'validation',
      'Type at least 2 letters of a name to search',
    ),
  recordInvalid: (problems: string[]) =>
    new AppError(
      'PERSONS_RECORD_INVALID',
      'validation',
      `The record to match is not valid: ${problems.join('; ')}`,
      { problems },
    ),
  forbidden: () =>
    new AppError('FORBIDDEN', 'forbidden', 'The persons register is not open to you'),
};
