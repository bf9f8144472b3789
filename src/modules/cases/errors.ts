import { AppError } from '../../platform/errors';
import type { RefusalReason } from './cases.lifecycle';

/** Stable codes of the cases module (docs/errors.md). */
export const casesErrors = {
  notFound: () => new AppError('CASE_NOT_FOUND', 'not_found', 'No such case, or not yours to see'),
  actionNotAllowed: (d: { reason: RefusalReason; from: string | null; action: string | null }) =>
    new AppError(
      'CASE_ACTION_NOT_ALLOWED',
      'conflict',
      `The lifecycle does not allow ${d.action ?? 'this action'} from ${d.from ?? 'no case'} (${d.reason})`,
      d,
    ),
  letterPackInvalid: (file: string, field: string, problem: string) =>
    new AppError(
      'CASE_LETTER_PACK_INVALID',
      'internal',
      `Country pack file letters/${file}: ${field || '(file)'}: ${problem}`,
      { file: `letters/${file}`, field, problem },
    ),
  decisionInvalid: (fields: Record<string, string>) =>
    new AppError('CASE_DECISION_INVALID', 'validation', 'The proposed decision is incomplete', {
      fields,
    }),
  decisionNotProposed: () =>
    new AppError(
      'CASE_DECISION_NOT_PROPOSED',
      'conflict',
      'No proposed decision waits for approval',
    ),
  approvalRefused: (reason: string) =>
    new AppError(
      'CASE_APPROVAL_REFUSED',
      'forbidden',
      `This decision may not be approved or returned by you (${reason})`,
      { reason },
    ),
};
