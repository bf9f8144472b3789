/**
 * How series look. Colour is never the only difference (WCAG 1.4.1): each series also has its own
 * dash pattern and marker shape (lines) or fill pattern (bars), and the legend repeats them next
 * to the series name in text. Every colour has at least 3:1 contrast against the white background
 * (WCAG 1.4.11; checked in the tests).
 */
export const BACKGROUND = '#ffffff';
export const INK = '#0b0c0c';
export const AXIS = '#505a5f';
/** Gridlines are decorative (the tick labels carry the values), so they may be faint. */
export const GRID = '#d9dbdc';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'plus';
export type FillPattern = 'solid' | 'hatch' | 'dots' | 'crosshatch' | 'horizontal' | 'backhatch';

export interface SeriesStyle {
  colour: string;
  /** `stroke-dasharray`; '' is a solid line. */
  dash: string;
  marker: MarkerShape;
  pattern: FillPattern;
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: '#1d70b8', dash: '', marker: 'circle', pattern: 'solid' },
  { colour: '#d4351c', dash: '8 4', marker: 'square', pattern: 'hatch' },
  { colour: '#00703c', dash: '2 3', marker: 'triangle', pattern: 'dots' },
  { colour: '#4c2c92', dash: '12 4 2 4', marker: 'diamond', pattern: 'crosshatch' },
  { colour: '#912b88', dash: '4 4', marker: 'cross', pattern: 'horizontal' },
  { colour: '#594d00', dash: '1 5', marker: 'plus', pattern: 'backhatch' },
];

/** The style of the i-th series; past six the styles repeat, so keep charts to six series. */
export function styleOf(index: number): SeriesStyle {
  return SERIES_STYLES[index % SERIES_STYLES.length]!;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** A marker at (x, y), about 9px across, outlined so it stands out on its own line and others'. */
export function marker(shape: MarkerShape, x: number, y: number, colour: string): string {
  const s = 4.5;
  const [cx, cy] = [r2(x), r2(y)];
  const filled = `fill="${colour}" stroke="${BACKGROUND}" stroke-width="1"`;
  const stroked = `fill="none" stroke="${colour}" stroke-width="2.5"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="${s}" ${filled}/>`;
    case 'square':
      return `<rect x="${r2(cx - s)}" y="${r2(cy - s)}" width="${2 * s}" height="${2 * s}" ${filled}/>`;
    case 'triangle':
      return `<path d="M${cx} ${r2(cy - s - 1)}L${r2(cx + s + 1)} ${r2(cy + s)}L${r2(cx - s - 1)} ${r2(cy + s)}Z" ${filled}/>`;
    case 'diamond':
      return `<path d="M${cx} ${r2(cy - s - 1)}L${r2(cx + s + 1)} ${cy}L${cx} ${r2(cy + s + 1)}L${r2(cx - s - 1)} ${cy}Z" ${filled}/>`;
    case 'cross':
      return `<path d="M${r2(cx - s)} ${r2(cy - s)}L${r2(cx + s)} ${r2(cy + s)}M${r2(cx - s)} ${r2(cy + s)}L${r2(cx + s)} ${r2(cy - s)}" ${stroked}/>`;
    case 'plus':
      return `<path d="M${r2(cx - s)} ${cy}L${r2(cx + s)} ${cy}M${cx} ${r2(cy - s)}L${cx} ${r2(cy + s)}" ${stroked}/>`;
  }
}

/** A `<pattern>` (inside `<defs>`) filling bars of one series; `solid` needs none. */
export function patternDef(id: string, pattern: FillPattern, colour: string): string {
  if (pattern === 'solid') return '';
  const lines: Record<Exclude<FillPattern, 'solid'>, string> = {
    hatch: `<path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="${colour}" stroke-width="2"/>`,
    backhatch: `<path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke="${colour}" stroke-width="2"/>`,
    crosshatch: `<path d="M0 8L8 0M0 0L8 8" stroke="${colour}" stroke-width="1.5"/>`,
    horizontal: `<path d="M0 2H8M0 6H8" stroke="${colour}" stroke-width="2"/>`,
    dots: `<circle cx="4" cy="4" r="2" fill="${colour}"/>`,
  };
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="8" height="8">` +
    `<rect width="8" height="8" fill="${BACKGROUND}"/>${lines[pattern]}</pattern>`
  );
}

/** The `fill` of a bar: the colour itself, or its pattern. */
export function barFill(id: string, style: SeriesStyle): string {
  return style.pattern === 'solid' ? style.colour : `url(#${id})`;
}
