// Time-series line charts over reporting periods, with 95% intervals as shaded bands and/or
// error bars, an optional comparator line, and suppressed points shown as gaps with a marker.
import { niceTicks, plotArea, xAxisBands, xAxisBottom, yAxis, yScale } from './axes.ts';
import {
  COLOURS,
  MARKER_SHAPES,
  categoricalColour,
  chartId,
  escapeXml,
  fmt,
  formatNumber,
  markerElement,
  patternDefs,
  patternIds,
  chartWithFoot,
  type ChartText,
  type LegendEntry,
  type MarkerShape,
} from './svg.ts';

export interface SeriesPoint {
  /** One of the chart's periods, e.g. "2025-Q3". */
  period: string;
  value: number | null;
  /** 95% interval, drawn when both ends are present. */
  lower?: number | null;
  upper?: number | null;
  /** Suppressed by disclosure control: a gap in the line and a [c] marker at the foot of the plot. */
  suppressed?: boolean;
  /** Text for the tooltip instead of the formatted value, e.g. "12.3" or "[c]". */
  label?: string;
}

export interface Series {
  name: string;
  points: readonly SeriesPoint[];
  /** How to draw the intervals (default "band"). */
  interval?: 'band' | 'bars' | 'both' | 'none';
}

export interface TimeSeriesOptions extends ChartText {
  /** The periods in order, as labelled on the x axis. */
  periods: readonly string[];
  series: readonly Series[];
  /** A reference line, e.g. the Pathfinder value: one value throughout or one per period. */
  comparator?: { name: string; value?: number; points?: readonly { period: string; value: number | null }[] };
  yTitle?: string;
  xTitle?: string;
  /** Decimals for values in tooltips (default: as needed, up to 3). */
  decimals?: number;
  width?: number;
  plotHeight?: number;
  note?: string;
}

const DASHES = ['', '8 4', '2 4', '12 4 3 4', '4 4'];

interface SeriesStyle {
  colour: string;
  dash: string;
  shape: MarkerShape;
}

function seriesStyle(i: number): SeriesStyle {
  return {
    colour: categoricalColour(i),
    dash: DASHES[i % DASHES.length] ?? '',
    shape: MARKER_SHAPES[i % MARKER_SHAPES.length] ?? 'circle',
  };
}

const present = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A line chart over periods. The y axis starts at 0 unless there are negative values; every
 * point has a tooltip; suppressed points leave a gap and get a hatched marker at the foot of the
 * plot, listed in the legend as "[c] suppressed".
 */
export function timeSeriesChart(options: TimeSeriesOptions): string {
  const id = chartId('time-series', options.id, `${options.title}|${options.description}`);
  const patterns = patternIds(id);
  const width = options.width ?? 720;
  const plotHeight = options.plotHeight ?? 300;
  const periods = options.periods;
  const index = new Map(periods.map((p, i) => [p, i]));

  // Values per series aligned to the periods.
  const aligned = options.series.map((s) => {
    const row: (SeriesPoint | undefined)[] = periods.map(() => undefined);
    for (const p of s.points) {
      const i = index.get(p.period);
      if (i === undefined)
        throw new RangeError(`Series "${s.name}" has a point for unknown period "${p.period}"`);
      row[i] = p;
    }
    return row;
  });
  const comparator = options.comparator;
  const comparatorValues: (number | null)[] = periods.map(() => null);
  if (comparator) {
    if (present(comparator.value)) comparatorValues.fill(comparator.value);
    for (const p of comparator.points ?? []) {
      const i = index.get(p.period);
      if (i !== undefined) comparatorValues[i] = p.value;
    }
  }

  const all: number[] = [];
  for (const row of aligned) {
    for (const p of row) {
      if (!p || p.suppressed) continue;
      for (const v of [p.value, p.lower, p.upper]) if (present(v)) all.push(v);
    }
  }
  for (const v of comparatorValues) if (present(v)) all.push(v);
  const lo = Math.min(0, ...all);
  const hi = all.length ? Math.max(...all) : 1;
  const ticks = niceTicks(lo, hi, 5);

  const plot = plotArea(width, plotHeight, ticks, options.yTitle, 16);
  const y = yScale(plot, ticks);
  const xAxis = xAxisBands(plot, periods, options.xTitle ? { title: options.xTitle } : {});
  const x = xAxis.x;
  const valueText = (v: number): string => formatNumber(v, options.decimals);

  const layers: string[] = [];
  let anySuppressed = false;
  let anyInterval = false;

  // Bands first, then comparator, then lines and markers on top.
  aligned.forEach((row, si) => {
    const style = seriesStyle(si);
    const mode = options.series[si]?.interval ?? 'band';
    if (mode === 'band' || mode === 'both') {
      let run: { i: number; lower: number; upper: number }[] = [];
      const flush = (): void => {
        if (run.length >= 2) {
          const upper = run.map((r) => `${fmt(x(r.i))} ${fmt(y(r.upper))}`);
          const lower = run.map((r) => `${fmt(x(r.i))} ${fmt(y(r.lower))}`).reverse();
          layers.push(
            `<path class="clmd-chart-band" d="M${upper.join('L')}L${lower.join('L')}Z" fill="${style.colour}" fill-opacity="0.18"/>`,
          );
          anyInterval = true;
        }
        run = [];
      };
      row.forEach((p, i) => {
        if (p && !p.suppressed && present(p.value) && present(p.lower) && present(p.upper)) {
          run.push({ i, lower: p.lower, upper: p.upper });
        } else flush();
      });
      flush();
    }
  });

  if (comparator) {
    let d = '';
    let pen = false;
    comparatorValues.forEach((v, i) => {
      if (present(v)) {
        d += `${pen ? 'L' : 'M'}${fmt(x(i))} ${fmt(y(v))}`;
        pen = true;
      } else pen = false;
    });
    // A constant comparator spans the whole plot, not just band centres.
    if (present(comparator.value) && !comparator.points?.length) {
      d = `M${fmt(plot.left)} ${fmt(y(comparator.value))}H${fmt(plot.left + plot.width)}`;
    }
    layers.push(
      `<path class="clmd-chart-comparator" d="${d}" fill="none" stroke="${COLOURS.text}" stroke-width="2" stroke-dasharray="3 3"><title>${escapeXml(comparator.name)}</title></path>`,
    );
  }

  aligned.forEach((row, si) => {
    const s = options.series[si];
    if (!s) return;
    const style = seriesStyle(si);
    const mode = s.interval ?? 'band';
    let d = '';
    let pen = false;
    const marks: string[] = [];
    row.forEach((p, i) => {
      const period = periods[i] ?? '';
      if (p?.suppressed) {
        anySuppressed = true;
        pen = false;
        const my = plot.top + plot.height - 9 - 13 * si;
        marks.push(
          `<rect class="clmd-chart-suppressed-marker" x="${fmt(x(i) - 5)}" y="${fmt(my - 5)}" width="10" height="10" fill="url(#${patterns.suppressed})" stroke="${style.colour}" stroke-width="1.5">` +
            `<title>${escapeXml(`${s.name}, ${period}: ${p.label ?? '[c]'}`)}</title></rect>`,
        );
        return;
      }
      if (!p || !present(p.value)) {
        pen = false;
        return;
      }
      const px = x(i);
      const py = y(p.value);
      d += `${pen ? 'L' : 'M'}${fmt(px)} ${fmt(py)}`;
      pen = true;
      const hasInterval = present(p.lower) && present(p.upper);
      if (hasInterval && (mode === 'bars' || mode === 'both')) {
        anyInterval = true;
        const y0 = y(p.lower as number);
        const y1 = y(p.upper as number);
        marks.push(
          `<path class="clmd-chart-error-bar" d="M${fmt(px)} ${fmt(y0)}V${fmt(y1)}M${fmt(px - 4)} ${fmt(y0)}H${fmt(px + 4)}M${fmt(px - 4)} ${fmt(y1)}H${fmt(px + 4)}" stroke="${style.colour}" stroke-width="1.5" fill="none"/>`,
        );
      }
      const interval = hasInterval
        ? ` (95% interval ${valueText(p.lower as number)} to ${valueText(p.upper as number)})`
        : '';
      marks.push(
        markerElement(
          style.shape,
          px,
          py,
          8,
          ` class="clmd-chart-point" fill="${style.colour}" stroke="${COLOURS.white}" stroke-width="1"`,
          `<title>${escapeXml(`${s.name}, ${period}: ${p.label ?? valueText(p.value)}${interval}`)}</title>`,
        ),
      );
    });
    layers.push(
      `<g class="clmd-chart-series" data-series="${si}">` +
        (d
          ? `<path class="clmd-chart-line" d="${d}" fill="none" stroke="${style.colour}" stroke-width="2.5" stroke-linejoin="round"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`
          : '') +
        marks.join('') +
        `</g>`,
    );
  });

  const entries: LegendEntry[] = options.series.map((s, si) => {
    const style = seriesStyle(si);
    return {
      key: `series-${si}`,
      label: s.name,
      swatch: {
        kind: 'line',
        stroke: style.colour,
        ...(style.dash ? { dash: style.dash } : {}),
        marker: style.shape,
      },
    };
  });
  if (comparator) {
    entries.push({
      key: 'comparator',
      label: comparator.name,
      swatch: { kind: 'line', stroke: COLOURS.text, width: 2, dash: '3 3' },
    });
  }
  if (anyInterval) {
    entries.push({
      key: 'interval',
      label: '95% interval',
      swatch: { kind: 'band', fill: COLOURS.secondaryText, opacity: 0.3 },
    });
  }
  if (anySuppressed) {
    entries.push({
      key: 'suppressed',
      label: '[c] suppressed (gap in line)',
      swatch: { kind: 'fill', fill: `url(#${patterns.suppressed})` },
    });
  }

  return chartWithFoot({
    id,
    kind: 'time-series',
    width,
    text: options,
    defs: patternDefs(patterns),
    body:
      yAxis(plot, ticks, y, options.yTitle ? { title: options.yTitle } : {}) +
      xAxis.svg +
      `<g class="clmd-chart-plot">${layers.join('')}</g>`,
    footTop: xAxisBottom(plot, options.xTitle) + 8,
    entries,
    note: options.note,
  });
}
