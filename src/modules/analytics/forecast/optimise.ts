/**
 * A small deterministic optimiser for the smoothing parameters: a coarse grid picks the start, then
 * Nelder–Mead refines it. Parameters live in boxes; the search runs on an unbounded scale through a
 * logistic map, so the simplex never has to be clamped (clamping makes Nelder–Mead stall on edges).
 */

export interface Bounds {
  lower: number;
  upper: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

const toBox = (u: number, b: Bounds) => b.lower + (b.upper - b.lower) / (1 + Math.exp(-u));
function fromBox(x: number, b: Bounds): number {
  // Keep a start on the edge a finite distance inside, or the logit is infinite.
  const p = Math.min(1 - 1e-6, Math.max(1e-6, (x - b.lower) / (b.upper - b.lower)));
  return Math.log(p / (1 - p));
}

/**
 * Nelder–Mead with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½).
 * Stops when the simplex's values agree to `tolerance` (absolute plus relative) or after
 * `maxEvaluations`. No randomness: the same start gives the same answer.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  opts: { step?: number; tolerance?: number; maxEvaluations?: number } = {},
): Minimum {
  const step = opts.step ?? 0.5;
  const tolerance = opts.tolerance ?? 1e-10;
  const maxEvaluations = opts.maxEvaluations ?? 400;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let simplex: { x: number[]; v: number }[] = [{ x: [...start], v: evaluate([...start]) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = x[i]! + step;
    simplex.push({ x, v: evaluate(x) });
  }

  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (1 + Math.abs(best.v))) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]!.x[j]! / n;

    const reflected = combine(centroid, worst.x, -1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = evaluate(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      // Contract towards the better of the worst point and its reflection.
      const outside = vr < worst.v;
      const contracted = combine(centroid, outside ? reflected : worst.x, 0.5);
      const vc = evaluate(contracted);
      if (vc < (outside ? vr : worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = combine(best.x, p.x, 0.5);
          return { x, v: evaluate(x) };
        });
      }
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, evaluations };
}

/**
 * Minimise `f` over a box: evaluate every grid point (the cartesian product of `grid`), then run
 * Nelder–Mead from the best on the logistic scale. Ties keep the earlier grid point, so the result
 * does not depend on anything but the inputs.
 */
export function minimiseInBox(
  f: (x: number[]) => number,
  bounds: readonly Bounds[],
  grid: readonly (readonly number[])[],
  opts: { maxEvaluations?: number; tolerance?: number } = {},
): Minimum {
  let bestStart: number[] = bounds.map((b) => (b.lower + b.upper) / 2);
  let bestValue = Number.POSITIVE_INFINITY;
  let evaluations = 0;
  const visit = (prefix: number[]) => {
    if (prefix.length === bounds.length) {
      evaluations++;
      const v = f(prefix);
      if (v < bestValue) {
        bestValue = v;
        bestStart = prefix;
      }
      return;
    }
    for (const value of grid[prefix.length]!) visit([...prefix, value]);
  };
  visit([]);

  const g = (u: number[]) => f(u.map((ui, i) => toBox(ui, bounds[i]!)));
  const refined = nelderMead(
    g,
    bestStart.map((x, i) => fromBox(x, bounds[i]!)),
    opts,
  );
  const x = refined.x.map((ui, i) => toBox(ui, bounds[i]!));
  // The grid point may still be the best if the simplex found nothing lower.
  if (refined.value <= bestValue) {
    return { x, value: refined.value, evaluations: evaluations + refined.evaluations };
  }
  return { x: bestStart, value: bestValue, evaluations: evaluations + refined.evaluations };
}
