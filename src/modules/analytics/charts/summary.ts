import type { ChartPoint, ChartSeries } from './spec';

/**
 * The numbers a chart's description is written from, so the caller can fill its translated
 * sentence ("from {min} in {minAt} to {max} in {maxAt}, rising") without recomputing them.
 */
export interface SeriesSummary {
  name: string;
  count: number;
  min: ChartPoint;
  max: ChartPoint;
  first: ChartPoint;
  last: ChartPoint;
  /** Last against first: 'flat' within `flatWithin` (a share of the larger magnitude). */
  trend: 'up' | 'down' | 'flat';
}

export function summarise(series: ChartSeries, flatWithin = 0.05): SeriesSummary | null {
  const points = series.points;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  let min = first;
  let max = first;
  for (const p of points) {
    if (p.y < min.y) min = p;
    if (p.y > max.y) max = p;
  }
  const scale = Math.max(Math.abs(first.y), Math.abs(last.y));
  const change = last.y - first.y;
  const trend =
    scale === 0 || Math.abs(change) <= scale * flatWithin ? 'flat' : change > 0 ? 'up' : 'down';
  return { name: series.name, count: points.length, min, max, first, last, trend };
}
