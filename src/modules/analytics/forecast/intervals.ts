/**
 * Prediction intervals on the log scale. Preferred: the empirical distribution of the model's own
 * in-sample h-step-ahead errors (no normality assumed, skew and fat tails kept). When a horizon has
 * too few such errors to read its tails, the ETS(A,Ad,A) variance formula (Hyndman et al. 2008,
 * class 1) with a normal quantile stands in. Widths are then made non-decreasing in h: demand
 * further ahead is never known better than demand nearer.
 */
import { dampedSum, type SmoothingParams } from './smoothing';

/** Fewer errors than this at a horizon and its tails are read from the variance formula. */
export const MIN_EMPIRICAL_ERRORS = 30;

/** Quantile of sorted values, linear interpolation between order statistics (R type 7). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < low) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - low) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** Variance multiplier of the h-step error over the one-step variance, ETS(A,Ad,A). */
export function varianceMultiplier(params: SmoothingParams, seasonLength: number, h: number) {
  let sum = 1;
  for (let j = 1; j < h; j++) {
    const seasonal = seasonLength > 1 && j % seasonLength === 0 ? params.gamma : 0;
    const c = params.alpha + params.beta * dampedSum(params.phi, j) + seasonal;
    sum += c * c;
  }
  return sum;
}

export interface LogInterval {
  /** Offsets from the point forecast on the log scale: lower ≤ 0 ≤ upper. */
  lower: number;
  upper: number;
  /** A robust spread of the h-step error, for the mean's bias correction. */
  sigma: number;
  source: 'empirical' | 'formula';
}

const MAD_TO_SD = 1.4826;

/**
 * One interval per horizon. `errors[h-1]` are the in-sample h-step errors; `sigma1` the one-step
 * error's standard deviation used by the formula. Both are in-sample, measured on the data that
 * also fitted the season and the parameters, so they flatter the model: `inflation` (≥ 1, the
 * usual √(n / (n − k)) for k fitted quantities) widens every offset alike.
 */
export function logIntervals(
  errors: readonly (readonly number[])[],
  level: number,
  params: SmoothingParams,
  seasonLength: number,
  sigma1: number,
  inflation = 1,
): LogInterval[] {
  const tail = (1 - level) / 2;
  const z = normalQuantile(1 - tail);
  const out: LogInterval[] = [];
  let widestLower = 0;
  let widestUpper = 0;
  let widestSigma = 0;
  errors.forEach((errs, i) => {
    const formulaSigma =
      inflation * sigma1 * Math.sqrt(varianceMultiplier(params, seasonLength, i + 1));
    let lower: number;
    let upper: number;
    let sigma: number;
    let source: LogInterval['source'];
    if (errs.length >= MIN_EMPIRICAL_ERRORS) {
      const sorted = [...errs].sort((a, b) => a - b);
      // An interval must hold the point forecast even if the in-sample errors lean one way.
      lower = inflation * Math.min(0, quantileSorted(sorted, tail));
      upper = inflation * Math.max(0, quantileSorted(sorted, 1 - tail));
      const mid = quantileSorted(sorted, 0.5);
      const deviations = sorted.map((e) => Math.abs(e - mid)).sort((a, b) => a - b);
      sigma = inflation * MAD_TO_SD * quantileSorted(deviations, 0.5);
      source = 'empirical';
    } else {
      lower = -z * formulaSigma;
      upper = z * formulaSigma;
      sigma = formulaSigma;
      source = 'formula';
    }
    widestLower = Math.min(widestLower, lower);
    widestUpper = Math.max(widestUpper, upper);
    widestSigma = Math.max(widestSigma, sigma);
    out.push({ lower: widestLower, upper: widestUpper, sigma: widestSigma, source });
  });
  return out;
}
