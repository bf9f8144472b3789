import { categoriesOf, layout, svgDocument, type Frame, type LegendItem } from './frame';
import { marker, styleOf, type SeriesStyle } from './palette';
import type { BandChartSpec, ChartSeries, LineChartSpec } from './spec';
import { chartErrors } from './errors';

/** Past this many points markers would merge into a thick line; the dashes still tell series apart. */
const MAX_MARKERS = 60;

/** The points of a series by category index (undefined where the series has no value). */
function byCategory(series: ChartSeries, categories: string[]) {
  const at = new Map(series.points.map((p) => [p.x, p]));
  return categories.map((c) => at.get(c));
}

/** A path through the points, broken where a value is missing (a gap is not a zero). */
function pathThrough(points: ({ x: number; y: number } | undefined)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.x} ${p.y}`;
    pen = true;
  }
  return d;
}

/** The shaded prediction interval: one closed area per unbroken run of points with bounds. */
function bandSvg(frame: Frame, series: ChartSeries, style: SeriesStyle): string {
  const points = byCategory(series, frame.categories);
  const runs: { i: number; lower: number; upper: number }[][] = [[]];
  points.forEach((p, i) => {
    if (p && p.lower !== undefined && p.upper !== undefined) {
      runs[runs.length - 1]!.push({ i, lower: p.lower, upper: p.upper });
    } else if (runs[runs.length - 1]!.length > 0) runs.push([]);
  });
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const upper = run.map((p) => ({ x: frame.x(p.i), y: frame.y(p.upper) }));
      const lower = run.map((p) => ({ x: frame.x(p.i), y: frame.y(p.lower) }));
      const area = `${pathThrough(upper)}${pathThrough([...lower].reverse()).replace(/^M/, 'L')}Z`;
      // The outline keeps the band visible (3:1) where the light fill alone would not be.
      return (
        `<path d="${area}" fill="${style.colour}" fill-opacity="0.15" stroke="none"/>` +
        `<path d="${pathThrough(upper)}" fill="none" stroke="${style.colour}" stroke-width="1" stroke-dasharray="2 2"/>` +
        `<path d="${pathThrough(lower)}" fill="none" stroke="${style.colour}" stroke-width="1" stroke-dasharray="2 2"/>`
      );
    })
    .join('');
}

function lineSvg(frame: Frame, series: ChartSeries, style: SeriesStyle): string {
  const points = byCategory(series, frame.categories).map((p, i) =>
    p ? { x: frame.x(i), y: frame.y(p.y) } : undefined,
  );
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const line = `<path d="${pathThrough(points)}" fill="none" stroke="${style.colour}" stroke-width="2.5" stroke-linejoin="round"${dash}/>`;
  const present = points.filter((p) => p !== undefined);
  const markers =
    present.length <= MAX_MARKERS
      ? present.map((p) => marker(style.marker, p.x, p.y, style.colour)).join('')
      : '';
  return line + markers;
}

function lineSwatch(style: SeriesStyle) {
  return (x: number, y: number) =>
    `<line x1="${x}" x2="${x + 28}" y1="${y + 7}" y2="${y + 7}" stroke="${style.colour}" stroke-width="2.5"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>` +
    marker(style.marker, x + 14, y + 7, style.colour);
}

function bandSwatch(x: number, y: number): string {
  return `<rect x="${x}" y="${y}" width="28" height="14" fill="#505a5f" fill-opacity="0.15" stroke="#505a5f" stroke-width="1" stroke-dasharray="2 2"/>`;
}

/**
 * A line per series over the categories, with markers and dash patterns that differ per series;
 * points carrying `lower`/`upper` get a shaded prediction interval behind the line.
 */
export function lineChart(spec: LineChartSpec): string {
  const categories = categoriesOf(spec);
  const extent = spec.series.flatMap((s) =>
    s.points.flatMap((p) => [p.y, p.lower ?? p.y, p.upper ?? p.y]),
  );
  const hasBands = spec.series.some((s) => s.points.some((p) => p.lower !== undefined));
  const legend: LegendItem[] = spec.series.map((s, i) => ({
    name: s.name,
    swatch: lineSwatch(styleOf(i)),
  }));
  if (hasBands && spec.intervalLabel) legend.push({ name: spec.intervalLabel, swatch: bandSwatch });
  const frame = layout(spec, categories, extent, legend);
  const marks =
    spec.series.map((s, i) => bandSvg(frame, s, styleOf(i))).join('') +
    spec.series.map((s, i) => lineSvg(frame, s, styleOf(i))).join('');
  return svgDocument(frame, spec, { marks, legend });
}

/**
 * A forecast: mean lines with their prediction intervals shaded, usually after a history series
 * without intervals. At least one point must carry an interval, or it is not a forecast.
 */
export function bandChart(spec: BandChartSpec): string {
  const withInterval = spec.series.some((s) => s.points.some((p) => p.lower !== undefined));
  const empty = spec.series.every((s) => s.points.length === 0);
  if (!withInterval && !empty) {
    throw chartErrors.invalid(spec.series[0]?.name ?? '', '', 'a forecast without an interval');
  }
  return lineChart(spec);
}
