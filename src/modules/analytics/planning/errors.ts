import { AppError } from '../../../platform/errors';

/**
 * Stable codes of the planner (docs/errors.md). Every code is also the message of the Zod issue
 * that raises it, so a form can show the same translatable key next to the field at fault.
 */
export const PLAN_ERROR_CODES = {
  /** Any other malformed value (not a number, a negative count, a horizon far too long). */
  invalidInput: 'ANALYTICS_PLAN_INVALID_INPUT',
  /** Decisions per officer-week, availability or the what-if throughput factor is zero. */
  zeroThroughput: 'ANALYTICS_PLAN_ZERO_THROUGHPUT',
  /** No weeks of demand to plan for. */
  emptyHorizon: 'ANALYTICS_PLAN_EMPTY_HORIZON',
  /** The upper bound does not cover the same weeks as the forecast mean. */
  horizonMismatch: 'ANALYTICS_PLAN_HORIZON_MISMATCH',
  /** An upper bound below its mean: the forecast is not a prediction interval. */
  upperBelowMean: 'ANALYTICS_PLAN_UPPER_BELOW_MEAN',
  /**
   * A target share beyond the forecast's upper bound (e.g. 0.99 with a 97.5 % bound): the interval
   * says nothing about so far a tail, and extrapolating it would let a higher mean lower the plan.
   */
  shareBeyondBound: 'ANALYTICS_PLAN_SHARE_BEYOND_BOUND',
  /** A no-show rate of 100 %: nobody ever comes, so no number of slots serves the demand. */
  allNoShows: 'ANALYTICS_PLAN_ALL_NO_SHOWS',
  /** Opening hours shorter than one slot: a desk offers no slot in a week. */
  noSlots: 'ANALYTICS_PLAN_NO_SLOTS',
  /** A what-if names a service or branch the base plan does not have. */
  unknownKey: 'ANALYTICS_PLAN_UNKNOWN_KEY',
  /** The base plan lists the same service or branch twice. */
  duplicateKey: 'ANALYTICS_PLAN_DUPLICATE_KEY',
  /** A what-if removes more officers or desks than there are. */
  negativeStaff: 'ANALYTICS_PLAN_NEGATIVE_STAFF',
} as const;

export type PlanErrorCode = (typeof PLAN_ERROR_CODES)[keyof typeof PLAN_ERROR_CODES];

const knownCodes = new Set<string>(Object.values(PLAN_ERROR_CODES));

export const isPlanErrorCode = (s: string): s is PlanErrorCode => knownCodes.has(s);

export interface PlanFieldError {
  /** Dotted path of the field, e.g. `demandPerWeek.3` or `staffing.0.backlog`. */
  field: string;
  /** One of the ANALYTICS_PLAN_* codes (a translatable key). */
  message: PlanErrorCode;
}

export const planningErrors = {
  /**
   * Inputs the planner cannot work with. The error's code is the most specific one among the
   * fields (e.g. ZERO_THROUGHPUT rather than INVALID_INPUT), so a caller without a form still
   * learns what is wrong; `fields` lists every field at fault in problem+json shape.
   */
  invalid: (code: PlanErrorCode, fields: PlanFieldError[], developerMessage: string) =>
    new AppError(code, 'validation', `Planning input not usable: ${developerMessage}`, { fields }),
};
