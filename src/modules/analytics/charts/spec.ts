import type { Language } from '../../../platform/i18n';

/**
 * What a chart shows. Texts (title, description, labels, series names) are already translated
 * by the caller; the chart only escapes them. `x` is a category label or an ISO date; points are
 * placed in the order their `x` first appears across the series, equally spaced (weeks, months
 * and quarters are), so gaps in the data should be sent as explicit points.
 */
export interface ChartPoint {
  x: string;
  y: number;
  /** A prediction interval around `y` (forecasts): drawn as a shaded band by `lineChart`. */
  lower?: number;
  upper?: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

export interface ChartSpec {
  /** Unique on the page: the SVG's title/desc/pattern ids are derived from it. */
  id: string;
  title: string;
  /**
   * The summary a screen reader hears (range, maximum, trend, the target), in the caller's
   * translated words; `summarise()` gives the numbers to fill it with.
   */
  description: string;
  series: ChartSeries[];
  yLabel: string;
  xLabel: string;
  lang: Language;
  /** Numbers on the axis and in the table; defaults to `Intl.NumberFormat(lang)`. */
  format?: (n: number) => string;
  /** How an `x` is shown (e.g. an ISO date as "2027 kov."); defaults to the label itself. */
  formatX?: (x: string) => string;
  /** A reference line, e.g. the legal term in days. */
  target?: { y: number; label: string };
  /** Shown instead of the plot when there is nothing to draw; defaults by language. */
  noDataLabel?: string;
  /** The y axis starts at 0 unless the data go below it (default true: no exaggerated trends). */
  yFromZero?: boolean;
}

export interface LineChartSpec extends ChartSpec {
  /** Legend text for the shaded prediction interval, e.g. "80 % prediction interval". */
  intervalLabel?: string;
  /** Column heads of the interval's bounds in the table and CSV; default by language. */
  boundLabels?: { lower: string; upper: string };
}

export interface BarChartSpec extends ChartSpec {
  /** Side by side (default) or stacked; stacked sums positives up and negatives down. */
  mode?: 'grouped' | 'stacked';
}

/** A forecast: every series' points carry `lower`/`upper`, and the band has a legend text. */
export interface BandChartSpec extends LineChartSpec {
  intervalLabel: string;
}

export const NO_DATA: Record<Language, string> = {
  lt: 'Duomenų nėra',
  en: 'No data',
  ru: 'Нет данных',
  uk: 'Немає даних',
};

export const BOUNDS: Record<Language, { lower: string; upper: string }> = {
  lt: { lower: 'apatinė riba', upper: 'viršutinė riba' },
  en: { lower: 'lower bound', upper: 'upper bound' },
  ru: { lower: 'нижняя граница', upper: 'верхняя граница' },
  uk: { lower: 'нижня межа', upper: 'верхня межа' },
};
