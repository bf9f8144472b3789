import { categoriesOf, layout, r2, svgDocument, type Frame, type LegendItem } from './frame';
import { safeId } from './escape';
import { barFill, patternDef, styleOf } from './palette';
import type { BarChartSpec } from './spec';

/** Share of a category's band the bars take; the rest separates the categories. */
const GROUP = 0.72;

function rect(
  frame: Frame,
  x: number,
  width: number,
  from: number,
  to: number,
  fill: string,
  stroke: string,
): string {
  const [y0, y1] = [frame.y(from), frame.y(to)];
  const top = Math.min(y0, y1);
  const height = Math.abs(y1 - y0);
  if (height === 0) return '';
  return `<rect x="${r2(x)}" y="${top}" width="${r2(width)}" height="${r2(height)}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
}

/** The sums a stacked bar reaches, up for positives and down for negatives. */
function stackExtent(spec: BarChartSpec, categories: string[]): number[] {
  return categories.flatMap((c) => {
    let up = 0;
    let down = 0;
    for (const s of spec.series) {
      for (const p of s.points) {
        if (p.x !== c) continue;
        if (p.y >= 0) up += p.y;
        else down += p.y;
      }
    }
    return [up, down];
  });
}

/**
 * Bars per category, one per series side by side (`grouped`) or on top of each other
 * (`stacked`). Each series has its own fill pattern as well as its colour, repeated in the legend.
 */
export function barChart(spec: BarChartSpec): string {
  const stacked = spec.mode === 'stacked';
  const categories = categoriesOf(spec);
  const extent = stacked
    ? stackExtent(spec, categories)
    : spec.series.flatMap((s) => s.points.map((p) => p.y));
  // Pattern ids derive from the chart's id: two charts on one page must not share them.
  const patternId = (i: number) => `${safeId(spec.id)}-pattern-${i}`;
  const legend: LegendItem[] = spec.series.map((s, i) => ({
    name: s.name,
    swatch: (x, y) =>
      `<rect x="${x + 7}" y="${y}" width="14" height="14" fill="${barFill(patternId(i), styleOf(i))}" stroke="${styleOf(i).colour}" stroke-width="1.5"/>`,
  }));
  const frame = layout(spec, categories, extent, legend);
  const defs = spec.series
    .map((_, i) => patternDef(patternId(i), styleOf(i).pattern, styleOf(i).colour))
    .join('');

  const group = frame.band * GROUP;
  const marks: string[] = [];
  categories.forEach((c, ci) => {
    const start = frame.x(ci) - group / 2;
    let up = 0;
    let down = 0;
    spec.series.forEach((s, si) => {
      const point = s.points.find((p) => p.x === c);
      if (!point) return;
      const style = styleOf(si);
      const fill = barFill(patternId(si), style);
      if (stacked) {
        const from = point.y >= 0 ? up : down;
        const to = from + point.y;
        if (point.y >= 0) up = to;
        else down = to;
        marks.push(rect(frame, start, group, from, to, fill, style.colour));
      } else {
        const width = group / spec.series.length;
        marks.push(rect(frame, start + width * si, width, 0, point.y, fill, style.colour));
      }
    });
  });
  return svgDocument(frame, spec, { defs, marks: marks.join(''), legend });
}
