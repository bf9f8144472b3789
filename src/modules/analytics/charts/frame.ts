import { chartErrors } from './errors';
import { escapeXml, safeId } from './escape';
import { AXIS, BACKGROUND, GRID, INK } from './palette';
import { NO_DATA, type ChartSpec } from './spec';
import { niceTicks, type Ticks } from './ticks';

/**
 * What every chart shares: the categories on the x axis, the y scale with nice ticks, the legend,
 * the axes, the target line and the `<svg>` element with its title and description. The chart
 * kinds (line.ts, bar.ts) draw only their marks inside the plot area.
 */

/** The drawing is 640×360 units; the `viewBox` makes it scale to its container. */
export const WIDTH = 640;
export const HEIGHT = 360;
/** Text is 14 units (never under 12, WCAG-friendly at full width). */
export const FONT = 14;
/** An estimate of a character's width at FONT (no text measuring on the server). */
const CHAR = 8;
const LEGEND_ROW = 22;
const SWATCH = 28;
/** Longer x labels are shortened on the axis; the table beside the chart has them in full. */
const MAX_X_LABEL = 16;

export const r2 = (v: number) => Math.round(v * 100) / 100;

export interface LegendItem {
  name: string;
  /** The sample drawn in a SWATCH×14 box whose top-left corner is (x, y). */
  swatch: (x: number, y: number) => string;
}

export interface Frame {
  ids: { base: string; title: string; desc: string };
  format: (n: number) => string;
  categories: string[];
  empty: boolean;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: Ticks;
  /** The y coordinate of a value. */
  y: (v: number) => number;
  /** The x coordinate of the i-th category: the centre of its band. */
  x: (i: number) => number;
  /** The width of one category's band (bar charts). */
  band: number;
}

/** The categories in order of first appearance; every value checked to be drawable. */
export function categoriesOf(spec: ChartSpec): string[] {
  const seen = new Set<string>();
  for (const s of spec.series) {
    for (const p of s.points) {
      const values = [p.y, p.lower, p.upper].filter((v) => v !== undefined);
      if (values.some((v) => !Number.isFinite(v))) {
        throw chartErrors.invalid(s.name, p.x, 'not a finite number');
      }
      if ((p.lower === undefined) !== (p.upper === undefined)) {
        throw chartErrors.invalid(s.name, p.x, 'an interval needs both bounds');
      }
      if ((p.lower !== undefined && p.lower > p.y) || (p.upper !== undefined && p.upper < p.y)) {
        throw chartErrors.invalid(s.name, p.x, 'the interval does not contain the value');
      }
      seen.add(p.x);
    }
  }
  return [...seen];
}

export function defaultFormat(spec: ChartSpec): (n: number) => string {
  if (spec.format) return spec.format;
  const nf = new Intl.NumberFormat(spec.lang, { maximumFractionDigits: 2 });
  return (n) => nf.format(n);
}

/**
 * Lays out the chart around the values its marks will need (`extent`), with room for the y tick
 * labels, the legend rows above the plot and the x labels below it.
 */
export function layout(
  spec: ChartSpec,
  categories: string[],
  extent: number[],
  legend: LegendItem[],
): Frame {
  const base = safeId(spec.id);
  const format = defaultFormat(spec);
  const empty = categories.length === 0;
  const values = [...extent, ...(spec.target ? [spec.target.y] : [])];
  if (spec.yFromZero !== false || values.length === 0) values.push(0);
  const integer = values.every(Number.isInteger);
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 5, integer);

  const labelWidth = Math.max(...ticks.values.map((v) => format(v).length)) * CHAR;
  const left = empty ? 24 : 8 + FONT + 10 + labelWidth + 8;
  const right = WIDTH - 16;
  const legendRows = empty ? 0 : legendLayout(legend, left, right).rows;
  const top = 12 + legendRows * LEGEND_ROW + (spec.target ? 12 : 6);
  const bottom = HEIGHT - (empty ? 24 : 8 + FONT + 12 + FONT + 10);

  const span = ticks.max - ticks.min;
  const y = (v: number) => r2(bottom - ((v - ticks.min) / span) * (bottom - top));
  const n = Math.max(1, categories.length);
  const band = (right - left) / n;
  // Lines too are placed at band centres: their first and last labels then stay inside the
  // drawing, and a marker never sits on the axis.
  const x = (i: number) => r2(left + band * (i + 0.5));
  return {
    ids: { base, title: `${base}-title`, desc: `${base}-desc` },
    format,
    categories,
    empty,
    plot: { left, top, right, bottom },
    ticks,
    y,
    x,
    band,
  };
}

function legendLayout(items: LegendItem[], left: number, right: number) {
  const placed: { item: LegendItem; text: string; x: number; row: number }[] = [];
  const fits = Math.floor((right - left - SWATCH - 6) / CHAR);
  let x = left;
  let row = 0;
  for (const item of items) {
    const text = shorten(item.name, fits);
    const width = SWATCH + 6 + [...text].length * CHAR + 18;
    if (x + width > right && x > left) {
      row += 1;
      x = left;
    }
    placed.push({ item, text, x, row });
    x += width;
  }
  return { placed, rows: items.length === 0 ? 0 : row + 1 };
}

function legendSvg(frame: Frame, items: LegendItem[]): string {
  const { placed } = legendLayout(items, frame.plot.left, frame.plot.right);
  return placed
    .map(({ item, text, x, row }) => {
      const top = 12 + row * LEGEND_ROW;
      return (
        item.swatch(x, top) +
        `<text x="${x + SWATCH + 6}" y="${top + 12}" fill="${INK}">${escapeXml(text)}</text>`
      );
    })
    .join('');
}

function axesSvg(frame: Frame, spec: ChartSpec): string {
  const { left, right, top, bottom } = frame.plot;
  const parts: string[] = [];
  for (const v of frame.ticks.values) {
    const y = frame.y(v);
    parts.push(
      `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="${v === 0 ? AXIS : GRID}" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${r2(y + 5)}" text-anchor="end" fill="${INK}">${escapeXml(frame.format(v))}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`,
    `<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="${AXIS}" stroke-width="1"/>`,
  );

  // Thin out x labels that would overlap: every k-th one, k from the longest label.
  const formatX = spec.formatX ?? ((x: string) => x);
  const labels = frame.categories.map((c) => shorten(formatX(c)));
  const longest = Math.max(1, ...labels.map((l) => l.length));
  const slot = frame.categories.length > 1 ? frame.x(1) - frame.x(0) : right - left;
  const every = Math.max(1, Math.ceil((longest * CHAR + 10) / slot));
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const x = frame.x(i);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 5}" stroke="${AXIS}" stroke-width="1"/>`,
      `<text x="${x}" y="${bottom + 8 + FONT}" text-anchor="middle" fill="${INK}">${escapeXml(label)}</text>`,
    );
  });

  const middle = r2((top + bottom) / 2);
  parts.push(
    `<text x="${r2((left + right) / 2)}" y="${HEIGHT - 8}" text-anchor="middle" fill="${INK}">${escapeXml(shorten(spec.xLabel, Math.floor((right - left) / CHAR)))}</text>`,
    `<text transform="translate(${8 + FONT} ${middle}) rotate(-90)" text-anchor="middle" fill="${INK}">${escapeXml(shorten(spec.yLabel, Math.floor((bottom - top) / CHAR)))}</text>`,
  );
  return parts.join('');
}

/** A label cut to `max` characters with an ellipsis (the table and description have it whole). */
function shorten(label: string, max = MAX_X_LABEL): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** The target (e.g. the legal term): a dark dashed line, labelled in text at its right end. */
function targetSvg(frame: Frame, spec: ChartSpec): string {
  if (!spec.target) return '';
  const y = frame.y(spec.target.y);
  const { left, right } = frame.plot;
  const label = `${spec.target.label}: ${frame.format(spec.target.y)}`;
  return (
    `<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="${INK}" stroke-width="2" stroke-dasharray="6 3"/>` +
    `<text x="${right}" y="${r2(y - 5)}" text-anchor="end" fill="${INK}" stroke="${BACKGROUND}" stroke-width="4" paint-order="stroke" stroke-linejoin="round">${escapeXml(label)}</text>`
  );
}

/** The `<svg>` element: accessible name and description first, then the chart or "no data". */
export function svgDocument(
  frame: Frame,
  spec: ChartSpec,
  parts: { defs?: string; marks: string; legend: LegendItem[] },
): string {
  const { ids } = frame;
  const head =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" ` +
    `class="vartai-chart" role="img" aria-labelledby="${ids.title} ${ids.desc}" ` +
    `focusable="false" font-size="${FONT}" data-chart="${escapeXml(ids.base)}">` +
    `<title id="${ids.title}">${escapeXml(spec.title)}</title>` +
    `<desc id="${ids.desc}">${escapeXml(spec.description)}</desc>` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${BACKGROUND}"/>`;
  if (frame.empty) {
    const { left, right, top, bottom } = frame.plot;
    return (
      head +
      `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="${AXIS}" stroke-width="1" stroke-dasharray="4 4"/>` +
      `<text x="${WIDTH / 2}" y="${HEIGHT / 2 + 6}" text-anchor="middle" font-size="18" fill="${INK}" data-no-data="true">${escapeXml(spec.noDataLabel ?? NO_DATA[spec.lang])}</text>` +
      `</svg>`
    );
  }
  return (
    head +
    (parts.defs ? `<defs>${parts.defs}</defs>` : '') +
    axesSvg(frame, spec) +
    `<g class="vartai-chart__marks">${parts.marks}</g>` +
    targetSvg(frame, spec) +
    legendSvg(frame, parts.legend) +
    `</svg>`
  );
}
