/**
 * The downloads of open statistics: `/statistics.csv` and `/statistics.json`, the same rows in
 * long format, one per month, service (or `total`) and measure:
 *
 * | column         | meaning                                                                   |
 * |----------------|---------------------------------------------------------------------------|
 * | `month`        | `YYYY-MM`, complete months only                                           |
 * | `service`      | catalogue service id, or `total` for the month's total over services      |
 * | `service_name` | CSV only: the service's name in the page's language                       |
 * | `measure`      | `applications`, `decisions`, `refusals`, `average-processing-days`        |
 * | `value`        | the figure (average in days, one decimal); empty / null when suppressed,  |
 * |                | or for an average when there were no decisions                            |
 * | `flag`         | `c` when suppressed (confidential), else empty / null                     |
 *
 * Column ids are stable in every language; only `service_name` is translated.
 */
import type { Language } from '../../../platform/i18n';
import { toCsv, type CsvCell } from '../charts/csv';
import { OPEN_MEASURES, type OpenMeasure, type OpenStatisticsTable } from './open-statistics';
import { TOTAL } from './schemas';

export const OPEN_CSV_COLUMNS = [
  'month',
  'service',
  'service_name',
  'measure',
  'value',
  'flag',
] as const;
export const OPEN_JSON_COLUMNS = ['month', 'service', 'measure', 'value', 'flag'] as const;

export interface OpenJsonRow {
  month: string;
  service: string;
  measure: OpenMeasure;
  value: number | null;
  flag: 'c' | null;
}

export interface OpenJson {
  columns: typeof OPEN_JSON_COLUMNS;
  /** The rules applied, so a reader knows what `c` stands for. */
  suppression: { threshold: number; minDecisionsForAverage: number };
  rows: OpenJsonRow[];
}

const TOTAL_NAME: Record<Language, string> = {
  lt: 'Iš viso',
  en: 'Total',
  ru: 'Всего',
  uk: 'Усього',
};

/** A service's name in a language (from the catalogue); the id is used when it gives none. */
export type ServiceName = (service: string, lang: Language) => string | undefined;

function longRows(table: OpenStatisticsTable): OpenJsonRow[] {
  const rows: OpenJsonRow[] = [];
  for (const m of table.months) {
    const lines = [...m.services, { service: TOTAL, figures: m.total }];
    for (const { service, figures } of lines) {
      for (const measure of OPEN_MEASURES) {
        const { value, flag } = figures[measure];
        rows.push({ month: m.month, service, measure, value, flag });
      }
    }
  }
  return rows;
}

export function toOpenCsv(
  table: OpenStatisticsTable,
  lang: Language,
  serviceName: ServiceName = () => undefined,
): string {
  const cells: CsvCell[][] = longRows(table).map((r) => [
    r.month,
    r.service,
    r.service === TOTAL ? TOTAL_NAME[lang] : (serviceName(r.service, lang) ?? r.service),
    r.measure,
    r.value,
    r.flag,
  ]);
  return toCsv([...OPEN_CSV_COLUMNS], cells);
}

export function toOpenJson(table: OpenStatisticsTable): OpenJson {
  return {
    columns: OPEN_JSON_COLUMNS,
    suppression: {
      threshold: table.threshold,
      minDecisionsForAverage: table.minDecisionsForAverage,
    },
    rows: longRows(table),
  };
}
