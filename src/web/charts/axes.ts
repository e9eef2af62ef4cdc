// Linear scales, "nice" tick values and axis drawing for the x/y charts.
import { COLOURS, decimalsFor, escapeXml, fmt, formatNumber, textLines, textWidth, wrapText } from './svg.ts';

export interface NiceTicks {
  /** The domain widened to whole steps. */
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Decimals needed to print every tick exactly. */
  decimals: number;
}

/**
 * About `count` evenly spaced round tick values (steps of 1, 2 or 5 × 10ⁿ) covering [min, max],
 * the domain widened to whole steps. With `integer`, the step is at least 1 (for counts).
 */
export function niceTicks(
  min: number,
  max: number,
  count = 5,
  options: { integer?: boolean } = {},
): NiceTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new RangeError('niceTicks needs finite bounds');
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    if (min === 0) max = 1;
    else if (min > 0) min = 0;
    else max = 0;
  }
  const raw = (max - min) / Math.max(1, count);
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  let step = factor * 10 ** power;
  if (options.integer && step < 1) step = 1;
  const decimals = decimalsFor(step);
  const round = (v: number): number => {
    const r = Number(v.toFixed(decimals));
    return r === 0 ? 0 : r;
  };
  step = round(step) || step;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(round(k * step));
  return { min: round(first * step), max: round(last * step), step, ticks, decimals };
}

/** A linear map from a domain to a range. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The plot of an x/y chart `width` wide: below the y-axis title, right of the y tick labels, `right`
 * short of the chart's right edge, `height` tall.
 */
export function plotArea(
  width: number,
  height: number,
  yTicks: NiceTicks,
  yTitle: string | undefined,
  right = 24,
): PlotArea {
  const top = yTitleHeight(yTitle, width) + 8;
  const left = Math.max(48, yLabelWidth(yTicks) + 4);
  return { left, top, width: width - left - right, height };
}

/** Values to x across the plot, the ticks' range from its left edge to its right. */
export function xScale(plot: PlotArea, ticks: NiceTicks): (v: number) => number {
  return linearScale([ticks.min, ticks.max], [plot.left, plot.left + plot.width]);
}

/** Values to y up the plot, the ticks' range from its foot to its top. */
export function yScale(plot: PlotArea, ticks: NiceTicks): (v: number) => number {
  return linearScale([ticks.min, ticks.max], [plot.top + plot.height, plot.top]);
}

/** Horizontal gridlines with tick labels to the left of the plot, and the y-axis title above it. */
export function yAxis(
  plot: PlotArea,
  ticks: NiceTicks,
  y: (v: number) => number,
  options: { title?: string; format?: (v: number) => string } = {},
): string {
  const format = options.format ?? ((v: number) => formatNumber(v, ticks.decimals));
  const parts: string[] = [];
  for (const t of ticks.ticks) {
    const ty = y(t);
    const isZero = t === 0;
    parts.push(
      `<line x1="${fmt(plot.left)}" y1="${fmt(ty)}" x2="${fmt(plot.left + plot.width)}" y2="${fmt(ty)}"` +
        ` stroke="${isZero ? COLOURS.text : COLOURS.midGrey}" stroke-width="1"/>` +
        `<text x="${fmt(plot.left - 8)}" y="${fmt(ty + 4.5)}" text-anchor="end">${escapeXml(format(t))}</text>`,
    );
  }
  let title = '';
  if (options.title) {
    const lines = wrapText(options.title, plot.width + plot.left - 8, 14);
    const lineHeight = 17;
    title = textLines(lines, 8, plot.top - 14 - (lines.length - 1) * lineHeight, {
      attributes: ' font-weight="bold" class="clmd-chart-axis__title"',
    });
  }
  return `<g class="clmd-chart-axis clmd-chart-axis--y">${parts.join('')}${title}</g>`;
}

/** Space the y-axis title needs above the plot. */
export function yTitleHeight(title: string | undefined, plotRight: number): number {
  if (!title) return 12;
  return 12 + 17 * wrapText(title, plotRight - 8, 14).length;
}

/** Width the y tick labels need, so the plot can start to their right. */
export function yLabelWidth(ticks: NiceTicks, format?: (v: number) => string): number {
  const f = format ?? ((v: number) => formatNumber(v, ticks.decimals));
  return Math.max(...ticks.ticks.map((t) => textWidth(f(t), 14))) + 14;
}

/** The line along the foot of the plot. */
function xBaseline(plot: PlotArea): string {
  const bottom = plot.top + plot.height;
  return `<line x1="${fmt(plot.left)}" y1="${fmt(bottom)}" x2="${fmt(plot.left + plot.width)}" y2="${fmt(bottom)}" stroke="${COLOURS.text}" stroke-width="1"/>`;
}

/** The x-axis title, centred under the tick labels. */
function xTitle(plot: PlotArea, title: string): string {
  return `<text x="${fmt(plot.left + plot.width / 2)}" y="${fmt(plot.top + plot.height + 44)}" text-anchor="middle" font-weight="bold" class="clmd-chart-axis__title">${escapeXml(title)}</text>`;
}

/** A numeric x axis along the bottom of the plot, with its title under the tick labels. */
export function xAxisLinear(
  plot: PlotArea,
  ticks: NiceTicks,
  x: (v: number) => number,
  options: { title?: string; format?: (v: number) => string; grid?: boolean } = {},
): string {
  const format = options.format ?? ((v: number) => formatNumber(v, ticks.decimals));
  const bottom = plot.top + plot.height;
  const parts: string[] = [xBaseline(plot)];
  for (const t of ticks.ticks) {
    const tx = x(t);
    if (options.grid) {
      parts.push(
        `<line x1="${fmt(tx)}" y1="${fmt(plot.top)}" x2="${fmt(tx)}" y2="${fmt(bottom)}" stroke="${COLOURS.lightGrey}" stroke-width="1"/>`,
      );
    }
    parts.push(
      `<line x1="${fmt(tx)}" y1="${fmt(bottom)}" x2="${fmt(tx)}" y2="${fmt(bottom + 5)}" stroke="${COLOURS.text}" stroke-width="1"/>` +
        `<text x="${fmt(tx)}" y="${fmt(bottom + 20)}" text-anchor="middle">${escapeXml(format(t))}</text>`,
    );
  }
  if (options.title) parts.push(xTitle(plot, options.title));
  return `<g class="clmd-chart-axis clmd-chart-axis--x">${parts.join('')}</g>`;
}

/**
 * An x axis of categories (periods) at the centres of equal bands; labels are thinned to every
 * k-th so that they do not overlap (the first is always labelled).
 */
export function xAxisBands(
  plot: PlotArea,
  labels: readonly string[],
  options: { title?: string } = {},
): { svg: string; x: (i: number) => number } {
  const n = Math.max(1, labels.length);
  const band = plot.width / n;
  const x = (i: number): number => plot.left + band * (i + 0.5);
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, 14)));
  const every = Math.max(1, Math.ceil((widest + 10) / band));
  const bottom = plot.top + plot.height;
  const parts: string[] = [xBaseline(plot)];
  labels.forEach((label, i) => {
    const tx = x(i);
    const labelled = i % every === 0;
    parts.push(
      `<line x1="${fmt(tx)}" y1="${fmt(bottom)}" x2="${fmt(tx)}" y2="${fmt(bottom + (labelled ? 6 : 3))}" stroke="${COLOURS.text}" stroke-width="1"/>`,
    );
    if (labelled) {
      parts.push(
        `<text x="${fmt(tx)}" y="${fmt(bottom + 20)}" text-anchor="middle">${escapeXml(label)}</text>`,
      );
    }
  });
  if (options.title) parts.push(xTitle(plot, options.title));
  return { svg: `<g class="clmd-chart-axis clmd-chart-axis--x">${parts.join('')}</g>`, x };
}

/** Height below the plot that the x axis needs. */
export function xAxisHeight(title: string | undefined): number {
  return title ? 54 : 30;
}

/** Where the x axis, with its title if any, ends below the plot. */
export function xAxisBottom(plot: PlotArea, title: string | undefined): number {
  return plot.top + plot.height + xAxisHeight(title);
}

/** A clip path that keeps lines inside the plot. */
export function plotClip(id: string, plot: PlotArea): string {
  return `<clipPath id="${id}"><rect x="${fmt(plot.left)}" y="${fmt(plot.top)}" width="${fmt(plot.width)}" height="${fmt(plot.height)}"/></clipPath>`;
}
