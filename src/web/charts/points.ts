// Pieces shared by the funnel and scatter plots: point classes (colour and shape), markers, greedy
// placement of point labels so that they do not overlap each other or the points, and the legend
// entries of the classes drawn and of the points left out.
import type { PlotArea } from './axes.ts';
import {
  COLOURS,
  escapeXml,
  fmt,
  haloAttributes,
  markerElement,
  MIN_FONT_SIZE,
  textWidth,
  type LegendEntry,
  type MarkerShape,
} from './svg.ts';

/** How the points of one class look: colour and shape both differ, so colour is never the only cue. */
export interface PointClass {
  key: string;
  label: string;
  colour: string;
  shape: MarkerShape;
  /** Hollow markers (white fill, coloured outline) when false (default true). */
  filled?: boolean;
}

export const UNCLASSIFIED: PointClass = {
  key: 'unclassified',
  label: 'Not classified',
  colour: COLOURS.secondaryText,
  shape: 'circle',
  filled: false,
};

export const POINT_SIZE = 10;

export function pointMarker(cls: PointClass, x: number, y: number, tooltip: string, extra = ''): string {
  const filled = cls.filled ?? true;
  return markerElement(
    cls.shape,
    x,
    y,
    POINT_SIZE,
    ` class="clmd-chart-point" data-class="${escapeXml(cls.key)}"${extra} fill="${filled ? cls.colour : COLOURS.white}" stroke="${filled ? COLOURS.white : cls.colour}" stroke-width="${filled ? 1 : 2}"`,
    `<title>${escapeXml(tooltip)}</title>`,
  );
}

export function pointLegendEntry(cls: PointClass): LegendEntry {
  const filled = cls.filled ?? true;
  return {
    key: cls.key,
    label: cls.label,
    swatch: {
      kind: 'marker',
      shape: cls.shape,
      fill: filled ? cls.colour : COLOURS.white,
      stroke: cls.colour,
    },
  };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export interface LabelRequest {
  x: number;
  y: number;
  text: string;
}

/**
 * Labels beside points: right, left, above or below, whichever first fits inside the plot
 * without covering another label or point. Labels that fit nowhere are left out (every point
 * still has its tooltip, and the table beside the chart has every figure).
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  plot: PlotArea,
  points: readonly { x: number; y: number }[],
): string {
  const size = MIN_FONT_SIZE;
  const r = POINT_SIZE / 2 + 1;
  const taken: Box[] = points.map((p) => ({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r }));
  const out: string[] = [];
  for (const req of requests) {
    const w = textWidth(req.text, size);
    const candidates: { box: Box; tx: number; ty: number; anchor: string }[] = [
      {
        box: { x0: req.x + r + 2, y0: req.y - 7, x1: req.x + r + 2 + w, y1: req.y + 7 },
        tx: req.x + r + 2,
        ty: req.y + 4,
        anchor: 'start',
      },
      {
        box: { x0: req.x - r - 2 - w, y0: req.y - 7, x1: req.x - r - 2, y1: req.y + 7 },
        tx: req.x - r - 2,
        ty: req.y + 4,
        anchor: 'end',
      },
      {
        box: { x0: req.x - w / 2, y0: req.y - r - 16, x1: req.x + w / 2, y1: req.y - r - 2 },
        tx: req.x,
        ty: req.y - r - 5,
        anchor: 'middle',
      },
      {
        box: { x0: req.x - w / 2, y0: req.y + r + 2, x1: req.x + w / 2, y1: req.y + r + 16 },
        tx: req.x,
        ty: req.y + r + 13,
        anchor: 'middle',
      },
    ];
    const fit = candidates.find(
      (c) =>
        c.box.x0 >= plot.left &&
        c.box.x1 <= plot.left + plot.width &&
        c.box.y0 >= plot.top &&
        c.box.y1 <= plot.top + plot.height &&
        !taken.some((t) => overlaps(t, c.box)),
    );
    if (!fit) continue;
    taken.push(fit.box);
    out.push(
      `<text x="${fmt(fit.tx)}" y="${fmt(fit.ty)}"${fit.anchor === 'start' ? '' : ` text-anchor="${fit.anchor}"`}${haloAttributes()}>${escapeXml(req.text)}</text>`,
    );
  }
  return `<g class="clmd-chart-point-labels" font-size="${size}" fill="${COLOURS.text}" pointer-events="none">${out.join('')}</g>`;
}

/** A point as drawn: where, in which class, its tooltip and its label. */
export interface DrawnPoint {
  x: number;
  y: number;
  cls: PointClass;
  tooltip: string;
  label: string;
  /** Label this point when only highlighted points are labelled. */
  highlight?: boolean;
  /** Written as data-code, e.g. a GSS code. */
  code?: string;
}

/** The points' markers, then the labels of all, the highlighted or none of them. */
export function pointsLayer(
  points: readonly DrawnPoint[],
  plot: PlotArea,
  labelled: 'all' | 'highlighted' | 'none',
): string {
  const markers = points
    .map((p) => pointMarker(p.cls, p.x, p.y, p.tooltip, p.code ? ` data-code="${escapeXml(p.code)}"` : ''))
    .join('');
  const labels =
    labelled === 'none'
      ? ''
      : placeLabels(
          points
            .filter((p) => labelled === 'all' || p.highlight)
            .map((p) => ({ x: p.x, y: p.y, text: p.label })),
          plot,
          points,
        );
  return `<g class="clmd-chart-points">${markers}</g>${labels}`;
}

/** Legend entries of the classes that some point is drawn in, in the classes' order, "Not classified" last. */
export function classLegendEntries(
  classes: readonly PointClass[],
  points: readonly DrawnPoint[],
): LegendEntry[] {
  const used = new Set(points.map((p) => p.cls.key));
  return [...classes, UNCLASSIFIED].filter((c) => used.has(c.key)).map(pointLegendEntry);
}

/** The legend entry for the points not drawn (suppressed or without a value); none when all are. */
export function hiddenPointsEntries(hidden: number): LegendEntry[] {
  if (hidden <= 0) return [];
  return [
    {
      key: 'suppressed',
      label: `[c] ${hidden} ${hidden === 1 ? 'area' : 'areas'} suppressed or not available, not shown`,
      swatch: { kind: 'marker', shape: 'circle', fill: COLOURS.white, stroke: COLOURS.border },
    },
  ];
}
