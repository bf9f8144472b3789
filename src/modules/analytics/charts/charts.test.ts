import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors';
import {
  bandChart,
  barChart,
  chartFigure,
  csvRowsFor,
  lineChart,
  SERIES_STYLES,
  summarise,
  tableFor,
  type BandChartSpec,
  type BarChartSpec,
  type ChartSpec,
  type LineChartSpec,
} from './index';
import { BACKGROUND, INK } from './palette';
import { allNodes, contrast, parseXml, type XmlNode } from './test-support';

const months = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
const series = (name: string, ys: number[]) => ({
  name,
  points: ys.map((y, i) => ({ x: months[i]!, y })),
});

const base: ChartSpec = {
  id: 'intake',
  title: 'Applications by month',
  description: 'From 120 in January to 410 in June, rising.',
  series: [
    series('Temporary residence', [120, 180, 260, 300, 350, 410]),
    series('Permanent residence', [40, 45, 50, 48, 60, 66]),
    series('EU citizens', [10, 12, 9, 14, 20, 25]),
  ],
  xLabel: 'Month',
  yLabel: 'Applications',
  lang: 'en',
};

const find = (root: XmlNode, name: string) => allNodes(root).filter((n) => n.name === name);
/** The series lines: the 2.5-wide unfilled paths (markers and bands are drawn otherwise). */
const seriesLines = (root: XmlNode) =>
  find(root, 'path').filter((p) => p.attrs['stroke-width'] === '2.5' && p.attrs.fill === 'none');
/** The numbers on the y axis, by the text anchored at the end left of the plot. */
const yTicks = (root: XmlNode) =>
  find(root, 'text')
    .filter((t) => t.attrs['text-anchor'] === 'end' && !t.attrs.stroke)
    .map((t) => Number(t.text.replace(/[^0-9.-]/g, '')));

describe('accessible SVG', () => {
  it.each([
    ['line', () => lineChart(base)],
    ['grouped bars', () => barChart(base)],
    ['stacked bars', () => barChart({ ...base, mode: 'stacked' })],
    ['empty', () => lineChart({ ...base, series: [] })],
  ])('%s: well-formed, named by its title and description, scalable, CSP-safe', (_, draw) => {
    const svg = draw();
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.role).toBe('img');
    expect(root.attrs.viewBox).toBe('0 0 640 360');
    expect(root.attrs.width).toBeUndefined(); // the viewBox scales it to its container
    const [titleId, descId] = root.attrs['aria-labelledby']!.split(' ');
    const [title, desc] = root.children;
    expect(title).toMatchObject({ name: 'title', attrs: { id: titleId }, text: base.title });
    expect(desc).toMatchObject({ name: 'desc', attrs: { id: descId }, text: base.description });
    // The CSP forbids inline styles: presentation attributes only.
    expect(svg).not.toMatch(/\sstyle\s*=|<style/i);
    for (const n of allNodes(root)) {
      if (n.attrs['font-size']) expect(Number(n.attrs['font-size'])).toBeGreaterThanOrEqual(12);
    }
    expect(svg).toBe(draw()); // deterministic
  });

  it('escapes hostile labels everywhere, and drops characters XML cannot hold', () => {
    const evil = '<script>alert("x")</script>';
    const spec: BarChartSpec = {
      ...base,
      id: 'bad id"><script>',
      title: evil,
      description: `Tom's "chart" & <b>more</b>`,
      xLabel: '"><img src=x onerror=alert(1)>',
      yLabel: "'; DROP",
      series: [
        {
          name: evil,
          points: [
            { x: `<x a='1'>&amp;`, y: 5 },
            { x: 'ok\u0001', y: 7 },
          ],
        },
      ],
      target: { y: 6, label: '</text><script>' },
    };
    for (const svg of [barChart(spec), lineChart(spec)]) {
      expect(svg).not.toMatch(/<script|<img|<b>/);
      const root = parseXml(svg);
      expect(root.children[0]!.text).toBe(evil);
      expect(root.children[1]!.text).toBe(`Tom's "chart" & <b>more</b>`);
      const texts = find(root, 'text').map((t) => t.text);
      expect(texts).toContain(evil); // the legend
      expect(texts).toContain(`<x a='1'>&amp;`);
      expect(texts).toContain('ok');
      expect(texts).toContain('</text><script>: 6');
      // The id is cleaned so `aria-labelledby` and `url(#…)` keep working.
      expect(root.attrs['aria-labelledby']).toMatch(/^[A-Za-z][\w-]* [A-Za-z][\w-]*$/);
    }
  });

  it('line series differ by dash pattern and marker shape, not only colour, and say so in a legend', () => {
    const root = parseXml(lineChart(base));
    const lines = seriesLines(root);
    expect(lines).toHaveLength(3);
    const dashes = lines.map((l) => l.attrs['stroke-dasharray'] ?? 'solid');
    expect(new Set(dashes).size).toBe(3);
    expect(new Set(lines.map((l) => l.attrs.stroke)).size).toBe(3);
    // Markers: circles for the first series, squares for the second, triangles (paths) for the third.
    const marks = find(root, 'g').find((g) => g.attrs.class === 'vartai-chart__marks')!;
    const byKind = (name: string, fill: string) =>
      marks.children.filter((n) => n.name === name && n.attrs.fill === fill).length;
    expect(byKind('circle', SERIES_STYLES[0]!.colour)).toBe(6);
    expect(byKind('rect', SERIES_STYLES[1]!.colour)).toBe(6);
    expect(byKind('path', SERIES_STYLES[2]!.colour)).toBe(6);
    const texts = find(root, 'text').map((t) => t.text);
    for (const s of base.series) expect(texts).toContain(s.name);
  });

  it('bar series differ by fill pattern, defined in the chart under ids of its own', () => {
    const root = parseXml(barChart({ ...base, id: 'by-branch' }));
    const marks = find(root, 'g').find((g) => g.attrs.class === 'vartai-chart__marks')!;
    const fills = new Set(marks.children.map((r) => r.attrs.fill));
    expect(fills).toEqual(
      new Set([SERIES_STYLES[0]!.colour, 'url(#by-branch-pattern-1)', 'url(#by-branch-pattern-2)']),
    );
    const patterns = find(root, 'pattern').map((p) => p.attrs.id);
    expect(patterns).toEqual(['by-branch-pattern-1', 'by-branch-pattern-2']);
    // Every bar is outlined in its series colour, so its edge keeps 3:1 even when hatched.
    for (const r of marks.children) expect(r.attrs.stroke).toMatch(/^#/);
  });

  it('colours have at least 3:1 contrast with the background, text 4.5:1', () => {
    for (const s of SERIES_STYLES) expect(contrast(s.colour, BACKGROUND)).toBeGreaterThanOrEqual(3);
    expect(contrast(INK, BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(new Set(SERIES_STYLES.map((s) => s.dash)).size).toBe(SERIES_STYLES.length);
    expect(new Set(SERIES_STYLES.map((s) => s.marker)).size).toBe(SERIES_STYLES.length);
    expect(new Set(SERIES_STYLES.map((s) => s.pattern)).size).toBe(SERIES_STYLES.length);
  });

  it('y ticks are nice, start at zero and cover the data (stacked: the sums)', () => {
    expect(yTicks(parseXml(lineChart(base)))).toEqual([0, 100, 200, 300, 400, 500]);
    expect(yTicks(parseXml(barChart({ ...base, mode: 'stacked' })))).toEqual([
      0, 100, 200, 300, 400, 500, 600,
    ]);
    const negative = { ...base, series: [series('Net change', [-30, 20, 45, -12, 8, 0])] };
    expect(yTicks(parseXml(barChart(negative)))).toEqual([-40, -20, 0, 20, 40, 60]);
  });

  it('draws the target line with its label in text, and makes room for it', () => {
    const root = parseXml(lineChart({ ...base, target: { y: 600, label: 'Legal term' } }));
    expect(find(root, 'text').map((t) => t.text)).toContain('Legal term: 600');
    expect(Math.max(...yTicks(root))).toBeGreaterThanOrEqual(600);
    expect(find(root, 'line').some((l) => l.attrs['stroke-dasharray'] === '6 3')).toBe(true);
  });

  it('says "no data" clearly when there is nothing to draw', () => {
    for (const spec of [
      { ...base, series: [] },
      { ...base, series: [{ name: 'Temporary residence', points: [] }] },
    ]) {
      const root = parseXml(barChart(spec));
      const message = find(root, 'text').filter((t) => t.attrs['data-no-data']);
      expect(message.map((t) => t.text)).toEqual(['No data']);
      expect(find(root, 'path')).toHaveLength(0);
      expect(root.children[1]!.text).toBe(base.description);
    }
    const lt = parseXml(lineChart({ ...base, lang: 'lt', series: [] }));
    expect(find(lt, 'text').map((t) => t.text)).toEqual(['Duomenų nėra']);
    const custom = parseXml(lineChart({ ...base, series: [], noDataLabel: 'Nothing in March' }));
    expect(find(custom, 'text').map((t) => t.text)).toEqual(['Nothing in March']);
  });

  it('breaks a line where a value is missing instead of drawing a zero', () => {
    const gappy: ChartSpec = {
      ...base,
      series: [
        series('All', [1, 2, 3, 4, 5, 6]),
        {
          name: 'Some',
          points: [
            { x: months[0]!, y: 2 },
            { x: months[1]!, y: 3 },
            { x: months[4]!, y: 4 },
          ],
        },
      ],
    };
    const lines = seriesLines(parseXml(lineChart(gappy)));
    expect(lines[1]!.attrs.d!.match(/M/g)).toHaveLength(2);
  });

  it('shades a forecast interval behind the mean line, outlined, with a legend entry', () => {
    const spec: BandChartSpec = {
      ...base,
      id: 'forecast',
      series: [
        series('Observed', [100, 120, 130]),
        {
          name: 'Forecast',
          points: [
            { x: months[3]!, y: 140, lower: 120, upper: 160 },
            { x: months[4]!, y: 150, lower: 122, upper: 181 },
            { x: months[5]!, y: 155, lower: 119, upper: 197 },
          ],
        },
      ],
      intervalLabel: '80 % prediction interval',
    };
    const root = parseXml(bandChart(spec));
    const areas = find(root, 'path').filter((p) => p.attrs['fill-opacity'] === '0.15');
    expect(areas).toHaveLength(1);
    expect(areas[0]!.attrs.d).toMatch(/^M.*Z$/);
    expect(find(root, 'text').map((t) => t.text)).toContain('80 % prediction interval');
    expect(Math.max(...yTicks(root))).toBeGreaterThanOrEqual(197);
    expect(() => bandChart({ ...spec, series: [series('Observed', [1, 2])] })).toThrow(
      /without an interval/,
    );
  });

  it('refuses values it cannot draw, with a stable code', () => {
    const bad = (y: number, extra = {}) => ({
      ...base,
      series: [{ name: 'A', points: [{ x: 'Q1', y, ...extra }] }],
    });
    for (const spec of [
      bad(Number.NaN),
      bad(Infinity),
      bad(5, { lower: 6, upper: 9 }),
      bad(5, { lower: 1 }),
    ]) {
      try {
        lineChart(spec);
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code).toBe('ANALYTICS_CHART_INVALID');
      }
    }
  });

  it('shortens labels that would run out of the drawing (the table keeps them whole)', () => {
    const long = 'Leidimas laikinai gyventi Lietuvos Respublikoje '.repeat(4);
    const spec = { ...base, yLabel: long, xLabel: long, series: [series(long, [1, 2])] };
    const texts = find(parseXml(barChart(spec)), 'text').map((t) => t.text);
    const cut = texts.filter((t) => t.endsWith('…'));
    expect(cut).toHaveLength(3); // legend, x axis title, y axis title
    for (const t of cut) expect(t.length).toBeLessThan(75);
    expect(tableFor(spec).head[1]).toBe(long);
  });

  it('thins x labels that would overlap', () => {
    const weeks = Array.from({ length: 52 }, (_, i) => ({
      x: `2027-W${String(i + 1).padStart(2, '0')}`,
      y: i,
    }));
    const root = parseXml(lineChart({ ...base, series: [{ name: 'Weekly', points: weeks }] }));
    const xLabels = find(root, 'text').filter((t) => t.text.startsWith('2027-W'));
    expect(xLabels.length).toBeGreaterThan(4);
    expect(xLabels.length).toBeLessThan(20);
  });
});

describe('the table beside the chart', () => {
  it('has the same numbers, formatted for the language, gaps empty, the target as a note', () => {
    const spec: LineChartSpec = {
      ...base,
      lang: 'lt',
      series: [
        series('Laikinas', [1200, 1800.5]),
        { name: 'Prognozė', points: [{ x: months[1]!, y: 2000, lower: 1500, upper: 2500 }] },
      ],
      target: { y: 90, label: 'Terminas' },
      formatX: (x) => `M${x.slice(5)}`,
    };
    const table = tableFor(spec);
    expect(table.caption).toBe(base.title);
    expect(table.head).toEqual([
      'Month',
      'Laikinas',
      'Prognozė',
      'Prognozė: apatinė riba',
      'Prognozė: viršutinė riba',
    ]);
    const nbsp = (s: string) => s.replace(/\s/g, ' ');
    expect(table.rows.map((r) => r.map(nbsp))).toEqual([
      ['M01', '1 200', '', '', ''],
      ['M02', '1 800,5', '2 000', '1 500', '2 500'],
    ]);
    expect(table.note).toBe('Terminas: 90');
    expect(csvRowsFor(spec)).toEqual({
      head: table.head,
      rows: [
        ['2027-01', 1200, null, null, null],
        ['2027-02', 1800.5, 2000, 1500, 2500],
      ],
    });
    const figure = chartFigure(lineChart(spec), spec);
    expect(figure).toMatchObject({ id: 'intake', title: base.title, table });
  });

  it('uses the caller’s number format', () => {
    const table = tableFor({ ...base, format: (n) => `${n} d.` });
    expect(table.rows[0]).toEqual(['2027-01', '120 d.', '40 d.', '10 d.']);
  });
});

describe('summarise', () => {
  it('gives the numbers a description is written from', () => {
    expect(summarise(base.series[0]!)).toMatchObject({
      count: 6,
      min: { x: '2027-01', y: 120 },
      max: { x: '2027-06', y: 410 },
      trend: 'up',
    });
    expect(summarise(series('x', [100, 50, 102]))!.trend).toBe('flat');
    expect(summarise(series('x', [100, 50, 80]))!.trend).toBe('down');
    expect(summarise({ name: 'x', points: [] })).toBeNull();
  });
});
