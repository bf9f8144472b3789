import type { CsvCell } from './csv';
import { categoriesOf, defaultFormat } from './frame';
import { safeId } from './escape';
import { BOUNDS, type LineChartSpec } from './spec';

/** A chart's data as text, for the govuk table macro (`views/charts/chart.njk`). */
export interface ChartTable {
  caption: string;
  /** The x label, then one column per series (and two per series with an interval). */
  head: string[];
  rows: string[][];
  /** The target line in words, e.g. "Legal term: 90", shown under the table. */
  note?: string;
}

/** The series that carry a prediction interval get its bounds as columns. */
function hasInterval(spec: LineChartSpec, index: number): boolean {
  return spec.series[index]!.points.some((p) => p.lower !== undefined);
}

function headOf(spec: LineChartSpec): string[] {
  const bounds = spec.boundLabels ?? BOUNDS[spec.lang];
  const head = [spec.xLabel];
  spec.series.forEach((s, i) => {
    head.push(s.name);
    if (hasInterval(spec, i)) head.push(`${s.name}: ${bounds.lower}`, `${s.name}: ${bounds.upper}`);
  });
  return head;
}

/**
 * The same numbers as the chart, one row per category, formatted like its axis. A series without
 * a value in a category gets an empty cell (a gap is not a zero).
 */
export function tableFor(spec: LineChartSpec): ChartTable {
  const format = defaultFormat(spec);
  const formatX = spec.formatX ?? ((x: string) => x);
  const head = headOf(spec);
  const rows = categoriesOf(spec).map((x) => {
    const row = [formatX(x)];
    spec.series.forEach((s, i) => {
      const p = s.points.find((q) => q.x === x);
      row.push(p ? format(p.y) : '');
      if (hasInterval(spec, i)) {
        row.push(p?.lower !== undefined ? format(p.lower) : '');
        row.push(p?.upper !== undefined ? format(p.upper) : '');
      }
    });
    return row;
  });
  return {
    caption: spec.title,
    head,
    rows,
    ...(spec.target ? { note: `${spec.target.label}: ${format(spec.target.y)}` } : {}),
  };
}

/**
 * The same data for CSV: raw numbers (not formatted, so a spreadsheet can compute with them) and
 * the raw x (ISO dates stay ISO). Feed to `toCsv(head, rows)`.
 */
export function csvRowsFor(spec: LineChartSpec): { head: string[]; rows: CsvCell[][] } {
  const head = headOf(spec);
  const rows = categoriesOf(spec).map((x) => {
    const row: (string | number | null)[] = [x];
    spec.series.forEach((s, i) => {
      const p = s.points.find((q) => q.x === x);
      row.push(p ? p.y : null);
      if (hasInterval(spec, i)) row.push(p?.lower ?? null, p?.upper ?? null);
    });
    return row;
  });
  return { head, rows };
}

/** What `views/charts/chart.njk` renders: the SVG (built and escaped here) and its table. */
export interface ChartFigure {
  id: string;
  title: string;
  svg: string;
  table: ChartTable;
}

/** Pairs a drawn chart with its table: `chartFigure(barChart(spec), spec)`. */
export function chartFigure(svg: string, spec: LineChartSpec): ChartFigure {
  return { id: safeId(spec.id), title: spec.title, svg, table: tableFor(spec) };
}
