// Funnel plots: each area's value against its denominator, with 95% and 99.8% control limits
// (computed elsewhere: this only draws them) around a central comparator line.
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
  chartId,
  escapeXml,
  fmt,
  formatNumber,
  chartWithFoot,
  type ChartText,
  type LegendEntry,
} from './svg.ts';

export interface FunnelPoint {
  label: string;
  /** Denominator (e.g. children aged 10 to 17). */
  x: number;
  /** The value (rate, proportion); null when suppressed or not available. */
  y: number | null;
  /** Significance class key, e.g. "High (0.001)" (see FUNNEL_CLASSES). */
  class?: string;
  suppressed?: boolean;
  /** Label this point on the chart (with pointLabels "highlighted", the default). */
  highlight?: boolean;
  /** Written as data-code, e.g. a GSS code. */
  code?: string;
}

export interface FunnelLimit {
  x: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Classes named as PHEindicatormethods' assign_funnel_significance names them. Above and below
 * differ by shape (triangle up or down), 99.8% and 95% by filled or hollow markers.
 */
export const FUNNEL_CLASSES: readonly PointClass[] = [
  {
    key: 'High (0.001)',
    label: 'Above the 99.8% limit',
    colour: '#801650',
    shape: 'triangle-up',
    filled: true,
  },
  {
    key: 'High (0.025)',
    label: 'Above the 95% limit',
    colour: '#801650',
    shape: 'triangle-up',
    filled: false,
  },
  {
    key: 'Not significant',
    label: 'Within the 95% limits',
    colour: '#505a5f',
    shape: 'circle',
    filled: true,
  },
  {
    key: 'Low (0.025)',
    label: 'Below the 95% limit',
    colour: '#12436d',
    shape: 'triangle-down',
    filled: false,
  },
  {
    key: 'Low (0.001)',
    label: 'Below the 99.8% limit',
    colour: '#12436d',
    shape: 'triangle-down',
    filled: true,
  },
];

export interface FunnelPlotOptions extends ChartText {
  points: readonly FunnelPoint[];
  limits: readonly FunnelLimit[];
  /** The comparator value: the centre line. */
  centre: number;
  /** Legend text for the centre line (default "Comparator"); the value is added. */
  centreLabel?: string;
  xTitle: string;
  yTitle: string;
  classes?: readonly PointClass[];
  /** Which points get a printed label (default "highlighted"). */
  pointLabels?: 'all' | 'highlighted' | 'none';
  /** Decimals for values in tooltips and the centre label (default: as needed, up to 3). */
  decimals?: number;
  /** Start the y axis at 0 (default true unless values are negative). */
  yFromZero?: boolean;
  width?: number;
  plotHeight?: number;
  note?: string;
}

const LIMIT_STYLES = {
  95: { stroke: COLOURS.secondaryText, dash: '6 4', width: 1.5 },
  998: { stroke: COLOURS.secondaryText, dash: '', width: 1.5 },
} as const;

export function funnelPlot(options: FunnelPlotOptions): string {
  const id = chartId('funnel', options.id, `${options.title}|${options.description}`);
  const width = options.width ?? 720;
  const plotHeight = options.plotHeight ?? 360;
  const classes = options.classes ?? FUNNEL_CLASSES;
  const shown = options.points.filter(
    (p): p is FunnelPoint & { y: number } => !p.suppressed && p.y !== null && Number.isFinite(p.y),
  );
  const hidden = options.points.length - shown.length;
  const limits = [...options.limits].sort((a, b) => a.x - b.x);
  const valueText = (v: number): string => formatNumber(v, options.decimals);

  const xs = [...shown.map((p) => p.x), ...limits.map((l) => l.x)];
  const xTicks = niceTicks(0, xs.length ? Math.max(...xs) : 1, 6);
  const minX = shown.length ? Math.min(...shown.map((p) => p.x)) : 0;
  const ys = [options.centre, ...shown.map((p) => p.y)];
  for (const l of limits) if (l.x >= minX) ys.push(l.lower998, l.upper998);
  const finite = ys.filter((v) => Number.isFinite(v));
  const yMin = Math.min(...finite);
  const fromZero = options.yFromZero ?? yMin >= 0;
  const yTicks = niceTicks(fromZero ? Math.min(0, yMin) : yMin, Math.max(...finite), 5);

  const plot = plotArea(width, plotHeight, yTicks, options.yTitle);
  const x = xScale(plot, xTicks);
  const y = yScale(plot, yTicks);
  const clipId = `${id}-plot`;

  const limitPath = (key: keyof FunnelLimit): string =>
    limits
      .filter((l) => Number.isFinite(l[key]))
      .map((l, i) => `${i === 0 ? 'M' : 'L'}${fmt(x(l.x))} ${fmt(y(l[key]))}`)
      .join('');
  const line = (d: string, style: { stroke: string; dash: string; width: number }, cls: string): string =>
    d
      ? `<path class="${cls}" d="${d}" fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`
      : '';
  const limitLines =
    line(
      limitPath('lower95') + limitPath('upper95'),
      LIMIT_STYLES[95],
      'clmd-chart-limit clmd-chart-limit--95',
    ) +
    line(
      limitPath('lower998') + limitPath('upper998'),
      LIMIT_STYLES[998],
      'clmd-chart-limit clmd-chart-limit--998',
    );
  const centreLabel = `${options.centreLabel ?? 'Comparator'} (${valueText(options.centre)})`;
  const centreLine = `<line class="clmd-chart-centre" x1="${fmt(plot.left)}" y1="${fmt(y(options.centre))}" x2="${fmt(plot.left + plot.width)}" y2="${fmt(y(options.centre))}" stroke="${COLOURS.text}" stroke-width="2"><title>${escapeXml(centreLabel)}</title></line>`;

  const points = shown.map((p): DrawnPoint => {
    const cls = classes.find((c) => c.key === p.class) ?? UNCLASSIFIED;
    return {
      x: x(p.x),
      y: y(p.y),
      cls,
      label: p.label,
      highlight: p.highlight,
      code: p.code,
      tooltip: `${p.label}: ${valueText(p.y)} (${options.xTitle}: ${formatNumber(p.x)})${cls === UNCLASSIFIED ? '' : `, ${cls.label.toLowerCase()}`}`,
    };
  });

  const entries: LegendEntry[] = [
    ...classLegendEntries(classes, points),
    { key: 'centre', label: centreLabel, swatch: { kind: 'line', stroke: COLOURS.text, width: 2 } },
    {
      key: 'limit-95',
      label: '95% control limits',
      swatch: { kind: 'line', stroke: LIMIT_STYLES[95].stroke, width: 1.5, dash: LIMIT_STYLES[95].dash },
    },
    {
      key: 'limit-998',
      label: '99.8% control limits',
      swatch: { kind: 'line', stroke: LIMIT_STYLES[998].stroke, width: 1.5 },
    },
    ...hiddenPointsEntries(hidden),
  ];

  return chartWithFoot({
    id,
    kind: 'funnel',
    width,
    text: options,
    defs: plotClip(clipId, plot),
    body:
      yAxis(plot, yTicks, y, { title: options.yTitle }) +
      xAxisLinear(plot, xTicks, x, { title: options.xTitle }) +
      `<g class="clmd-chart-limits" clip-path="url(#${clipId})">${limitLines}${centreLine}</g>` +
      pointsLayer(points, plot, options.pointLabels ?? 'highlighted'),
    footTop: xAxisBottom(plot, options.xTitle) + 8,
    entries,
    note: options.note,
  });
}
