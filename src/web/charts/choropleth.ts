// Choropleth maps of districts or wards from imported boundaries (GeoJSON in WGS84), drawn as
// SVG on a British National Grid-like projection, with a legend and hatched suppressed areas.
import {
  areaShape,
  areaStyle,
  mapLegendAndNote,
  type AreaDatum,
  type ColourScale,
  type MissingLabels,
} from './colour-scale.ts';
import {
  applyFit,
  fitRings,
  labelPoint,
  nationalGridLikeProjection,
  projectGeometry,
  ringArea2,
  ringsToPath,
  simplifyRing,
  toTenths,
  type AreaGeometry,
  type Fit,
  type Ring,
} from './geometry.ts';
import {
  COLOURS,
  chartId,
  escapeXml,
  fmt,
  haloAttributes,
  patternDefs,
  patternIds,
  svgDocument,
  textColourOn,
  type ChartText,
} from './svg.ts';

export type { AreaGeometry } from './geometry.ts';

export interface ChoroplethFeature extends AreaDatum {
  /** GeoJSON Polygon or MultiPolygon in WGS84 lon/lat; either winding is accepted. */
  geometry: AreaGeometry;
}

export interface ChoroplethOptions extends ChartText, MissingLabels {
  features: readonly ChoroplethFeature[];
  scale: ColourScale;
  /** Boundaries drawn over the areas without fill, e.g. districts over a ward map. */
  outlines?: readonly { code: string; name: string; geometry: AreaGeometry }[];
  /** Print each area's label on the map (default: when there are at most 40 areas). */
  labels?: 'value' | 'none';
  /** Width of the map itself in SVG units (default 560); the legend sits to its right. */
  mapWidth?: number;
  /** The map is scaled down if it would be taller than this (default 720). */
  maxMapHeight?: number;
  legendWidth?: number;
  /** Douglas–Peucker tolerance in SVG units (default 0.5). */
  simplify?: number;
  /** Rings (islands, holes) smaller than this many square units are left out (default 1). */
  minRingArea?: number;
  /** Source and attribution, printed under the map, e.g. "Contains OS data © Crown copyright …". */
  note?: string;
}

const PAD = 8;

// Projecting and simplifying detailed boundaries is most of a map's cost and depends only on the
// geometry and the fit, so both are remembered per geometry object (callers that keep their
// boundaries between requests draw later maps at the cost of colouring them).
const projectedMemo = new WeakMap<object, Ring[]>();
const drawnMemo = new WeakMap<Ring[], Map<string, ReturnType<typeof drawArea>>>();

function projectedOf(
  projection: ReturnType<typeof nationalGridLikeProjection>,
  geometry: AreaGeometry,
): Ring[] {
  const hit = projectedMemo.get(geometry);
  if (hit) return hit;
  const rings = projectGeometry(projection, geometry);
  projectedMemo.set(geometry, rings);
  return rings;
}

const labelMemo = new WeakMap<object, [number, number]>();
function labelPointOf(shape: ReturnType<typeof drawArea>): [number, number] {
  let point = labelMemo.get(shape);
  if (!point) labelMemo.set(shape, (point = labelPoint(shape.rings) as [number, number]));
  return point;
}

function drawnOf(
  rings: Ring[],
  fit: Fit,
  tolerance: number,
  minRingArea: number,
): ReturnType<typeof drawArea> {
  const key = [fit.scale, fit.x0, fit.y0, fit.left, fit.top, tolerance, minRingArea].join('|');
  let byFit = drawnMemo.get(rings);
  if (!byFit) drawnMemo.set(rings, (byFit = new Map()));
  let shape = byFit.get(key);
  if (!shape) byFit.set(key, (shape = drawArea(rings, fit, tolerance, minRingArea)));
  return shape;
}

interface DrawnArea {
  rings: Ring[];
  d: string;
  area: number;
}

/** Fitted, simplified, rounded rings of a shape; never empty for a shape with any area. */
function drawArea(projected: readonly Ring[], fit: Fit, tolerance: number, minRingArea: number): DrawnArea {
  const screen = applyFit(projected, fit);
  const measure = (ring: Ring): number => Math.abs(ringArea2(ring)) / 200;
  let rings = screen.map((r) => toTenths(simplifyRing(r, tolerance))).filter((r) => r.length >= 3);
  let kept = rings.filter((r) => measure(r) >= minRingArea);
  if (kept.length === 0) {
    // A tiny area: keep its largest ring, unsimplified if simplification flattened it.
    if (rings.length === 0) rings = screen.map(toTenths).filter((r) => r.length >= 3);
    const largest = [...rings].sort((a, b) => measure(b) - measure(a))[0];
    kept = largest ? [largest] : [];
  }
  const area = kept.reduce((sum, r) => sum + (ringArea2(r) > 0 ? 1 : -1) * measure(r), 0);
  return {
    rings: kept.map((r) => r.map(([x, y]) => [x / 10, y / 10] as [number, number])),
    d: ringsToPath(kept),
    area: Math.abs(area),
  };
}

/**
 * An SVG choropleth: one <path data-code> per area (largest first, so enclosed areas stay on
 * top), filled by class colour, hatched when suppressed, dotted when there is no value, each with
 * a <title> "Name: label"; an optional label per area; the legend to the right.
 */
export function choroplethMap(options: ChoroplethOptions): string {
  const id = chartId('map', options.id, `${options.title}|${options.description}`);
  const patterns = patternIds(id);
  const tolerance = options.simplify ?? 0.5;
  const minRingArea = options.minRingArea ?? 1;
  const mapWidth = options.mapWidth ?? 560;
  const legendWidth = options.legendWidth ?? 200;
  const showLabels = (options.labels ?? (options.features.length <= 40 ? 'value' : 'none')) === 'value';

  const projection = nationalGridLikeProjection();
  const projected = options.features.map((f) => projectedOf(projection, f.geometry));
  const fit = fitRings(projected, {
    left: PAD,
    top: PAD,
    width: mapWidth,
    maxHeight: options.maxMapHeight ?? 720,
  });
  const size = options.features.length > 0 ? fit : { width: mapWidth, height: 200 };

  const styles = options.features.map((f) => areaStyle(f, options.scale, patterns));
  const drawn = options.features.map((f, i) => ({
    feature: f,
    style: styles[i] ?? areaStyle(f, options.scale, patterns),
    shape: drawnOf(projected[i] ?? [], fit, tolerance, minRingArea),
  }));
  drawn.sort((a, b) => b.shape.area - a.shape.area);

  const many = options.features.length > 100;
  const areas = drawn
    .map(({ feature, style, shape }) => areaShape('path', feature, style, ` d="${shape.d}"`))
    .join('');
  const areaGroup =
    `<g class="clmd-chart-areas" stroke="${COLOURS.secondaryText}" stroke-width="${many ? 0.3 : 0.6}" stroke-linejoin="round" fill-rule="evenodd">` +
    areas +
    `</g>`;

  let outlineGroup = '';
  if (options.outlines?.length) {
    const outlines = options.outlines
      .map((o) => {
        const shape = drawnOf(projectedOf(projection, o.geometry), fit, tolerance, minRingArea * 4);
        return `<path class="clmd-chart-outline" data-code="${escapeXml(o.code)}" d="${shape.d}"><title>${escapeXml(o.name)}</title></path>`;
      })
      .join('');
    outlineGroup = `<g class="clmd-chart-outlines" fill="none" stroke="${COLOURS.text}" stroke-width="1.2" stroke-linejoin="round" pointer-events="none">${outlines}</g>`;
  }

  let labelGroup = '';
  if (showLabels) {
    const labels = drawn
      .map(({ feature, style, shape }) => {
        if (!feature.label) return '';
        const [x, y] = labelPointOf(shape);
        const colour = textColourOn(style.background);
        return `<text x="${fmt(x)}" y="${fmt(y + 4)}" data-code="${escapeXml(feature.code)}" fill="${colour}"${haloAttributes(style.background, 3)}>${escapeXml(feature.label)}</text>`;
      })
      .join('');
    labelGroup = `<g class="clmd-chart-labels" text-anchor="middle" font-size="12" font-weight="bold" pointer-events="none">${labels}</g>`;
  }

  const side = mapLegendAndNote({
    scale: options.scale,
    styles,
    patterns,
    labels: options,
    mapWidth: size.width,
    mapHeight: size.height,
    legendWidth,
    note: options.note,
  });

  return svgDocument({
    id,
    kind: 'map',
    width: side.width,
    height: side.height,
    title: options.title,
    description: options.description,
    defs: patternDefs(patterns),
    body: areaGroup + outlineGroup + labelGroup + side.svg,
  });
}
