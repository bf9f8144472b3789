import { AppError } from '../../platform/errors';

/** Stable codes of the catalogue module (docs/errors.md). */
export const catalogueErrors = {
  packInvalid: (file: string, field: string, problem: string) =>
    new AppError(
      'CATALOGUE_PACK_INVALID',
      'internal',
      `Country pack file ${file}: ${field || '(file)'}: ${problem}`,
      { file, field, problem },
    ),
  serviceUnknown: (id: string) =>
    new AppError('CATALOGUE_SERVICE_UNKNOWN', 'not_found', `No service ${id}`, { service: id }),
  groundUnknown: (serviceId: string, groundId: string) =>
    new AppError(
      'CATALOGUE_GROUND_UNKNOWN',
      'not_found',
      `Service ${serviceId} has no ground ${groundId}`,
      { service: serviceId, ground: groundId },
    ),
  exemptionUnknown: (serviceId: string, exemption: string) =>
    new AppError(
      'CATALOGUE_EXEMPTION_UNKNOWN',
      'validation',
      `Service ${serviceId} has no fee exemption ${exemption}`,
      { service: serviceId, exemption },
    ),
  feeUnknown: (serviceId: string, detail: string) =>
    new AppError('CATALOGUE_FEE_UNKNOWN', 'not_found', `No fee for ${serviceId}: ${detail}`, {
      service: serviceId,
    }),
  termUnknown: (serviceId: string, detail: string) =>
    new AppError(
      'CATALOGUE_TERM_UNKNOWN',
      'not_found',
      `No legal term for ${serviceId}: ${detail}`,
      {
        service: serviceId,
      },
    ),
  referenceUnknown: (name: string, on: string) =>
    new AppError(
      'CATALOGUE_REFERENCE_UNKNOWN',
      'not_found',
      `No reference value ${name} in force on ${on}`,
      { name, on },
    ),
  dateInvalid: (value: string) =>
    new AppError('CATALOGUE_DATE_INVALID', 'validation', `Not a calendar date: ${value}`),
  finderPathInvalid: () =>
    new AppError('CATALOGUE_FINDER_PATH_INVALID', 'validation', 'The finder answers do not fit'),
};
