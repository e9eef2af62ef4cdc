// Charts and maps for the analysis pages, drawn from the same disclosure-controlled figures as the
// tables beside them: a suppressed figure is hatched or left off, never drawn from its hidden value.
import {
  categoricalScale,
  choroplethMap,
  flowDiagram,
  funnelPlot,
  quantileScale,
  scatterPlot,
  tileGridMap,
  timeSeriesChart,
  type AreaDatum,
  type AreaGeometry,
  type ColourScale,
} from '../../web/charts/index.ts';
import type { CrimeLevels, RiskMapView } from './analysis.service.ts';
import type { PresentedCrimeArea } from './analysis.present.ts';
import type { CombinationResult } from './combinations/combination.model.ts';
import type { AnalysedArea, IndicatorAnalysis } from './indicator-analysis.ts';
import { formatEstimate } from './measures.ts';
import { RISK_CLASSES } from './risk/risk-index.ts';

export const BOUNDARY_NOTE =
  'Boundaries: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right.';

export type Boundaries = ReadonlyMap<string, unknown>;

/** A choropleth from imported boundaries, or the districts' tile grid when there are none. */
export function areaMap(input: {
  id: string;
  title: string;
  description: string;
  level: 'district' | 'ward';
  data: readonly AreaDatum[];
  scale: ColourScale;
  boundaries: Boundaries;
  districtBoundaries?: Boundaries;
  note?: string;
  /** Print each area's label on the map (default: the chart's own rule, by number of areas). */
  labels?: 'value' | 'none';
}): string | null {
  const withShapes = input.data.filter((d) => input.boundaries.has(d.code));
  if (withShapes.length) {
    const outlines =
      input.level === 'ward' && input.districtBoundaries
        ? [...input.districtBoundaries].map(([code, geometry]) => ({
            code,
            name: code,
            geometry: geometry as AreaGeometry,
          }))
        : undefined;
    return choroplethMap({
      id: input.id,
      title: input.title,
      description: input.description,
      features: withShapes.map((d) => ({ ...d, geometry: input.boundaries.get(d.code) as AreaGeometry })),
      scale: input.scale,
      ...(outlines ? { outlines } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
      note: [input.note, BOUNDARY_NOTE].filter(Boolean).join(' '),
    });
  }
  if (input.level !== 'district') return null;
  return tileGridMap({
    id: input.id,
    title: input.title,
    description: `${input.description} Each tile is a district, placed roughly where it lies (no boundaries have been imported).`,
    areas: input.data,
    scale: input.scale,
    ...(input.note ? { note: input.note } : {}),
  });
}

/** The indicator's rate by leaf area. */
export function indicatorMap(
  a: IndicatorAnalysis,
  boundaries: Boundaries,
  districtBoundaries?: Boundaries,
): string | null {
  const leaves = a.areas.filter((x) => x.level === a.current.level);
  const data: AreaDatum[] = leaves.map((x) => ({
    code: x.code,
    name: x.name,
    value: x.rate.value,
    label: formatEstimate(x.rate),
    suppressed: x.rate.status === 'suppressed',
  }));
  return areaMap({
    id: `map-${a.indicator.id}`,
    title: `${a.indicator.name}: rate per 10,000 children, ${a.current.period}`,
    description: `Map of the rate per 10,000 children by ${a.current.level}. The table below gives every figure.`,
    level: a.current.level === 'ward' ? 'ward' : 'district',
    data,
    scale: quantileScale(
      data.map((d) => d.value),
      { title: 'Rate per 10,000 children' },
    ),
    boundaries,
    ...(districtBoundaries ? { districtBoundaries } : {}),
  });
}

/** An area's rate over time with its 95% interval, against the Pathfinder's. */
export function seriesChart(a: IndicatorAnalysis, area: AnalysedArea): string {
  const pathfinder = a.areas.find((x) => x.level === 'pathfinder');
  const points = (x: AnalysedArea) =>
    x.series.map((p) => ({
      period: p.period,
      value: p.rate.value,
      lower: p.rate.lower95,
      upper: p.rate.upper95,
      suppressed: p.rate.status === 'suppressed',
      label: formatEstimate(p.rate),
    }));
  return timeSeriesChart({
    id: `series-${a.indicator.id}`,
    title: `${area.name}: rate per 10,000 children by period`,
    description: `Line chart of the rate with its 95% confidence interval as a band${pathfinder && pathfinder !== area ? ', with the Pathfinder rate for comparison' : ''}. The table below gives every figure.`,
    periods: a.periods,
    series: [{ name: area.name, points: points(area), interval: 'band' }],
    ...(pathfinder && pathfinder !== area
      ? {
          comparator: {
            name: pathfinder.name,
            points: pathfinder.series.map((p) => ({ period: p.period, value: p.rate.value })),
          },
        }
      : {}),
    yTitle: 'Rate per 10,000 children',
  });
}

export function funnelChart(a: IndicatorAnalysis): string | null {
  if (!a.funnel) return null;
  return funnelPlot({
    id: `funnel-${a.indicator.id}`,
    title: `Funnel plot: ${a.indicator.name}, ${a.current.period}`,
    description: `Each ${a.current.level}'s rate per 10,000 children against its number of children, with 95% and 99.8% control limits around the Pathfinder rate.`,
    points: a.funnel.points.map((p) => ({
      label: p.name,
      code: p.code,
      x: p.denominator,
      y: p.rate,
      class: p.significance,
    })),
    limits: a.funnel.limits,
    centre: a.funnel.baseline,
    centreLabel: 'Pathfinder',
    xTitle: 'Children',
    yTitle: 'Rate per 10,000 children',
  });
}

/** A combination's charts by id. */
export function combinationCharts(c: CombinationResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chart of c.charts) {
    if (chart.kind === 'scatter') {
      if (!chart.points.length) continue;
      out[chart.id] = scatterPlot({
        id: chart.id,
        title: chart.title,
        description: `Scatter plot of ${chart.points.length} districts whose figures may be shown; districts with a suppressed or missing figure are left off.`,
        points: chart.points.map((p) => ({ label: p.name, code: p.code, x: p.x, y: p.y })),
        xTitle: chart.xLabel,
        yTitle: chart.yLabel,
        xFromZero: true,
        yFromZero: true,
      });
    } else {
      out[chart.id] = flowDiagram({
        id: chart.id,
        title: chart.title,
        description:
          'Arrows from where young people live to where they were arrested; the width shows how many. The table above gives every figure.',
        nodes: chart.nodes.map((n) => ({ id: n.id, name: n.label })),
        flows: chart.flows,
        valueTitle: 'arrests',
      });
    }
  }
  return out;
}

export const RISK_CLASS_COLOURS: Record<keyof typeof RISK_CLASSES, string> = {
  'known-high': '#d4351c',
  'high-not-known': '#f47738',
  'known-lower': '#5694ca',
  lower: '#e8e8e8',
};

export function riskMapChart(
  v: RiskMapView,
  boundaries: Boundaries,
  districtBoundaries?: Boundaries,
): string | null {
  const scale = categoricalScale(
    (Object.keys(RISK_CLASSES) as (keyof typeof RISK_CLASSES)[]).map((key) => ({
      key,
      label: RISK_CLASSES[key],
      colour: RISK_CLASS_COLOURS[key],
    })),
    { title: 'Class' },
  );
  return areaMap({
    id: 'risk-map',
    title: `Areas at most risk of County Lines by ${v.level}, ${v.period}`,
    description:
      'Map of each area’s class: high or lower risk on the weighted index, with or without known County Lines activity. The table below gives every figure.',
    level: v.level,
    data: v.map.areas.map((a) => ({
      code: a.code,
      name: a.name,
      value: a.index,
      ...(a.riskClass ? { class: a.riskClass } : {}),
      label: a.riskClass ? RISK_CLASSES[a.riskClass] : 'Not enough figures',
      suppressed: false,
    })),
    scale,
    boundaries,
    ...(districtBoundaries ? { districtBoundaries } : {}),
    // Class names are too long to print on an area; the legend and each area's tooltip give them.
    labels: 'none',
  });
}

/** Each area's share of its locality's police.uk crime. */
export function crimeMap(
  c: CrimeLevels,
  rows: readonly PresentedCrimeArea[],
  boundaries: Boundaries,
  districtBoundaries?: Boundaries,
): string | null {
  const level = c.shares.level === 'ward' ? 'ward' : 'district';
  const data = rows.map((r) => ({
    code: r.code,
    name: r.name,
    value: r.shareValue,
    label: r.share,
    suppressed: false,
  }));
  return areaMap({
    id: `crime-${level}`,
    title: `Share of the locality's crime by ${level}, police.uk ${c.shares.from} to ${c.shares.to}`,
    description: `Map of each ${level}'s share of its locality's recorded crime. The table below gives every figure.`,
    level,
    data,
    scale: quantileScale(
      data.map((d) => d.value),
      { title: "Share of the locality's crime (%)" },
    ),
    boundaries,
    ...(districtBoundaries ? { districtBoundaries } : {}),
    note: 'Crime: data.police.uk, Open Government Licence v3.0.',
  });
}

/** Indicators about young people moving between areas, and which way their counts point. */
const ORIGIN_DESTINATION: Record<string, 'by-direction' | 'outbound' | 'inbound'> = {
  'out-of-area-arrests': 'by-direction',
  'missing-yp-found-outside-la': 'outbound',
  'out-of-area-yp-found-in-county': 'inbound',
};

/**
 * Flows between each locality and elsewhere for an origin→destination indicator, with the rows of the
 * table that goes beside the diagram; null for other indicators.
 */
export function flowsChart(
  a: IndicatorAnalysis,
): { svg: string; rows: { from: string; to: string; label: string }[] } | null {
  const kind = ORIGIN_DESTINATION[a.indicator.id];
  if (!kind) return null;
  const localities = a.current.rows.filter((r) => r.level === 'locality');
  if (!localities.length) return null;
  const columns = ['total', ...(a.current.breakdown?.values.map((v) => v.code) ?? [])];
  const cell = (row: (typeof localities)[number], column: string) => {
    const c = row.cells[columns.indexOf(column)];
    return { value: c?.value ?? null, label: c?.text ?? '[x]' };
  };
  const flows = localities.flatMap((row) => {
    const out = kind === 'by-direction' ? cell(row, 'outbound') : cell(row, 'total');
    const inbound = kind === 'by-direction' ? cell(row, 'inbound') : cell(row, 'total');
    return [
      ...(kind !== 'inbound' ? [{ from: row.code, to: 'elsewhere', ...out }] : []),
      ...(kind !== 'outbound' ? [{ from: 'elsewhere', to: row.code, ...inbound }] : []),
    ];
  });
  const nodes = [
    ...localities.map((r) => ({ id: r.code, name: r.name })),
    { id: 'elsewhere', name: 'Outside the Pathfinder locality' },
  ];
  const name = (id: string) => nodes.find((n) => n.id === id)!.name;
  const svg = flowDiagram({
    id: `flows-${a.indicator.id}`,
    title: `${a.indicator.name}: between each locality and elsewhere, ${a.current.period}`,
    description:
      'Arrows from where young people come from to where they were found or arrested; the width shows how many. The table gives every figure.',
    nodes,
    flows,
    valueTitle: 'young people',
  });
  return { svg, rows: flows.map((f) => ({ from: name(f.from), to: name(f.to), label: f.label })) };
}
