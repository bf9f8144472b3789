import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { addFilters } from '../../../platform/views';
import { barChart, chartFigure, type BarChartSpec } from './index';
import { parseXml } from './test-support';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([
    path.join(ROOT, 'src'),
    path.join(ROOT, 'node_modules', 'govuk-frontend', 'dist'),
  ]),
  { autoescape: true, trimBlocks: true, lstripBlocks: true },
);
addFilters(env);

const render = (figure: unknown, options: unknown = {}) =>
  env.renderString(
    '{% from "modules/analytics/views/charts/chart.njk" import chart %}{{ chart(figure, options) }}',
    { figure, options },
  );

const spec: BarChartSpec = {
  id: 'intake-branch',
  title: 'Intake by branch <script>x</script>',
  description: 'Vilnius has the most.',
  series: [
    {
      name: 'Portal',
      points: [
        { x: 'Vilnius', y: 1200 },
        { x: 'Kaunas', y: 300 },
      ],
    },
    { name: 'Branch', points: [{ x: 'Vilnius', y: 80 }] },
  ],
  xLabel: 'Branch',
  yLabel: 'Applications',
  lang: 'en',
  target: { y: 1000, label: 'Capacity' },
};

describe('chart.njk', () => {
  it('renders a figure: caption, the SVG intact, and the same data in a govuk table', () => {
    const html = render(chartFigure(barChart(spec), spec), {
      download: { href: '/workbench/analytics/intake.csv?branch=v&x=1', text: 'Download CSV' },
    });
    expect(html).toContain('<figure class="vartai-chart-figure');
    expect(html).toContain('data-testid="chart-intake-branch"');
    expect(html).toMatch(
      /<figcaption[^>]*>Intake by branch &lt;script&gt;x&lt;\/script&gt;<\/figcaption>/,
    );
    expect(html).not.toContain('<script>');
    // The SVG comes through unescaped and still well-formed.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(parseXml(svg).attrs.role).toBe('img');
    // The table: a visually hidden caption, headers, numeric cells, the empty gap.
    expect(html).toContain('govuk-table__caption govuk-visually-hidden');
    expect(html).toMatch(
      /<th scope="col" class="govuk-table__header govuk-table__header--numeric">\s*Portal\s*<\/th>/,
    );
    expect(html).toMatch(/<th scope="row" class="govuk-table__header">\s*Kaunas\s*<\/th>/);
    expect(html).toMatch(/govuk-table__cell--numeric">\s*1,200\s*</);
    expect(html).toContain('<p class="govuk-body-s">Capacity: 1,000</p>');
    expect(html).toContain(
      'href="/workbench/analytics/intake.csv?branch=v&amp;x=1" download>Download CSV</a>',
    );
  });

  it('puts the table under the chart when asked, and no link without one', () => {
    const html = render(chartFigure(barChart(spec), spec), { beside: false });
    expect(html).not.toContain('govuk-grid-column-one-third');
    expect(html).not.toContain('download>');
  });
});
