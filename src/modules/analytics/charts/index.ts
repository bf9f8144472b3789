/**
 * Server-rendered charts for the analytics dashboards: accessible SVG strings (title and
 * description, patterns and markers besides colour, no inline styles for the CSP), the same data
 * as a table for the govuk table macro, and CSV for the downloads. Pure: no I/O, no clock.
 */
export { barChart } from './bar';
export { bandChart, lineChart } from './line';
export { chartFigure, csvRowsFor, tableFor, type ChartFigure, type ChartTable } from './table';
export { summarise, type SeriesSummary } from './summary';
export { niceTicks, type Ticks } from './ticks';
export { escapeXml, safeId } from './escape';
export { csvReply, safeFilename, toCsv, type CsvCell, type CsvOptions } from './csv';
export { chartErrors } from './errors';
export { SERIES_STYLES, type SeriesStyle } from './palette';
export type {
  BandChartSpec,
  BarChartSpec,
  ChartPoint,
  ChartSeries,
  ChartSpec,
  LineChartSpec,
} from './spec';
