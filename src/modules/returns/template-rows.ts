// The rows a return is expected to have: what the templates prefill and what completeness counts.
// For each indicator the organisation supplies and that is due in the quarter, one row per allowed area
// at the indicator's area levels, per date window, for the total and for each value of each breakdown
// dimension on its own. Cross-tabulations (sex × age band) are deliberately not generated: they multiply
// the rows, make small numbers that disclosure control would suppress anyway, and the breakdowns-above-
// total check is defined one dimension at a time.
import { findDimension, type Dimension } from '../catalogue/catalogue.dimensions.ts';
import type { AreaLevel, Indicator } from '../catalogue/catalogue.model.ts';
import { indicatorWindows } from './periods.ts';
import type { AreaInfo, ReturnValidationContext } from './return-file.model.ts';

export interface TemplateRow {
  indicatorId: string;
  areaCode: string;
  areaName: string;
  periodStart: string;
  periodEnd: string;
  /** The breakdown of this row: undefined for the total. */
  breakdown?: { dimension: string; value: string };
}

/**
 * The dimensions an indicator is broken down by. A category indicator's dimension says how its value is
 * coded (the ERSOU threat level is "high", "medium" or "low"), not a split of a total, so it has none.
 */
export function breakdownDimensions(indicator: Indicator): Dimension[] {
  if (indicator.valueType === 'category') return [];
  return indicator.dimensions.map(findDimension).filter((d): d is Dimension => d !== undefined);
}

/** The codes a category indicator's value must be one of, or undefined when any short text will do. */
export function categoryCodes(indicator: Indicator): string[] | undefined {
  if (indicator.valueType !== 'category') return undefined;
  const codes = indicator.dimensions.flatMap((id) => findDimension(id)?.values.map((v) => v.code) ?? []);
  return codes.length > 0 ? codes : undefined;
}

const LEVEL_ORDER: Record<AreaLevel, number> = { pathfinder: 0, locality: 1, district: 2, ward: 3 };

/** Areas the organisation may report for, grouped by level, in the order a reader would expect. */
function allowedAreasByLevel(ctx: ReturnValidationContext): Map<AreaLevel, AreaInfo[]> {
  const areas: AreaInfo[] = [];
  for (const code of ctx.allowedAreas) {
    const area = ctx.knownAreas.get(code);
    if (area) areas.push(area);
  }
  // Wards sit under their district so a district lead can fill in their own block of rows.
  areas.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.districtCode ?? '').localeCompare(b.districtCode ?? '') ||
      a.name.localeCompare(b.name, 'en-GB') ||
      a.code.localeCompare(b.code),
  );
  const byLevel = new Map<AreaLevel, AreaInfo[]>();
  for (const area of areas) {
    const list = byLevel.get(area.level);
    if (list) list.push(area);
    else byLevel.set(area.level, [area]);
  }
  return byLevel;
}

/** Indicators in a template: supplied by the organisation and due in the quarter, in catalogue order. */
export function templateIndicators(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
): Indicator[] {
  return indicators.filter(
    (i) => ctx.supplied.has(i.id) && indicatorWindows(i.periodKind, ctx.quarter).length > 0,
  );
}

/** Every row the organisation's return for the quarter may contain; see the file comment. */
export function templateRows(ctx: ReturnValidationContext, indicators: readonly Indicator[]): TemplateRow[] {
  const byLevel = allowedAreasByLevel(ctx);
  const rows: TemplateRow[] = [];
  for (const indicator of templateIndicators(ctx, indicators)) {
    const windows = indicatorWindows(indicator.periodKind, ctx.quarter);
    const dimensions = breakdownDimensions(indicator);
    const levels = [...indicator.areaLevels].sort((a, b) => LEVEL_ORDER[a] - LEVEL_ORDER[b]);
    for (const level of levels) {
      for (const area of byLevel.get(level) ?? []) {
        for (const window of windows) {
          const base = {
            indicatorId: indicator.id,
            areaCode: area.code,
            areaName: area.name,
            periodStart: window.start,
            periodEnd: window.end,
          };
          rows.push(base);
          for (const dimension of dimensions) {
            for (const value of dimension.values) {
              rows.push({ ...base, breakdown: { dimension: dimension.id, value: value.code } });
            }
          }
        }
      }
    }
  }
  return rows;
}
