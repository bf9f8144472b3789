import { describe, expect, it } from 'vitest';
import { openStatistics } from './open-statistics';
import { OPEN_CSV_COLUMNS, toOpenCsv, toOpenJson } from './formats';
import type { OpenRow } from './schemas';

const BOM = '\uFEFF';

const rows: OpenRow[] = [
  {
    month: '2027-01',
    service: 'national-visa',
    applications: 3,
    decisions: 40,
    refusals: 6,
    processingDaysSum: 410,
    processingDaysCount: 40,
  },
  {
    month: '2027-01',
    service: 'temporary-residence-permit',
    applications: 250,
    decisions: 200,
    refusals: 20,
    processingDaysSum: 9_000,
    processingDaysCount: 200,
  },
  {
    month: '2027-01',
    service: 'citizenship',
    applications: 12,
    decisions: 0,
    refusals: 0,
    processingDaysSum: 0,
    processingDaysCount: 0,
  },
];

const table = openStatistics(rows, {
  today: '2027-02-01',
  serviceOrder: ['temporary-residence-permit', 'national-visa', 'citizenship'],
});

describe('toOpenCsv', () => {
  it('writes long rows with stable column ids, suppressed values empty with flag c', () => {
    const lines = toOpenCsv(table, 'en').split('\r\n');
    expect(lines[0]).toBe(`${BOM}${OPEN_CSV_COLUMNS.join(',')}`);
    expect(lines[0]).toBe(`${BOM}month,service,service_name,measure,value,flag`);
    expect(lines).toContain('2027-01,national-visa,national-visa,applications,,c');
    // The partner of the small count: the smallest other non-zero count, citizenship's 12.
    expect(lines).toContain('2027-01,citizenship,citizenship,applications,,c');
    expect(lines).toContain(
      '2027-01,temporary-residence-permit,temporary-residence-permit,applications,250,',
    );
    expect(lines).toContain('2027-01,total,Total,applications,265,');
    expect(lines).toContain('2027-01,national-visa,national-visa,average-processing-days,10.3,');
    expect(lines).toContain('2027-01,citizenship,citizenship,average-processing-days,,');
    // 3 services and the total, 4 measures, a header, and the empty string after the last CRLF.
    expect(lines).toHaveLength(1 + 4 * 4 + 1);
    expect(lines.at(-1)).toBe('');
  });

  it('names services and the total in the language asked, ids unchanged', () => {
    const names: Record<string, string> = { 'national-visa': 'Nacionalinė viza' };
    const csv = toOpenCsv(table, 'lt', (s) => names[s]);
    expect(csv).toContain('2027-01,national-visa,Nacionalinė viza,decisions,40,');
    expect(csv).toContain('2027-01,total,Iš viso,decisions,240,');
    expect(toOpenCsv(table, 'uk')).toContain(',total,Усього,');
  });
});

describe('toOpenJson', () => {
  it('gives the same rows as the CSV, null and flag c when suppressed', () => {
    const json = toOpenJson(table);
    expect(json.suppression).toEqual({ threshold: 5, minDecisionsForAverage: 10 });
    expect(json.rows).toHaveLength(16);
    expect(json.rows).toContainEqual({
      month: '2027-01',
      service: 'national-visa',
      measure: 'applications',
      value: null,
      flag: 'c',
    });
    expect(json.rows).toContainEqual({
      month: '2027-01',
      service: 'total',
      measure: 'refusals',
      value: 26,
      flag: null,
    });
    const csvLines = toOpenCsv(table, 'en').split('\r\n').slice(1, -1);
    expect(
      json.rows.map((r) =>
        [r.month, r.service, r.service === 'total' ? 'Total' : r.service, r.measure]
          .concat(r.value === null ? '' : String(r.value), r.flag ?? '')
          .join(','),
      ),
    ).toEqual(csvLines);
  });

  it('holds no field beyond month, service, measure, value and flag', () => {
    for (const r of toOpenJson(table).rows)
      expect(Object.keys(r).sort()).toEqual(['flag', 'measure', 'month', 'service', 'value']);
    expect(JSON.parse(JSON.stringify(toOpenJson(table)))).toEqual(toOpenJson(table));
  });
});

describe('determinism', () => {
  it('writes the same bytes for the same rows in any order', () => {
    const again = openStatistics([...rows].reverse(), {
      today: '2027-02-01',
      serviceOrder: ['temporary-residence-permit', 'national-visa', 'citizenship'],
    });
    expect(toOpenCsv(again, 'lt')).toBe(toOpenCsv(table, 'lt'));
    expect(JSON.stringify(toOpenJson(again))).toBe(JSON.stringify(toOpenJson(table)));
  });
});
