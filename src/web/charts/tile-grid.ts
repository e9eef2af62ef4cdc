// The map to use when no boundaries are imported: a square tile-grid cartogram of the 32
// Pathfinder districts, placed by hand roughly where they are (Norfolk north, Suffolk below it,
// Cambridgeshire and Peterborough to the west, Essex to the south), one equal tile per district.
import { DISTRICTS } from '../../modules/geography/geography.builtin.ts';
import {
  areaShape,
  areaStyle,
  mapLegendAndNote,
  type AreaDatum,
  type ColourScale,
  type MissingLabels,
} from './colour-scale.ts';
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

/** Column (west → east), row (north → south) and the short label of each district's tile. */
export const TILE_LAYOUT: ReadonlyMap<string, { col: number; row: number; short: string }> = new Map([
  // Norfolk
  ['E07000146', { col: 1, row: 0, short: "King's Lynn" }],
  ['E07000147', { col: 2, row: 0, short: 'N Norfolk' }],
  ['E07000144', { col: 3, row: 0, short: 'Broadland' }],
  ['E07000143', { col: 2, row: 1, short: 'Breckland' }],
  ['E07000148', { col: 3, row: 1, short: 'Norwich' }],
  ['E07000145', { col: 4, row: 1, short: 'Gt Yarmouth' }],
  ['E07000149', { col: 3, row: 2, short: 'S Norfolk' }],
  // Cambridgeshire and Peterborough
  ['E06000031', { col: 0, row: 1, short: 'Peterborough' }],
  ['E07000010', { col: 1, row: 1, short: 'Fenland' }],
  ['E07000011', { col: 0, row: 2, short: 'Hunts' }],
  ['E07000009', { col: 1, row: 2, short: 'E Cambs' }],
  ['E07000012', { col: 0, row: 3, short: 'S Cambs' }],
  ['E07000008', { col: 1, row: 3, short: 'Cambridge' }],
  // Suffolk
  ['E07000245', { col: 2, row: 2, short: 'W Suffolk' }],
  ['E07000244', { col: 4, row: 2, short: 'E Suffolk' }],
  ['E07000200', { col: 2, row: 3, short: 'Babergh' }],
  ['E07000203', { col: 3, row: 3, short: 'Mid Suffolk' }],
  ['E07000202', { col: 4, row: 3, short: 'Ipswich' }],
  // Essex, Southend-on-Sea and Thurrock
  ['E07000073', { col: 0, row: 4, short: 'Harlow' }],
  ['E07000077', { col: 1, row: 4, short: 'Uttlesford' }],
  ['E07000067', { col: 2, row: 4, short: 'Braintree' }],
  ['E07000071', { col: 3, row: 4, short: 'Colchester' }],
  ['E07000076', { col: 4, row: 4, short: 'Tendring' }],
  ['E07000072', { col: 0, row: 5, short: 'Epping F' }],
  ['E07000068', { col: 1, row: 5, short: 'Brentwood' }],
  ['E07000070', { col: 2, row: 5, short: 'Chelmsford' }],
  ['E07000074', { col: 3, row: 5, short: 'Maldon' }],
  ['E06000034', { col: 1, row: 6, short: 'Thurrock' }],
  ['E07000066', { col: 2, row: 6, short: 'Basildon' }],
  ['E07000075', { col: 3, row: 6, short: 'Rochford' }],
  ['E07000069', { col: 2, row: 7, short: 'Castle Point' }],
  ['E06000033', { col: 3, row: 7, short: 'Southend' }],
]);

export interface TileGridOptions extends ChartText, MissingLabels {
  /** One datum per district (GSS LAD code); districts without one are drawn as "no data". */
  areas: readonly AreaDatum[];
  scale: ColourScale;
  /** Side of a tile in SVG units (default 88). */
  tileSize?: number;
  legendWidth?: number;
  note?: string;
}

const PAD = 8;
const GAP = 4;

/**
 * A tile-grid cartogram of the 32 districts with the same classes, legend and suppression
 * styling as the choropleth: each tile carries a short name and the area's label, and a
 * <title> with the full name for hover. Throws on codes that are not Pathfinder districts.
 */
export function tileGridMap(options: TileGridOptions): string {
  const id = chartId('tiles', options.id, `${options.title}|${options.description}`);
  const patterns = patternIds(id);
  const tile = options.tileSize ?? 88;
  const legendWidth = options.legendWidth ?? 200;
  const byCode = new Map(options.areas.map((a) => [a.code, a]));
  for (const code of byCode.keys()) {
    if (!TILE_LAYOUT.has(code)) throw new RangeError(`${code} is not one of the 32 Pathfinder districts`);
  }

  const data: AreaDatum[] = DISTRICTS.map(
    (d) => byCode.get(d.code) ?? { code: d.code, name: d.name, value: null, label: '[x]', suppressed: false },
  );
  const styles = data.map((a) => areaStyle(a, options.scale, patterns));
  const cols = Math.max(...[...TILE_LAYOUT.values()].map((t) => t.col)) + 1;
  const rows = Math.max(...[...TILE_LAYOUT.values()].map((t) => t.row)) + 1;
  const step = tile + GAP;

  const tiles = data
    .map((a, i) => {
      const place = TILE_LAYOUT.get(a.code);
      const style = styles[i];
      if (!place || !style) return '';
      const x = PAD + place.col * step;
      const y = PAD + place.row * step;
      const ink = textColourOn(style.background);
      const halo = style.state === 'class' ? '' : haloAttributes(style.background, 3);
      return (
        `<g class="clmd-chart-tile" data-code="${escapeXml(a.code)}">` +
        areaShape(
          'rect',
          a,
          style,
          ` x="${fmt(x)}" y="${fmt(y)}" width="${tile}" height="${tile}" stroke="${COLOURS.secondaryText}" stroke-width="0.6"`,
        ) +
        `<text x="${fmt(x + tile / 2)}" y="${fmt(y + 22)}" font-size="12" fill="${ink}"${halo} pointer-events="none">${escapeXml(place.short)}</text>` +
        `<text x="${fmt(x + tile / 2)}" y="${fmt(y + tile / 2 + 16)}" font-size="18" font-weight="bold" fill="${ink}"${halo} pointer-events="none">${escapeXml(a.label)}</text>` +
        `</g>`
      );
    })
    .join('');

  const gridWidth = cols * step - GAP;
  const gridHeight = rows * step - GAP;
  const side = mapLegendAndNote({
    scale: options.scale,
    styles,
    patterns,
    labels: options,
    mapWidth: gridWidth,
    mapHeight: gridHeight,
    legendWidth,
    note: options.note,
  });

  return svgDocument({
    id,
    kind: 'tile-grid',
    width: side.width,
    height: side.height,
    title: options.title,
    description: options.description,
    defs: patternDefs(patterns),
    body: `<g class="clmd-chart-areas" text-anchor="middle">` + tiles + `</g>` + side.svg,
  });
}
