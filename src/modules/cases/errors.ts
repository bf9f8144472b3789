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
};
