import { AppError } from '../../platform/errors';

/** Stable codes of the appointments module (docs/errors.md). */
export const appointmentsErrors = {
  packInvalid: (field: string, problem: string) =>
    new AppError(
      'APPOINTMENTS_PACK_INVALID',
      'internal',
      `Country pack file branches.yaml: ${field || '(file)'}: ${problem}`,
      { file: 'branches.yaml', field, problem },
    ),
};
