/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, covering [min, max]. Written here
 * because d3-scale / d3-array are not in the dependencies and this is all we need of them.
 */
export interface Ticks {
  /** The axis domain, extended outwards to whole steps. */
  min: number;
  max: number;
  step: number;
  /** From `min` to `max` inclusive, every `step`. */
  values: number[];
}

/** Decimal places a step needs, so 0.1 + 0.2 shows as 0.3. */
function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step)) + 1);
}

/** Candidate steps in increasing order, from a power of ten below `raw`. */
function* niceSteps(raw: number): Generator<number> {
  for (let power = 10 ** (Math.floor(Math.log10(raw)) - 1); ; power *= 10) {
    for (const m of [1, 2, 5]) yield m * power;
  }
}

/**
 * Ticks for data between `min` and `max`, about `count` intervals (never more than `count` + 1).
 * A flat series (min = max) gets a domain around its value so the line is not on the frame.
 * `integer` keeps the step at 1 or more (for counts).
 */
export function niceTicks(min: number, max: number, count = 5, integer = false): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('ticks of non-finite');
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    lo = lo === 0 ? 0 : lo - pad;
    hi = hi + pad;
  }
  // The smallest nice step whose rounded-out domain has at most `count` + 1 intervals: 0–501
  // gets 0, 100, …, 600 rather than 0, 200, 400, 600. Counts of applications have no fractions,
  // so with `integer` the step is at least 1 (a 0.2 step would invent them).
  let step = 0;
  for (const candidate of niceSteps((hi - lo) / Math.max(1, count))) {
    if (integer && candidate < 1) continue;
    const intervals = Math.ceil(hi / candidate - 1e-9) - Math.floor(lo / candidate + 1e-9);
    if (intervals <= count + 1) {
      step = candidate;
      break;
    }
  }
  const decimals = decimalsOf(step);
  const round = (v: number) => Number(v.toFixed(decimals));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(round(i * step));
  return { min: values[0]!, max: values[values.length - 1]!, step: round(step), values };
}
