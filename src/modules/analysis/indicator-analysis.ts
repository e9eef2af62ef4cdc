// One indicator explored, as Fingertips would: for each area its published count, a rate per 10,000
// children with 95% and 99.8% intervals, how it compares with the Pathfinder and with its locality, its
// recent trend, and its place on a funnel plot. Pure: it works on tables already through disclosure
// control, so every figure it derives comes from what the viewer may see.
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { ControlledTable } from '../data/data.service.ts';
import type { TableLevel } from '../data/indicator-table.ts';
import { rateFunnelLimits, rateFunnelSignificance } from './statistics/index.ts';
import {
  compareEstimate,
  publishedCount,
  rateOf,
  trendOf,
  type Comparison,
  type Estimate,
  type PublishedCount,
  type TrendSummary,
} from './measures.ts';

export interface Denominators {
  /** What the denominator is, for every page that shows a rate. */
  label: string;
  byArea: ReadonlyMap<string, number>;
}

export interface SeriesPoint {
  period: string;
  count: PublishedCount;
  rate: Estimate;
}

export interface AnalysedArea {
  code: string;
  name: string;
  level: TableLevel;
  /** The locality of a district or ward; the Pathfinder of a locality. */
  parentCode: string | null;
  count: PublishedCount;
  denominator: number | null;
  rate: Estimate;
  vsPathfinder: Comparison;
  vsLocality: Comparison;
  trend: TrendSummary;
  /** The area's figures over the periods analysed, oldest first (the last is the current period). */
  series: SeriesPoint[];
}

export interface FunnelPoint {
  code: string;
  name: string;
  denominator: number;
  rate: number;
  significance: string;
}

export interface FunnelLine {
  x: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface IndicatorAnalysis {
  indicator: Indicator;
  current: ControlledTable;
  /** Every period's table, oldest first, for the audit trail. */
  tables: readonly ControlledTable[];
  periods: string[];
  denominatorLabel: string;
  areas: AnalysedArea[];
  /** The areas at the leaf level on a funnel around the Pathfinder rate; null when fewer than 3 can be shown. */
  funnel: { baseline: number; points: FunnelPoint[]; limits: FunnelLine[] } | null;
  /** Any figure in any period is synthetic demo data. */
  synthetic: boolean;
}

function totalCell(table: ControlledTable, code: string) {
  return table.rows.find((r) => r.code === code)?.cells[0];
}

function parentOf(row: ControlledTable['rows'][number], table: ControlledTable): string | null {
  // Rows are in tree order (the Pathfinder, then each locality followed by its areas), so a row's
  // parent is the nearest row above it one level up.
  const index = table.rows.indexOf(row);
  const up: Partial<Record<TableLevel, TableLevel>> = {
    locality: 'pathfinder',
    district: 'locality',
    ward: 'district',
  };
  const parentLevel = up[row.level];
  if (!parentLevel) return null;
  for (let i = index - 1; i >= 0; i--) if (table.rows[i]!.level === parentLevel) return table.rows[i]!.code;
  return null;
}

function localityOf(code: string, byCode: Map<string, AnalysedArea>): string | null {
  let area = byCode.get(code);
  while (area && area.level !== 'locality') area = area.parentCode ? byCode.get(area.parentCode) : undefined;
  return area?.code ?? null;
}

/**
 * @param tables - the indicator's controlled tables for consecutive periods, oldest first; the last is
 *   the current period, whose rows decide the areas shown
 */
export function analyseIndicator(input: {
  tables: readonly ControlledTable[];
  denominators: Denominators;
}): IndicatorAnalysis {
  const current = input.tables.at(-1);
  if (!current) throw new RangeError('at least one period is needed');
  const { indicator } = current;
  const denominatorOf = (code: string) => input.denominators.byArea.get(code) ?? null;

  const areas: AnalysedArea[] = current.rows.map((row) => {
    const series = input.tables.map((t) => {
      const count = publishedCount(totalCell(t, row.code));
      return { period: t.period, count, rate: rateOf(count, denominatorOf(row.code)) };
    });
    const last = series.at(-1)!;
    return {
      code: row.code,
      name: row.name,
      level: row.level,
      parentCode: parentOf(row, current),
      count: last.count,
      denominator: denominatorOf(row.code),
      rate: last.rate,
      vsPathfinder: 'not compared',
      vsLocality: 'not compared',
      trend: trendOf(series.map((p) => p.rate)),
      series,
    };
  });

  const byCode = new Map(areas.map((a) => [a.code, a]));
  const pathfinder = areas.find((a) => a.level === 'pathfinder');
  for (const a of areas) {
    if (a.level === 'pathfinder') continue;
    a.vsPathfinder = compareEstimate(a.rate, pathfinder?.rate, indicator.polarity);
    const locality = a.level === 'locality' ? undefined : localityOf(a.code, byCode);
    if (locality) a.vsLocality = compareEstimate(a.rate, byCode.get(locality)?.rate, indicator.polarity);
  }

  return {
    indicator,
    current,
    tables: input.tables,
    periods: input.tables.map((t) => t.period),
    denominatorLabel: input.denominators.label,
    areas,
    funnel: funnelOf(areas.filter((a) => a.level === current.level)),
    synthetic: input.tables.some((t) => t.synthetic),
  };
}

/** A crude-rate funnel of the leaf areas whose counts are shown, with 95% and 99.8% Poisson limits. */
export function funnelOf(leaves: readonly AnalysedArea[]): IndicatorAnalysis['funnel'] {
  const shown = leaves.filter(
    (a) => a.rate.status === 'ok' && a.denominator !== null && a.count.value !== null,
  );
  if (shown.length < 3 || shown.every((a) => a.count.value === 0)) return null;
  const data = shown.map((a) => ({
    numerator: a.count.value!,
    rate: a.rate.value,
    denominator: a.denominator,
  }));
  const options = { rateType: 'crude' as const, multiplier: 10_000 };
  const limits = rateFunnelLimits(data, { ...options, yearsOfData: 1 });
  const significance = rateFunnelSignificance(data, options);
  const baseline = limits[0]!.baseline;
  return {
    baseline,
    points: shown.map((a, i) => ({
      code: a.code,
      name: a.name,
      denominator: a.denominator!,
      rate: a.rate.value!,
      significance: significance[i]!,
    })),
    limits: limitsOnGrid(
      limits,
      shown.map((a) => a.denominator!),
    ),
  };
}

type Line = { x: number; y: number }[];

/** y at x on a line sorted by x, linear in log x; null outside the line. */
function interpolate(line: Line, x: number): number | null {
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    if (x >= a.x && x <= b.x) {
      const t = b.x === a.x ? 0 : (Math.log(x) - Math.log(a.x)) / (Math.log(b.x) - Math.log(a.x));
      return a.y + t * (b.y - a.y);
    }
  }
  return null;
}

/**
 * The library gives each limit as points (population, rate) per event count; a plot wants the four
 * lines at the same populations, from a little below the smallest area to a little above the largest.
 */
function limitsOnGrid(
  rows: ReturnType<typeof rateFunnelLimits>,
  denominators: readonly number[],
): FunnelLine[] {
  const line = (x: (r: (typeof rows)[number]) => number, y: (r: (typeof rows)[number]) => number): Line =>
    rows
      .map((r) => ({ x: x(r), y: y(r) }))
      .filter((p) => Number.isFinite(p.x) && p.x > 0 && Number.isFinite(p.y))
      .sort((a, b) => a.x - b.x);
  const lines = {
    lower95: line(
      (r) => r.lower2sPopulation1Year,
      (r) => r.lower2s,
    ),
    upper95: line(
      (r) => r.upper2sPopulation1Year,
      (r) => r.upper2s,
    ),
    lower998: line(
      (r) => r.lower3sPopulation1Year,
      (r) => r.lower3s,
    ),
    upper998: line(
      (r) => r.upper3sPopulation1Year,
      (r) => r.upper3s,
    ),
  };
  const from = Math.min(...denominators) * 0.8;
  const to = Math.max(...denominators) * 1.2;
  const steps = 60;
  const out: FunnelLine[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = from * Math.pow(to / from, i / steps);
    const at = {
      lower95: interpolate(lines.lower95, x),
      upper95: interpolate(lines.upper95, x),
      lower998: interpolate(lines.lower998, x),
      upper998: interpolate(lines.upper998, x),
    };
    if (Object.values(at).every((v) => v !== null)) out.push({ x, ...(at as Omit<FunnelLine, 'x'>) });
  }
  return out;
}
