// Shared pieces of the server-rendered SVG charts: escaping, number formatting, ids, palettes,
// fill patterns for suppressed and missing values, marker shapes and the legend.
//
// Everything here returns markup strings. Text from data (area names, labels, titles) goes
// through escapeXml; numbers through fmt/formatNumber. Styling uses presentation attributes
// only (fill, stroke, font-size …), never `style` attributes or <style> elements, so the charts
// look right with no stylesheet (print, saved files) and pass a `style-src 'self'` CSP when
// inlined in a page. CSS in /public/clmd-charts.css only refines them.

/** GOV.UK Design System colours used for text, rules and backgrounds. */
export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#505a5f',
  border: '#b1b4b6',
  lightGrey: '#f3f2f1',
  midGrey: '#cecece',
  white: '#ffffff',
  focus: '#ffdd00',
} as const;

/** Smallest font size used anywhere in a chart (user units = CSS px at 100% scale). */
export const MIN_FONT_SIZE = 12;
export const FONT_SIZE = 14;
export const FONT_FAMILY = 'arial, sans-serif';

/** Escapes text and attribute values for XML; drops characters XML does not allow. */
export function escapeXml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return (
    text
      // eslint-disable-next-line no-control-regex -- the point is to remove control characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** A coordinate or length rounded to one decimal place, without "-0" or trailing zeros. */
export function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r === 0 ? '0' : String(r);
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** A number for people: en-GB grouping, a fixed number of decimals (default: as many as needed up to 3). */
export function formatNumber(n: number, decimals?: number): string {
  const key = decimals ?? -1;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      'en-GB',
      decimals === undefined
        ? { maximumFractionDigits: 3 }
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
    );
    numberFormats.set(key, f);
  }
  const text = f.format(n);
  return text === '-0' || /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

/** Decimals needed to show multiples of `step` exactly (0.25 → 2, 5 → 0). */
export function decimalsFor(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  for (let d = 0; d < 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 10;
}

/** A safe element id: letters, digits, "-" and "_", starting with a letter. */
export function sanitiseId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-').replace(/-+/g, '-');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/** A stable id for a chart: the caller's, or one derived from its kind and title. */
export function chartId(kind: string, explicit: string | undefined, seed: string): string {
  if (explicit) return sanitiseId(explicit);
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `clmd-chart-${kind}-${h.toString(36)}`;
}

/** The fields every chart takes for its accessible name and description. */
export interface ChartText {
  /** Short accessible name (read first by screen readers, shown as the tooltip of the whole chart). */
  title: string;
  /** What the chart shows, in a sentence or two; the table beside it has the figures. */
  description: string;
  /** Unique on the page: prefixes the ids of title, desc and patterns. Derived from the title if absent. */
  id?: string;
}

/** The outer <svg> with its <title>, <desc> and optional <defs>. */
export function svgDocument(options: {
  id: string;
  kind: string;
  width: number;
  height: number;
  title: string;
  description: string;
  defs?: string;
  body: string;
}): string {
  const { id, kind, width, height } = options;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="clmd-chart clmd-chart--${kind}" id="${id}"` +
    ` viewBox="0 0 ${fmt(width)} ${fmt(height)}" role="img" aria-labelledby="${id}-title ${id}-desc"` +
    ` font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}">` +
    `<title id="${id}-title">${escapeXml(options.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(options.description)}</desc>` +
    (options.defs ? `<defs>${options.defs}</defs>` : '') +
    options.body +
    `</svg>`
  );
}

// ---------------------------------------------------------------------------------------------
// Colour
// ---------------------------------------------------------------------------------------------

/**
 * Sequential palettes, light to dark, by number of classes. ColorBrewer Blues and YlGnBu (both
 * colour-blind safe and print friendly) and viridis (perceptually uniform, colour-blind safe).
 */
export const SEQUENTIAL_PALETTES = {
  blues: {
    3: ['#deebf7', '#9ecae1', '#3182bd'],
    4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
    5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
    6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
    7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    8: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
    9: ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'],
  },
  ylgnbu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    9: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
  },
  viridis: {
    3: ['#fde725', '#21918c', '#440154'],
    4: ['#fde725', '#35b779', '#31688e', '#440154'],
    5: ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'],
    6: ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154'],
    7: ['#fde725', '#8fd744', '#35b779', '#21918c', '#31688e', '#443983', '#440154'],
  },
} as const satisfies Record<string, Record<number, readonly string[]>>;

export type SequentialPalette = keyof typeof SEQUENTIAL_PALETTES;

/** `count` colours (1–9, 1–7 for viridis) from a sequential palette, light to dark. */
export function sequentialColours(palette: SequentialPalette, count: number): string[] {
  const table: Record<number, readonly string[] | undefined> = SEQUENTIAL_PALETTES[palette];
  if (count === 1 || count === 2) {
    const three = table[3] ?? [];
    return (count === 1 ? [three[1]] : [three[0], three[2]]).filter((c): c is string => !!c);
  }
  const colours = table[count];
  if (!colours) throw new RangeError(`The ${palette} palette has no ${count}-class version`);
  return [...colours];
}

/**
 * Categorical colours: the Analysis Function's colour-blind-tested palette (dark blue, turquoise,
 * dark pink, orange, dark grey, light purple), then two further Okabe–Ito colours.
 */
export const CATEGORICAL_COLOURS = [
  '#12436d',
  '#28a197',
  '#801650',
  '#f46a25',
  '#3d3d3d',
  '#a285d1',
  '#0072b2',
  '#e69f00',
] as const;

export function categoricalColour(index: number): string {
  return CATEGORICAL_COLOURS[index % CATEGORICAL_COLOURS.length] ?? COLOURS.text;
}

/** Relative luminance of a #rgb / #rrggbb colour (WCAG 2). */
export function luminance(hex: string): number {
  let h = hex.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const channel = (i: number): number => {
    const v = parseInt(h.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  if (!/^[0-9a-fA-F]{6}$/.test(h)) return 1;
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Black or white text, whichever contrasts more with the background. */
export function textColourOn(background: string): string {
  const l = luminance(background);
  const onBlack = (l + 0.05) / 0.05;
  const onWhite = 1.05 / (l + 0.05);
  return onBlack >= onWhite ? COLOURS.text : COLOURS.white;
}

// ---------------------------------------------------------------------------------------------
// Patterns for suppressed and missing values
// ---------------------------------------------------------------------------------------------

export interface PatternIds {
  suppressed: string;
  noData: string;
}

export function patternIds(id: string): PatternIds {
  return { suppressed: `${id}-suppressed`, noData: `${id}-no-data` };
}

/**
 * Two patterns: diagonal hatching for suppressed values ([c]) and a dotted fill for no data.
 * Both are grey, so they cannot be mistaken for a colour class, and they differ from each other
 * by texture, not colour.
 */
export function patternDefs(ids: PatternIds): string {
  return (
    `<pattern id="${ids.suppressed}" class="clmd-chart-pattern-suppressed" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${COLOURS.lightGrey}"/>` +
    `<line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS.secondaryText}" stroke-width="2"/>` +
    `</pattern>` +
    `<pattern id="${ids.noData}" class="clmd-chart-pattern-no-data" patternUnits="userSpaceOnUse" width="6" height="6">` +
    `<rect width="6" height="6" fill="${COLOURS.white}"/>` +
    `<circle cx="3" cy="3" r="1.1" fill="${COLOURS.secondaryText}"/>` +
    `</pattern>`
  );
}

// ---------------------------------------------------------------------------------------------
// Markers
// ---------------------------------------------------------------------------------------------

export type MarkerShape = 'circle' | 'square' | 'triangle-up' | 'triangle-down' | 'diamond';

export const MARKER_SHAPES: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle-up',
  'diamond',
  'triangle-down',
];

/**
 * A marker of about `size` px across centred on (x, y). The caller adds attributes (fill,
 * stroke …) and optional content such as a <title>.
 */
export function markerElement(
  shape: MarkerShape,
  x: number,
  y: number,
  size: number,
  attributes: string,
  content = '',
): string {
  const r = size / 2;
  const close = (tag: string, geometry: string): string =>
    content ? `<${tag} ${geometry}${attributes}>${content}</${tag}>` : `<${tag} ${geometry}${attributes}/>`;
  const path = (points: [number, number][]): string =>
    close('path', `d="M${points.map(([px, py]) => `${fmt(px)} ${fmt(py)}`).join('L')}Z"`);
  switch (shape) {
    case 'circle':
      return close('circle', `cx="${fmt(x)}" cy="${fmt(y)}" r="${fmt(r)}"`);
    case 'square':
      return close(
        'rect',
        `x="${fmt(x - r * 0.9)}" y="${fmt(y - r * 0.9)}" width="${fmt(r * 1.8)}" height="${fmt(r * 1.8)}"`,
      );
    case 'triangle-up':
      return path([
        [x, y - r * 1.15],
        [x + r * 1.1, y + r * 0.75],
        [x - r * 1.1, y + r * 0.75],
      ]);
    case 'triangle-down':
      return path([
        [x, y + r * 1.15],
        [x + r * 1.1, y - r * 0.75],
        [x - r * 1.1, y - r * 0.75],
      ]);
    case 'diamond':
      return path([
        [x, y - r * 1.2],
        [x + r * 1.2, y],
        [x, y + r * 1.2],
        [x - r * 1.2, y],
      ]);
  }
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/** A rough width of text in Arial at the given size; enough for layout and wrapping. */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    if (/[il.,:;'|![\]()]/.test(ch)) units += 0.3;
    else if (/[mwMW@%]/.test(ch)) units += 0.85;
    else if (/[A-Z0-9]/.test(ch)) units += 0.65;
    else if (ch === ' ') units += 0.28;
    else units += 0.55;
  }
  return units * fontSize;
}

/** Greedy word wrap to lines no wider than maxWidth (a single long word stays whole). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A <text> element with one <tspan> per line. */
export function textLines(
  lines: readonly string[],
  x: number,
  y: number,
  options: { fontSize?: number; lineHeight?: number; attributes?: string } = {},
): string {
  const fontSize = options.fontSize ?? FONT_SIZE;
  const lineHeight = options.lineHeight ?? Math.round(fontSize * 1.25);
  const sizeAttr = fontSize === FONT_SIZE ? '' : ` font-size="${fontSize}"`;
  if (lines.length === 1) {
    return `<text x="${fmt(x)}" y="${fmt(y)}"${sizeAttr}${options.attributes ?? ''}>${escapeXml(lines[0])}</text>`;
  }
  const spans = lines
    .map(
      (line, i) =>
        `<tspan x="${fmt(x)}" ${i === 0 ? `y="${fmt(y)}"` : `dy="${lineHeight}"`}>${escapeXml(line)}</tspan>`,
    )
    .join('');
  return `<text${sizeAttr}${options.attributes ?? ''}>${spans}</text>`;
}

/** Attributes that give text a halo in `colour` so it stays legible over lines and fills. */
export function haloAttributes(colour: string = COLOURS.white, width = 3): string {
  return ` paint-order="stroke" stroke="${colour}" stroke-width="${width}" stroke-linejoin="round"`;
}

// ---------------------------------------------------------------------------------------------
// Legend
// ---------------------------------------------------------------------------------------------

export type Swatch =
  | { kind: 'fill'; fill: string; stroke?: string }
  | { kind: 'line'; stroke: string; width?: number; dash?: string; marker?: MarkerShape; markerFill?: string }
  | { kind: 'marker'; shape: MarkerShape; fill: string; stroke: string; size?: number }
  | { kind: 'band'; fill: string; opacity: number; stroke?: string };

export interface LegendEntry {
  label: string;
  swatch: Swatch;
  /** Written as data-legend, so tests and scripts can find an entry. */
  key?: string;
}

export interface RenderedBlock {
  svg: string;
  width: number;
  height: number;
}

const SWATCH_W = 28;
const SWATCH_H = 16;
const ENTRY_GAP = 8;

function swatchSvg(s: Swatch, x: number, y: number): string {
  const cy = y + SWATCH_H / 2;
  switch (s.kind) {
    case 'fill':
      return `<rect x="${fmt(x)}" y="${fmt(y)}" width="${SWATCH_W}" height="${SWATCH_H}" fill="${s.fill}" stroke="${s.stroke ?? COLOURS.secondaryText}" stroke-width="1"/>`;
    case 'band':
      return (
        `<rect x="${fmt(x)}" y="${fmt(y + 2)}" width="${SWATCH_W}" height="${SWATCH_H - 4}" fill="${s.fill}" fill-opacity="${s.opacity}"/>` +
        (s.stroke
          ? `<rect x="${fmt(x)}" y="${fmt(y + 2)}" width="${SWATCH_W}" height="${SWATCH_H - 4}" fill="none" stroke="${s.stroke}" stroke-width="1"/>`
          : '')
      );
    case 'line': {
      const line = `<line x1="${fmt(x)}" y1="${fmt(cy)}" x2="${fmt(x + SWATCH_W)}" y2="${fmt(cy)}" stroke="${s.stroke}" stroke-width="${s.width ?? 2.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
      const marker = s.marker
        ? markerElement(
            s.marker,
            x + SWATCH_W / 2,
            cy,
            9,
            ` fill="${s.markerFill ?? s.stroke}" stroke="${s.stroke}" stroke-width="1.5"`,
          )
        : '';
      return line + marker;
    }
    case 'marker':
      return markerElement(
        s.shape,
        x + SWATCH_W / 2,
        cy,
        s.size ?? 10,
        ` fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"`,
      );
  }
}

/**
 * A legend: an optional title, then one entry per line (vertical) or entries flowing in rows
 * (horizontal), each a swatch and a label wrapped to the width given.
 */
export function renderLegend(
  entries: readonly LegendEntry[],
  options: { x: number; y: number; width: number; title?: string; layout?: 'vertical' | 'horizontal' },
): RenderedBlock {
  const { x, y, width } = options;
  const layout = options.layout ?? 'vertical';
  const parts: string[] = [];
  let cy = y;
  if (options.title) {
    const lines = wrapText(options.title, width, FONT_SIZE);
    parts.push(
      textLines(lines, x, cy + FONT_SIZE, {
        attributes: ' font-weight="bold" class="clmd-chart-legend__title"',
      }),
    );
    cy += lines.length * Math.round(FONT_SIZE * 1.25) + 6;
  }
  const labelX = SWATCH_W + 8;
  const item = (entry: LegendEntry, ix: number, iy: number, lines: readonly string[]): string =>
    `<g class="clmd-chart-legend__item"${entry.key ? ` data-legend="${escapeXml(entry.key)}"` : ''}>` +
    swatchSvg(entry.swatch, ix, iy) +
    textLines(lines, ix + labelX, iy + 12.5) +
    `</g>`;
  if (layout === 'vertical') {
    for (const entry of entries) {
      const lines = wrapText(entry.label, width - labelX, FONT_SIZE);
      const h = Math.max(SWATCH_H, lines.length * Math.round(FONT_SIZE * 1.25));
      parts.push(item(entry, x, cy, lines));
      cy += h + ENTRY_GAP;
    }
    return { svg: `<g class="clmd-chart-legend">${parts.join('')}</g>`, width, height: cy - y - ENTRY_GAP };
  }
  let cx = x;
  const rowHeight = SWATCH_H + ENTRY_GAP;
  for (const entry of entries) {
    const w = labelX + textWidth(entry.label, FONT_SIZE) + 20;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += rowHeight;
    }
    parts.push(item(entry, cx, cy, [entry.label]));
    cx += w;
  }
  return { svg: `<g class="clmd-chart-legend">${parts.join('')}</g>`, width, height: cy + SWATCH_H - y };
}

/** Small print under a chart (source, attribution), wrapped to the width. */
export function renderNote(text: string, x: number, y: number, width: number): RenderedBlock {
  const lines = wrapText(text, width, MIN_FONT_SIZE);
  return {
    svg: textLines(lines, x, y + MIN_FONT_SIZE, {
      fontSize: MIN_FONT_SIZE,
      lineHeight: 15,
      attributes: ` fill="${COLOURS.secondaryText}" class="clmd-chart-note"`,
    }),
    width,
    height: lines.length * 15,
  };
}

/** The margin of a chart's foot (legend and note) on each side, and the gap after each block. */
const FOOT_PAD = 8;

/**
 * A legend flowing in rows across the chart from `y`, as most charts have under the plot; nothing
 * when there are no entries. `bottom` is where the next block starts.
 */
function legendBelow(
  entries: readonly LegendEntry[],
  y: number,
  width: number,
): { svg: string; bottom: number } {
  if (!entries.length) return { svg: '', bottom: y };
  const legend = renderLegend(entries, {
    x: FOOT_PAD,
    y,
    width: width - 2 * FOOT_PAD,
    layout: 'horizontal',
  });
  return { svg: legend.svg, bottom: y + legend.height + FOOT_PAD };
}

/** The chart's note (source, attribution) across the chart from `y`; nothing without one. `bottom` is the chart's height. */
export function noteBelow(
  text: string | undefined,
  y: number,
  width: number,
): { svg: string; bottom: number } {
  if (!text) return { svg: '', bottom: y };
  const block = renderNote(text, FOOT_PAD, y, width - 2 * FOOT_PAD);
  return { svg: block.svg, bottom: y + block.height + FOOT_PAD };
}

/**
 * A chart with its legend flowing in rows under the drawing (from `footTop`) and its note under that:
 * the whole <svg>, as tall as they need.
 */
export function chartWithFoot(options: {
  id: string;
  kind: string;
  width: number;
  text: ChartText;
  defs?: string;
  body: string;
  footTop: number;
  entries: readonly LegendEntry[];
  note?: string;
}): string {
  const legend = legendBelow(options.entries, options.footTop, options.width);
  const note = noteBelow(options.note, legend.bottom, options.width);
  return svgDocument({
    id: options.id,
    kind: options.kind,
    width: options.width,
    height: note.bottom,
    title: options.text.title,
    description: options.text.description,
    ...(options.defs ? { defs: options.defs } : {}),
    body: options.body + legend.svg + note.svg,
  });
}
