import { AppError } from '../../platform/errors';

/** Stable codes of the processing module (docs/errors.md). */
export const processingErrors = {
  noProposal: () =>
    new AppError(
      'PROCESSING_NO_PROPOSAL',
      'not_found',
      'No grant was prepared for this case, or it is not yours to see',
    ),
};
