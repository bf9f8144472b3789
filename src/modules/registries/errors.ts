import { AppError } from '../../platform/errors';

/** Stable codes of the registries module (docs/errors.md). */
export const registriesErrors = {
  packInvalid: (file: string, problems: string[]) =>
    new AppError(
      'REGISTRIES_PACK_INVALID',
      'validation',
      `Registries pack ${file} is not valid: ${problems.join('; ')}`,
      { file, problems },
    ),
  unknownRegistry: (registry: string) =>
    new AppError('REGISTRIES_UNKNOWN_REGISTRY', 'validation', `Unknown registry ${registry}`, {
      registry,
    }),
};
