// Scatter plots: one point per area (e.g. IMD score against a rate), optional classes with their
// own colour and shape, optional fitted line.
import { niceTicks, plotArea, plotClip, xAxisBottom, xAxisLinear, xScale, yAxis, yScale } from './axes.ts';
import {
  classLegendEntries,
  hiddenPointsEntries,
  pointsLayer,
  UNCLASSIFIED,
  type DrawnPoint,
  type PointClass,
} from './points.ts';
import {
  COLOURS,
  MARKER_SHAPES,
  categoricalColour,
  chartId,
  escapeXml,
  fmt,
  formatNumber,
  chartWithFoot,
  type ChartText,
  type LegendEntry,
} from './svg.ts';

export interface ScatterPoint {
  label: string;
  x: number | null;
  y: number | null;
  class?: string;
  suppressed?: boolean;
  highlight?: boolean;
  code?: string;
}

export interface ScatterPlotOptions extends ChartText {
  points: readonly ScatterPoint[];
  xTitle: string;
  yTitle: string;
  /** Point classes; without them every point is drawn alike. Colours and shapes default in order. */
  classes?: readonly (Omit<PointClass, 'colour' | 'shape'> & Partial<Pick<PointClass, 'colour' | 'shape'>>)[];
  /** A fitted line y = intercept + slope × x, drawn across the plot. */
  fittedLine?: { intercept: number; slope: number; label?: string };
  /** Which points get a printed label (default: all when there are at most 15 points, else highlighted). */
  pointLabels?: 'all' | 'highlighted' | 'none';
  xFromZero?: boolean;
  yFromZero?: boolean;
  decimals?: number;
  width?: number;
  plotHeight?: number;
  note?: string;
}

export function scatterPlot(options: ScatterPlotOptions): string {
  const id = chartId('scatter', options.id, `${options.title}|${options.description}`);
  const width = options.width ?? 720;
  const plotHeight = options.plotHeight ?? 360;
  const classes: PointClass[] = (options.classes ?? []).map((c, i) => ({
    ...c,
    colour: c.colour ?? categoricalColour(i),
    shape: c.shape ?? MARKER_SHAPES[i % MARKER_SHAPES.length] ?? 'circle',
  }));
  const plain: PointClass = {
    key: 'point',
    label: 'Area',
    colour: categoricalColour(0),
    shape: 'circle',
    filled: true,
  };
  const shown = options.points.filter(
    (p): p is ScatterPoint & { x: number; y: number } =>
      !p.suppressed && p.x !== null && p.y !== null && Number.isFinite(p.x) && Number.isFinite(p.y),
  );
  const hidden = options.points.length - shown.length;
  const valueText = (v: number): string => formatNumber(v, options.decimals);

  const xsAll = shown.map((p) => p.x);
  const ysAll = shown.map((p) => p.y);
  const extent = (vs: number[], fromZero: boolean | undefined): [number, number] => {
    if (!vs.length) return [0, 1];
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    return [(fromZero ?? lo >= 0) ? Math.min(0, lo) : lo, hi];
  };
  const [x0, x1] = extent(xsAll, options.xFromZero ?? false);
  const [y0, y1] = extent(ysAll, options.yFromZero);
  const xTicks = niceTicks(x0, x1, 6);
  const yTicks = niceTicks(y0, y1, 5);

  const plot = plotArea(width, plotHeight, yTicks, options.yTitle);
  const x = xScale(plot, xTicks);
  const y = yScale(plot, yTicks);
  const clipId = `${id}-plot`;

  let fitted = '';
  if (options.fittedLine) {
    const { intercept, slope } = options.fittedLine;
    const label = options.fittedLine.label ?? 'Fitted line';
    fitted =
      `<g clip-path="url(#${clipId})"><line class="clmd-chart-fitted" x1="${fmt(x(xTicks.min))}" y1="${fmt(y(intercept + slope * xTicks.min))}"` +
      ` x2="${fmt(x(xTicks.max))}" y2="${fmt(y(intercept + slope * xTicks.max))}" stroke="${COLOURS.text}" stroke-width="2" stroke-dasharray="8 4">` +
      `<title>${escapeXml(label)}</title></line></g>`;
  }

  const points = shown.map((p): DrawnPoint => {
    const cls = classes.length ? (classes.find((c) => c.key === p.class) ?? UNCLASSIFIED) : plain;
    return {
      x: x(p.x),
      y: y(p.y),
      cls,
      label: p.label,
      highlight: p.highlight,
      code: p.code,
      tooltip: `${p.label}: ${options.xTitle} ${valueText(p.x)}, ${options.yTitle} ${valueText(p.y)}${classes.length && cls !== UNCLASSIFIED ? ` (${cls.label})` : ''}`,
    };
  });

  // Without classes every point is drawn in the plain class, which has no legend entry.
  const entries: LegendEntry[] = classLegendEntries(classes, points);
  if (options.fittedLine) {
    entries.push({
      key: 'fitted',
      label: options.fittedLine.label ?? 'Fitted line',
      swatch: { kind: 'line', stroke: COLOURS.text, width: 2, dash: '8 4' },
    });
  }
  entries.push(...hiddenPointsEntries(hidden));

  return chartWithFoot({
    id,
    kind: 'scatter',
    width,
    text: options,
    defs: plotClip(clipId, plot),
    body:
      yAxis(plot, yTicks, y, { title: options.yTitle }) +
      xAxisLinear(plot, xTicks, x, { title: options.xTitle, grid: true }) +
      fitted +
      pointsLayer(points, plot, options.pointLabels ?? (shown.length <= 15 ? 'all' : 'highlighted')),
    footTop: xAxisBottom(plot, options.xTitle) + 8,
    entries,
    note: options.note,
  });
}
