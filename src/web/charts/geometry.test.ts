import fs from 'node:fs';
import path from 'node:path';
import { geoArea, geoBounds } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BOUNDARIES_DIR } from './charts.test-support.ts';
import {
  fitRings,
  insideRings,
  labelPoint,
  nationalGridLikeProjection,
  projectGeometry,
  rewindForD3,
  ringArea2,
  ringsToPath,
  simplifyRing,
  toTenths,
  type Ring,
} from './geometry.ts';

const lads = JSON.parse(
  fs.readFileSync(path.join(BOUNDARIES_DIR, 'lad_bgc_target.geojson'), 'utf8'),
) as FeatureCollection<Polygon | MultiPolygon, { lad19cd: string; lad19nm: string }>;
const byName = (name: string): Feature<Polygon | MultiPolygon> => {
  const f = lads.features.find((x) => x.properties.lad19nm === name);
  if (!f) throw new Error(name);
  return f;
};

describe('rewindForD3', () => {
  it('turns a real RFC 7946 feature (exterior counter-clockwise) into a small area for d3', () => {
    const norwich = byName('Norwich');
    // As published, d3 reads the ring as "everything but Norwich": nearly the whole sphere.
    expect(geoArea(norwich)).toBeGreaterThan(4 * Math.PI - 0.01);
    const rewound = { ...norwich, geometry: rewindForD3(norwich.geometry) };
    const area = geoArea(rewound);
    // Norwich is about 39 km²; the Earth's surface is 510 million km².
    expect(area * 6371 ** 2).toBeGreaterThan(30);
    expect(area * 6371 ** 2).toBeLessThan(50);
    const [[west, south], [east, north]] = geoBounds(rewound);
    expect(west).toBeGreaterThan(1.1);
    expect(east).toBeLessThan(1.4);
    expect(south).toBeGreaterThan(52.5);
    expect(north).toBeLessThan(52.8);
  });

  it('keeps holes as holes (South Cambridgeshire around Cambridge) and does not change the input', () => {
    const sc = byName('South Cambridgeshire');
    const before = JSON.stringify(sc.geometry);
    const rewound = rewindForD3(sc.geometry);
    expect(JSON.stringify(sc.geometry)).toBe(before);
    const polygons = rewound.type === 'Polygon' ? [rewound.coordinates] : rewound.coordinates;
    const withHole = polygons.find((p) => p.length > 1);
    expect(withHole).toBeDefined();
    expect(ringArea2(withHole?.[0] ?? [])).toBeLessThan(0);
    expect(ringArea2(withHole?.[1] ?? [])).toBeGreaterThan(0);
    const area = geoArea({ type: 'Feature', properties: {}, geometry: rewound }) * 6371 ** 2;
    expect(area).toBeGreaterThan(850);
    expect(area).toBeLessThan(950);
  });

  it('gives the same result whichever winding comes in', () => {
    const g = byName('Harlow').geometry;
    const reversed =
      g.type === 'Polygon'
        ? { type: 'Polygon' as const, coordinates: g.coordinates.map((r) => [...r].reverse()) }
        : {
            type: 'MultiPolygon' as const,
            coordinates: g.coordinates.map((p) => p.map((r) => [...r].reverse())),
          };
    expect(geoArea(rewindForD3(reversed))).toBeCloseTo(geoArea(rewindForD3(g)), 12);
  });
});

describe('projectGeometry and fitRings', () => {
  it('projects a real feature the same whichever its winding, north up and east right', () => {
    const projection = nationalGridLikeProjection();
    const g = byName('Norwich').geometry;
    const rings = projectGeometry(projection, g);
    const again = projectGeometry(projection, rewindForD3(g));
    expect(again.map((r) => [...r].sort())).toEqual(rings.map((r) => [...r].sort()));
    const cambridge = projectGeometry(projection, byName('Cambridge').geometry);
    const fit = fitRings([rings, cambridge], { left: 10, top: 20, width: 300, maxHeight: 1000 });
    expect(fit.width).toBeCloseTo(300, 6);
    const mean = (rs: typeof rings): [number, number] => {
      const pts = rs.flat();
      return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
    };
    const [nx, ny] = mean(rings);
    const [cx, cy] = mean(cambridge);
    expect(nx).toBeGreaterThan(cx);
    expect(ny).toBeLessThan(cy);
    // Norwich and Cambridge are about 85 km apart east–west and 45 km north–south.
    expect((nx - cx) / (cy - ny)).toBeGreaterThan(1.4);
    expect((nx - cx) / (cy - ny)).toBeLessThan(2.6);
  });

  it('fits to the height when the drawing is tall', () => {
    const tall = [
      [
        [0, 0],
        [1, 0],
        [1, 10],
        [0, 10],
      ] as Ring,
    ];
    const fit = fitRings([tall], { left: 0, top: 0, width: 500, maxHeight: 100 });
    expect(fit.height).toBeCloseTo(100, 6);
    expect(fit.width).toBeCloseTo(10, 6);
  });
});

describe('simplifyRing', () => {
  const circle: Ring = Array.from({ length: 400 }, (_, i) => [
    100 + 50 * Math.cos((i / 400) * 2 * Math.PI),
    100 + 50 * Math.sin((i / 400) * 2 * Math.PI),
  ]);

  it('drops points within the tolerance and keeps the shape', () => {
    const simple = simplifyRing(circle, 0.5);
    expect(simple.length).toBeLessThan(60);
    expect(simple.length).toBeGreaterThan(10);
    expect(Math.abs(ringArea2(simple))).toBeGreaterThan(0.98 * Math.abs(ringArea2(circle)));
    for (const p of circle) {
      // every original point is near the simplified outline
      const d = Math.min(
        ...simple.map((q, i) => {
          const r = simple[(i + 1) % simple.length] ?? q;
          const dx = r[0] - q[0];
          const dy = r[1] - q[1];
          const t = Math.max(0, Math.min(1, ((p[0] - q[0]) * dx + (p[1] - q[1]) * dy) / (dx * dx + dy * dy)));
          return Math.hypot(q[0] + t * dx - p[0], q[1] + t * dy - p[1]);
        }),
      );
      expect(d).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  it('leaves tiny rings alone', () => {
    const tri: Ring = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    expect(simplifyRing(tri, 5)).toEqual(tri);
  });
});

describe('path data', () => {
  it('writes rings in tenths with relative lines', () => {
    const ring = toTenths([
      [10, 10],
      [10.04, 10.01],
      [20.26, 10],
      [20, 0.5],
    ]);
    expect(ring).toEqual([
      [100, 100],
      [203, 100],
      [200, 5],
    ]);
    expect(ringsToPath([ring])).toBe('M10 10l10.3 0-.3-9.5z');
  });

  it('skips degenerate rings', () => {
    expect(
      ringsToPath([
        [
          [0, 0],
          [1, 1],
        ],
      ]),
    ).toBe('');
  });
});

describe('labelPoint', () => {
  it('finds a point inside a C-shaped area, away from its edges, and never in a hole', () => {
    const c: Ring = [
      [0, 0],
      [100, 0],
      [100, 20],
      [20, 20],
      [20, 80],
      [100, 80],
      [100, 100],
      [0, 100],
    ];
    const [x, y] = labelPoint([c]);
    expect(insideRings([c], x, y)).toBe(true);
    expect(x).toBeLessThan(20);

    const outer: Ring = [
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
    ];
    const hole: Ring = [
      [30, 30],
      [70, 30],
      [70, 70],
      [30, 70],
    ];
    const [hx, hy] = labelPoint([outer, hole]);
    expect(insideRings([outer, hole], hx, hy)).toBe(true);
  });
});
