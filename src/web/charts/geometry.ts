// Geometry for the maps: winding, projection to SVG space, simplification, compact path data and
// label positions. Pure functions over GeoJSON-like coordinates.
import { geoTransverseMercator, type GeoProjection } from 'd3-geo';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** A ring in SVG coordinates (not closed: the last point is not a repeat of the first). */
export type Ring = [number, number][];

/** Twice the signed planar area of a ring (positive = counter-clockwise with y pointing up). */
export function ringArea2(ring: readonly (readonly number[] | Position)[]): number {
  let a = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const p = ring[i] ?? [0, 0];
    const q = ring[(i + 1) % n] ?? [0, 0];
    a += (p[0] ?? 0) * (q[1] ?? 0) - (q[0] ?? 0) * (p[1] ?? 0);
  }
  return a;
}

function orient(ring: readonly Position[], clockwise: boolean): Position[] {
  const copy = ring.map((p) => [p[0] ?? 0, p[1] ?? 0]);
  const isClockwise = ringArea2(copy) < 0;
  return isClockwise === clockwise ? copy : copy.reverse();
}

function rewindPolygon(rings: readonly (readonly Position[])[]): Position[][] {
  return rings.map((ring, i) => orient(ring, i === 0));
}

/**
 * The winding d3-geo expects for spherical polygons: exterior rings clockwise, holes
 * counter-clockwise (as seen on a lon/lat plot, north up). GeoJSON (RFC 7946) says the opposite,
 * and d3 would read an RFC 7946 polygon as "the whole globe except this area". Rings are judged
 * by their planar area in lon/lat, which is right for anything smaller than a hemisphere, so
 * this works whichever winding the input has. The input is not modified.
 */
export function rewindForD3<G extends AreaGeometry>(geometry: G): G {
  if (geometry.type === 'Polygon') {
    return { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates) } as G;
  }
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewindPolygon) } as G;
}

/**
 * A British National Grid-like view: transverse Mercator on the 2°W central meridian (as the
 * OSGB36 National Grid), at unit scale; fitRings scales and places the result.
 */
export function nationalGridLikeProjection(): GeoProjection {
  return geoTransverseMercator().rotate([2, 0]).scale(1).translate([0, 0]);
}

/**
 * The rings of a geometry projected point by point (x east, y south), each without its closing
 * point. Projecting points rather than streaming polygons through d3's spherical clipping makes
 * this indifferent to ring winding (RFC 7946 or d3's) and several times faster; there is nothing
 * to clip in a view of part of England.
 */
export function projectGeometry(projection: GeoProjection, geometry: AreaGeometry): Ring[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Ring[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const out: Ring = [];
      const n =
        ring.length > 1 && samePosition(ring[0], ring[ring.length - 1]) ? ring.length - 1 : ring.length;
      for (let i = 0; i < n; i++) {
        const p = ring[i];
        const xy = p ? projection([p[0] ?? 0, p[1] ?? 0]) : null;
        if (xy && Number.isFinite(xy[0]) && Number.isFinite(xy[1])) out.push([xy[0], xy[1]]);
      }
      if (out.length >= 3) rings.push(out);
    }
  }
  return rings;
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}

/** A uniform scale and offset taking projected rings into a box. */
export interface Fit {
  scale: number;
  x0: number;
  y0: number;
  left: number;
  top: number;
  /** Size of the fitted drawing. */
  width: number;
  height: number;
}

/**
 * Scales the drawing to `width` (or less, if it would then be taller than `maxHeight`) keeping
 * its proportions, with its top-left corner at (left, top).
 */
export function fitRings(
  shapes: readonly (readonly Ring[])[],
  box: { left: number; top: number; width: number; maxHeight: number },
): Fit {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const rings of shapes) {
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (!Number.isFinite(x0))
    return { scale: 1, x0: 0, y0: 0, left: box.left, top: box.top, width: box.width, height: 0 };
  const w = Math.max(x1 - x0, 1e-12);
  const h = Math.max(y1 - y0, 1e-12);
  const scale = Math.min(box.width / w, box.maxHeight / h);
  return { scale, x0, y0, left: box.left, top: box.top, width: w * scale, height: h * scale };
}

export function applyFit(rings: readonly Ring[], fit: Fit): Ring[] {
  return rings.map((ring) =>
    ring.map(
      ([x, y]) =>
        [fit.left + (x - fit.x0) * fit.scale, fit.top + (y - fit.y0) * fit.scale] as [number, number],
    ),
  );
}

function segmentDistance2(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const ex = a[0] + t * dx - p[0];
  const ey = a[1] + t * dy - p[1];
  return ex * ex + ey * ey;
}

/** Douglas–Peucker on an open polyline: the indices to keep (first and last always). */
function douglasPeucker(
  points: readonly [number, number][],
  from: number,
  to: number,
  tolerance2: number,
  keep: Uint8Array,
): void {
  const stack: [number, number][] = [[from, to]];
  keep[from] = 1;
  keep[to] = 1;
  while (stack.length) {
    const [a, b] = stack.pop() ?? [0, 0];
    let maxD = -1;
    let index = -1;
    const pa = points[a] ?? [0, 0];
    const pb = points[b] ?? [0, 0];
    for (let i = a + 1; i < b; i++) {
      const d = segmentDistance2(points[i] ?? [0, 0], pa, pb);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && maxD > tolerance2) {
      keep[index] = 1;
      stack.push([a, index], [index, b]);
    }
  }
}

/**
 * Simplifies a closed ring with Douglas–Peucker: no point of the original is further than
 * `tolerance` from the result. The ring is split at its first point and the point furthest from
 * it, so both anchors survive.
 */
export function simplifyRing(ring: Ring, tolerance: number): Ring {
  const n = ring.length;
  if (n <= 4 || tolerance <= 0) return ring;
  const first = ring[0] ?? [0, 0];
  let far = 1;
  let farD = -1;
  for (let i = 1; i < n; i++) {
    const p = ring[i] ?? [0, 0];
    const d = (p[0] - first[0]) ** 2 + (p[1] - first[1]) ** 2;
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  const closed: [number, number][] = [...ring, first];
  const keep = new Uint8Array(closed.length);
  douglasPeucker(closed, 0, far, tolerance * tolerance, keep);
  douglasPeucker(closed, far, n, tolerance * tolerance, keep);
  const out: Ring = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(ring[i] ?? [0, 0]);
  return out;
}

/** A ring rounded to tenths of a unit, integer-valued (x10), without repeated points. */
export function toTenths(ring: Ring): Ring {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const X = Math.round(x * 10);
    const Y = Math.round(y * 10);
    const last = out[out.length - 1];
    if (!last || last[0] !== X || last[1] !== Y) out.push([X, Y]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

function tenthsText(t: number): string {
  const a = Math.abs(t);
  const whole = Math.floor(a / 10);
  const frac = a % 10;
  const body = frac === 0 ? String(whole) : whole === 0 ? `.${frac}` : `${whole}.${frac}`;
  return t < 0 ? `-${body}` : body;
}

function joinNumbers(values: readonly number[]): string {
  let out = '';
  for (const v of values) {
    const s = tenthsText(v);
    out += out === '' || s.startsWith('-') ? s : ` ${s}`;
  }
  return out;
}

/** Compact SVG path data for rings in tenths: an absolute move, relative lines, close. */
export function ringsToPath(rings: readonly Ring[]): string {
  let d = '';
  for (const ring of rings) {
    const first = ring[0];
    if (!first || ring.length < 3) continue;
    d += `M${joinNumbers(first)}`;
    const deltas: number[] = [];
    for (let i = 1; i < ring.length; i++) {
      const p = ring[i] ?? first;
      const q = ring[i - 1] ?? first;
      deltas.push(p[0] - q[0], p[1] - q[1]);
    }
    d += `l${joinNumbers(deltas)}z`;
  }
  return d;
}

/** True if (x, y) is inside the rings (even-odd rule). */
export function insideRings(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function distanceToEdges(rings: readonly Ring[], x: number, y: number): number {
  let best = Infinity;
  const p: [number, number] = [x, y];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const d = segmentDistance2(p, ring[j] ?? [0, 0], ring[i] ?? [0, 0]);
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * A good place for a label: a point well inside the area, found by searching a grid over the
 * largest ring's bounding box (then finer grids around the best point) for the inside point
 * furthest from any edge — an approximate pole of inaccessibility, which, unlike a centroid,
 * never falls outside a C-shaped area or in a hole.
 */
export function labelPoint(rings: readonly Ring[]): [number, number] {
  let largest: Ring | undefined;
  let largestArea = -1;
  for (const ring of rings) {
    const a = Math.abs(ringArea2(ring));
    if (a > largestArea) {
      largestArea = a;
      largest = ring;
    }
  }
  if (!largest || largest.length === 0) return [0, 0];
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of largest) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  let best: [number, number] = [(x0 + x1) / 2, (y0 + y1) / 2];
  let bestD = insideRings(rings, best[0], best[1]) ? distanceToEdges(rings, best[0], best[1]) : -1;
  let cx = best[0];
  let cy = best[1];
  let halfW = (x1 - x0) / 2;
  let halfH = (y1 - y0) / 2;
  const steps = 12;
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i <= steps; i++) {
      for (let j = 0; j <= steps; j++) {
        const x = cx - halfW + (2 * halfW * i) / steps;
        const y = cy - halfH + (2 * halfH * j) / steps;
        if (!insideRings(rings, x, y)) continue;
        const d = distanceToEdges(rings, x, y);
        if (d > bestD) {
          bestD = d;
          best = [x, y];
        }
      }
    }
    cx = best[0];
    cy = best[1];
    halfW /= steps / 3;
    halfH /= steps / 3;
  }
  return best;
}
