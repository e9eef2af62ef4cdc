// Scatter plots: one point per area (e.g. IMD score against a rate), optional classes with their
// own colour and shape, optional fitted line.
import {
  linearScale,
  niceTicks,
  plotClip,
  xAxisHeight,
  xAxisLinear,
  yAxis,
  yLabelWidth,
  yTitleHeight,
} from './axes.ts';
import { placeLabels, pointLegendEntry, pointMarker, UNCLASSIFIED, type PointClass } from './points.ts';
import {
  COLOURS,
  MARKER_SHAPES,
  categoricalColour,
  chartId,
  escapeXml,
  fmt,
  formatNumber,
  renderLegend,
  renderNote,
  svgDocument,
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

  const top = yTitleHeight(options.yTitle, width) + 8;
  const left = Math.max(48, yLabelWidth(yTicks) + 4);
  const plot = { left, top, width: width - left - 24, height: plotHeight };
  const x = linearScale([xTicks.min, xTicks.max], [plot.left, plot.left + plot.width]);
  const y = linearScale([yTicks.min, yTicks.max], [plot.top + plot.height, plot.top]);
  const clipId = `${id}-plot`;

  let fitted = '';
  const entries: LegendEntry[] = [];
  if (options.fittedLine) {
    const { intercept, slope } = options.fittedLine;
    const label = options.fittedLine.label ?? 'Fitted line';
    fitted =
      `<g clip-path="url(#${clipId})"><line class="clmd-chart-fitted" x1="${fmt(x(xTicks.min))}" y1="${fmt(y(intercept + slope * xTicks.min))}"` +
      ` x2="${fmt(x(xTicks.max))}" y2="${fmt(y(intercept + slope * xTicks.max))}" stroke="${COLOURS.text}" stroke-width="2" stroke-dasharray="8 4">` +
      `<title>${escapeXml(label)}</title></line></g>`;
  }

  const used = new Set<string>();
  const placed = shown.map((p) => ({ p, px: x(p.x), py: y(p.y) }));
  const markers = placed
    .map(({ p, px, py }) => {
      const cls = classes.length ? (classes.find((c) => c.key === p.class) ?? UNCLASSIFIED) : plain;
      used.add(cls.key);
      const tooltip = `${p.label}: ${options.xTitle} ${valueText(p.x)}, ${options.yTitle} ${valueText(p.y)}${classes.length && cls !== UNCLASSIFIED ? ` (${cls.label})` : ''}`;
      return pointMarker(cls, px, py, tooltip, p.code ? ` data-code="${escapeXml(p.code)}"` : '');
    })
    .join('');
  const mode = options.pointLabels ?? (shown.length <= 15 ? 'all' : 'highlighted');
  const labels =
    mode === 'none'
      ? ''
      : placeLabels(
          placed
            .filter(({ p }) => mode === 'all' || p.highlight)
            .map(({ p, px, py }) => ({ x: px, y: py, text: p.label })),
          plot,
          placed.map(({ px, py }) => ({ x: px, y: py })),
        );

  if (classes.length) {
    entries.push(...[...classes, UNCLASSIFIED].filter((c) => used.has(c.key)).map(pointLegendEntry));
  }
  if (options.fittedLine) {
    entries.push({
      key: 'fitted',
      label: options.fittedLine.label ?? 'Fitted line',
      swatch: { kind: 'line', stroke: COLOURS.text, width: 2, dash: '8 4' },
    });
  }
  if (hidden > 0) {
    entries.push({
      key: 'suppressed',
      label: `[c] ${hidden} ${hidden === 1 ? 'area' : 'areas'} suppressed or not available, not shown`,
      swatch: { kind: 'marker', shape: 'circle', fill: COLOURS.white, stroke: COLOURS.border },
    });
  }

  const axisBottom = plot.top + plot.height + xAxisHeight(options.xTitle);
  let height = axisBottom + 8;
  let legendSvg = '';
  if (entries.length) {
    const legend = renderLegend(entries, {
      x: 8,
      y: axisBottom + 8,
      width: width - 16,
      layout: 'horizontal',
    });
    legendSvg = legend.svg;
    height += legend.height + 8;
  }
  let note = '';
  if (options.note) {
    const block = renderNote(options.note, 8, height, width - 16);
    note = block.svg;
    height += block.height + 8;
  }

  return svgDocument({
    id,
    kind: 'scatter',
    width,
    height,
    title: options.title,
    description: options.description,
    defs: plotClip(clipId, plot),
    body:
      yAxis(plot, yTicks, y, { title: options.yTitle }) +
      xAxisLinear(plot, xTicks, x, { title: options.xTitle, grid: true }) +
      fitted +
      `<g class="clmd-chart-points">${markers}</g>` +
      labels +
      legendSvg +
      note,
  });
}
