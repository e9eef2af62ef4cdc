// Colour scales for maps: sequential classes (quantiles or fixed breaks) or categorical classes,
// how an area's value, suppression and class become a fill and a legend entry, and the parts the
// choropleth and the tile grid draw alike: each area's shape and the legend beside the map.
import {
  CATEGORICAL_COLOURS,
  COLOURS,
  escapeXml,
  formatNumber,
  noteBelow,
  renderLegend,
  sequentialColours,
  type LegendEntry,
  type PatternIds,
  type RenderedBlock,
  type SequentialPalette,
} from './svg.ts';

/** One area's figure as a map shows it (the geometry, if any, comes separately). */
export interface AreaDatum {
  /** GSS code: written as data-code on the area. */
  code: string;
  name: string;
  value: number | null;
  /** For categorical scales: the class key. For sequential scales: overrides the class found from the value. */
  class?: string;
  /** The text shown for the area, e.g. "12.3" or "[c]". */
  label: string;
  /** Suppressed by disclosure control: drawn hatched and listed as "[c] suppressed". */
  suppressed: boolean;
}

export interface ColourClass {
  key: string;
  label: string;
  colour: string;
}

export interface ColourScale {
  kind: 'sequential' | 'categorical';
  /** Legend heading, e.g. "Rate per 10,000 children". */
  title?: string;
  classes: readonly ColourClass[];
  /** The class of a value (or of the datum's own `class`), null when there is none. */
  classify(datum: { value: number | null; class?: string }): ColourClass | null;
}

export interface SequentialOptions {
  /** Number of classes (default 5). */
  classes?: number;
  palette?: SequentialPalette;
  /** Decimals in the legend labels (default 1). */
  decimals?: number;
  title?: string;
  /** Labels to use instead of the generated ones, one per class. */
  labels?: readonly string[];
}

/** The p-th quantile (0–1) of sorted values, linear interpolation (R type 7). */
function quantileSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

function classByBreaks(breaks: readonly number[], value: number): number {
  let i = 0;
  while (i < breaks.length && value >= (breaks[i] ?? Infinity)) i++;
  return i;
}

function sequentialScale(
  breaks: readonly number[],
  labels: readonly string[],
  options: SequentialOptions,
): ColourScale {
  const colours = sequentialColours(options.palette ?? 'blues', breaks.length + 1);
  const classes: ColourClass[] = colours.map((colour, i) => ({
    key: `class-${i + 1}`,
    label: options.labels?.[i] ?? labels[i] ?? '',
    colour,
  }));
  return {
    kind: 'sequential',
    ...(options.title ? { title: options.title } : {}),
    classes,
    classify(datum) {
      if (datum.class) {
        const own = classes.find((c) => c.key === datum.class);
        if (own) return own;
      }
      if (datum.value === null || !Number.isFinite(datum.value)) return null;
      return classes[classByBreaks(breaks, datum.value)] ?? null;
    },
  };
}

/**
 * Classes holding about equal numbers of areas: breaks at the quantiles of the values given
 * (nulls ignored). Ties can merge classes, so there may be fewer than asked for. Labels read
 * "min to under b1", "b1 to under b2", …, "bk to max".
 */
export function quantileScale(
  values: readonly (number | null)[],
  options: SequentialOptions = {},
): ColourScale {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  const n = options.classes ?? 5;
  const decimals = options.decimals ?? 1;
  const f = (v: number): string => formatNumber(v, decimals);
  if (sorted.length === 0) return sequentialScale([], ['No values'], options);
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const breaks: number[] = [];
  for (let i = 1; i < n; i++) {
    // Round breaks to the decimals shown, so that labels and classification agree.
    const b = Number(quantileSorted(sorted, i / n).toFixed(decimals));
    if (b > min && b <= max && b !== breaks[breaks.length - 1]) breaks.push(b);
  }
  const labels: string[] = [];
  const bounds = [min, ...breaks, max];
  for (let i = 0; i <= breaks.length; i++) {
    const lo = bounds[i] ?? min;
    const hi = bounds[i + 1] ?? max;
    labels.push(i === breaks.length ? `${f(lo)} to ${f(hi)}` : `${f(lo)} to under ${f(hi)}`);
  }
  return sequentialScale(breaks, labels, options);
}

/** Classes with fixed break points (ascending): "Under b1", "b1 to under b2", …, "bk and over". */
export function breaksScale(
  breaks: readonly number[],
  options: Omit<SequentialOptions, 'classes'> = {},
): ColourScale {
  for (let i = 1; i < breaks.length; i++) {
    if ((breaks[i] ?? 0) <= (breaks[i - 1] ?? 0)) throw new RangeError('Breaks must be strictly ascending');
  }
  const decimals = options.decimals ?? 1;
  const f = (v: number): string => formatNumber(v, decimals);
  const labels: string[] = [];
  for (let i = 0; i <= breaks.length; i++) {
    const lo = breaks[i - 1];
    const hi = breaks[i];
    if (lo === undefined) labels.push(`Under ${f(hi ?? 0)}`);
    else if (hi === undefined) labels.push(`${f(lo)} and over`);
    else labels.push(`${f(lo)} to under ${f(hi)}`);
  }
  return sequentialScale(breaks, labels, options);
}

/**
 * Named classes (e.g. "Significantly higher", "Similar", "Significantly lower"); an area takes
 * the class its datum names. Colours default to the categorical palette in order.
 */
export function categoricalScale(
  categories: readonly { key: string; label: string; colour?: string }[],
  options: { title?: string } = {},
): ColourScale {
  const classes: ColourClass[] = categories.map((c, i) => ({
    key: c.key,
    label: c.label,
    colour: c.colour ?? CATEGORICAL_COLOURS[i % CATEGORICAL_COLOURS.length] ?? COLOURS.text,
  }));
  return {
    kind: 'categorical',
    ...(options.title ? { title: options.title } : {}),
    classes,
    classify(datum) {
      return classes.find((c) => c.key === datum.class) ?? null;
    },
  };
}

export type AreaState = 'class' | 'suppressed' | 'no-data';

export interface AreaStyle {
  state: AreaState;
  fill: string;
  /** The colour class, when the area has one. */
  colourClass: ColourClass | null;
  /** Colour for text drawn on the area. */
  background: string;
}

/** How an area is filled: suppressed areas hatched, areas with no class dotted, others by class colour. */
export function areaStyle(datum: AreaDatum, scale: ColourScale, patterns: PatternIds): AreaStyle {
  if (datum.suppressed) {
    return {
      state: 'suppressed',
      fill: `url(#${patterns.suppressed})`,
      colourClass: null,
      background: COLOURS.lightGrey,
    };
  }
  const colourClass = scale.classify(datum);
  if (!colourClass) {
    return {
      state: 'no-data',
      fill: `url(#${patterns.noData})`,
      colourClass: null,
      background: COLOURS.white,
    };
  }
  return { state: 'class', fill: colourClass.colour, colourClass, background: colourClass.colour };
}

export interface MissingLabels {
  /** Legend text for suppressed areas (default "[c] suppressed"). */
  suppressedLabel?: string;
  /** Legend text for areas without a value (default "No data"). */
  noDataLabel?: string;
}

/** Legend entries: every class of the scale, then suppressed and no data when any area is so. */
export function areaLegendEntries(
  scale: ColourScale,
  styles: readonly AreaStyle[],
  patterns: PatternIds,
  labels: MissingLabels = {},
): LegendEntry[] {
  const entries: LegendEntry[] = scale.classes.map((c) => ({
    key: c.key,
    label: c.label,
    swatch: { kind: 'fill', fill: c.colour },
  }));
  if (styles.some((s) => s.state === 'suppressed')) {
    entries.push({
      key: 'suppressed',
      label: labels.suppressedLabel ?? '[c] suppressed',
      swatch: { kind: 'fill', fill: `url(#${patterns.suppressed})` },
    });
  }
  if (styles.some((s) => s.state === 'no-data')) {
    entries.push({
      key: 'no-data',
      label: labels.noDataLabel ?? 'No data',
      swatch: { kind: 'fill', fill: `url(#${patterns.noData})` },
    });
  }
  return entries;
}

/** The hover text of an area: "Name: label". */
export function areaTooltip(datum: AreaDatum): string {
  return `${datum.name}: ${datum.label}`;
}

/**
 * An area drawn as `<path>` or `<rect>` (its geometry and any further attributes in `geometry`):
 * classed by its state, with data-code, data-state and data-class, filled as its style says, and its
 * tooltip as the <title>.
 */
export function areaShape(
  tag: 'path' | 'rect',
  datum: AreaDatum,
  style: AreaStyle,
  geometry: string,
): string {
  return (
    `<${tag} class="clmd-chart-area clmd-chart-area--${style.state}" data-code="${escapeXml(datum.code)}" data-state="${style.state}"` +
    `${style.colourClass ? ` data-class="${escapeXml(style.colourClass.key)}"` : ''} fill="${style.fill}"${geometry}>` +
    `<title>${escapeXml(areaTooltip(datum))}</title></${tag}>`
  );
}

const MAP_PAD = 8;
const MAP_GAP = 24;

/**
 * The legend to the right of a map (drawn from (8, 8), `mapWidth` × `mapHeight`) and the note under
 * both: their markup and the chart's width and height.
 */
export function mapLegendAndNote(options: {
  scale: ColourScale;
  styles: readonly AreaStyle[];
  patterns: PatternIds;
  labels: MissingLabels;
  mapWidth: number;
  mapHeight: number;
  legendWidth: number;
  note?: string;
}): RenderedBlock {
  const legendX = MAP_PAD + options.mapWidth + MAP_GAP;
  const legend = renderLegend(
    areaLegendEntries(options.scale, options.styles, options.patterns, options.labels),
    {
      x: legendX,
      y: MAP_PAD,
      width: options.legendWidth,
      ...(options.scale.title ? { title: options.scale.title } : {}),
    },
  );
  const width = legendX + options.legendWidth + MAP_PAD;
  const note = noteBelow(options.note, Math.max(options.mapHeight, legend.height) + 2 * MAP_PAD, width);
  return { svg: legend.svg + note.svg, width, height: note.bottom };
}
