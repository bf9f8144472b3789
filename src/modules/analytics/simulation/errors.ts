import { AppError } from '../../../platform/errors';

/** Stable codes of the simulation generator (docs/errors.md). */
export const simulationErrors = {
  /** content/lt/analytics/simulation.yaml is missing, malformed or inconsistent. */
  paramsInvalid: (field: string, problem: string) =>
    new AppError(
      'SIMULATION_PARAMS_INVALID',
      'internal',
      `Simulation parameters: ${field || '(file)'}: ${problem}`,
      { field, problem },
    ),
  /** The options of a run (dates, scale, seed, resume day) cannot be used. */
  optionsInvalid: (field: string, problem: string) =>
    new AppError('SIMULATION_OPTIONS_INVALID', 'validation', `Simulation: ${field}: ${problem}`, {
      fields: [{ field, message: problem }],
    }),
};
