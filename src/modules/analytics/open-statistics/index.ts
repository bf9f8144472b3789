/**
 * Open statistics, the pure core: the published table with its suppression, and the CSV and
 * JSON downloads. The service (reading the fact tables) and the pages come with S10.
 */
export {
  openStatistics,
  OPEN_MEASURES,
  type OpenFigures,
  type OpenMeasure,
  type OpenMonth,
  type OpenStatisticsTable,
  type OpenValue,
} from './open-statistics';
export {
  OPEN_CSV_COLUMNS,
  OPEN_JSON_COLUMNS,
  toOpenCsv,
  toOpenJson,
  type OpenJson,
  type OpenJsonRow,
  type ServiceName,
} from './formats';
export { TOTAL, type OpenOptions, type OpenRow } from './schemas';
export { isGroupSafe, suppressAverages, suppressCountGroup, suppressMonthCounts } from './suppress';
export { OPEN_STATS_ERROR_CODES, openStatsErrors } from './errors';
