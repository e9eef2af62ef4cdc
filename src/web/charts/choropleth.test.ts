import fs from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { choroplethMap, type ChoroplethFeature } from './choropleth.ts';
import {
  BOUNDARIES_DIR,
  elements,
  expectAccessibleChart,
  pathBounds,
  union,
  viewBox,
  type Bounds,
} from './charts.test-support.ts';
import { breaksScale, categoricalScale, quantileScale } from './colour-scale.ts';

type Props = Record<string, string>;
const read = (file: string): FeatureCollection<Polygon | MultiPolygon, Props> =>
  JSON.parse(fs.readFileSync(path.join(BOUNDARIES_DIR, file), 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    Props
  >;
const lads = read('lad_bgc_target.geojson');
const wards = read('wards_2025_bgc_target.geojson');

/** Made-up figures: every 7th area suppressed, every 11th without a value. */
function features(
  collection: FeatureCollection<Polygon | MultiPolygon, Props>,
  code: string,
  name: string,
): ChoroplethFeature[] {
  return collection.features.map((f, i) => {
    const suppressed = i % 7 === 3;
    const value = suppressed || i % 11 === 5 ? null : ((i * 37) % 23) + 0.5;
    return {
      code: f.properties[code] ?? '',
      name: f.properties[name] ?? '',
      geometry: f.geometry,
      value,
      label: suppressed ? '[c]' : value === null ? '[x]' : value.toFixed(1),
      suppressed,
    };
  });
}

const ladFeatures = features(lads, 'lad19cd', 'lad19nm');
const wardFeatures = features(wards, 'wd25cd', 'wd25nm');
const areaPaths = (svg: string) =>
  elements(svg, 'path').filter((p) => p.attrs.class?.startsWith('clmd-chart-area'));
const centre = (b: Bounds): [number, number] => [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];

describe('choroplethMap with the real district boundaries', () => {
  const title = 'Children arrested, by district';
  const description = 'Rate per 10,000 children aged 10 to 17 in each of the 32 districts, 2025-Q3.';
  const svg = choroplethMap({
    title,
    description,
    features: ladFeatures,
    scale: quantileScale(
      ladFeatures.map((f) => f.value),
      { title: 'Rate per 10,000' },
    ),
    note: 'Contains OS data © Crown copyright and database right 2025',
  });

  it('is an accessible, self-contained SVG', () => {
    expectAccessibleChart(svg, title, description);
  });

  it('draws 32 areas, each with a data-code, a non-empty outline and a tooltip', () => {
    const paths = areaPaths(svg);
    expect(paths).toHaveLength(32);
    expect(new Set(paths.map((p) => p.attrs['data-code']))).toEqual(new Set(ladFeatures.map((f) => f.code)));
    for (const p of paths) {
      expect(p.attrs.d).toMatch(/^M[\d.]+ [\d.]+l/);
      const f = ladFeatures.find((x) => x.code === p.attrs['data-code']);
      expect(p.text).toBe(`${f?.name}: ${f?.label}`);
    }
    expect(svg.length).toBeLessThan(150_000);
  });

  it('fills the map area with a sensible picture: Norwich north-east of Cambridge, Southend south of Ipswich', () => {
    const [, , width, height] = viewBox(svg);
    const boxes = new Map(
      areaPaths(svg).map((p) => [p.attrs['data-code'] ?? '', pathBounds(p.attrs.d ?? '')]),
    );
    const all = union([...boxes.values()]);
    // The map is 560 wide next to a 200-wide legend, and sets the height.
    expect(all.x1 - all.x0).toBeGreaterThan(0.95 * 560);
    expect(all.y1 - all.y0).toBeGreaterThan(0.85 * height);
    expect(all.x0).toBeGreaterThanOrEqual(0);
    expect(all.y0).toBeGreaterThanOrEqual(0);
    expect(all.x1).toBeLessThanOrEqual(width);
    expect(all.y1).toBeLessThanOrEqual(height);
    // East Anglia is taller than it is wide on a transverse Mercator.
    expect(all.y1 - all.y0).toBeGreaterThan(all.x1 - all.x0);
    const at = (code: string): [number, number] => centre(boxes.get(code) ?? all);
    const norwich = at('E07000148');
    const cambridge = at('E07000008');
    expect(norwich[0]).toBeGreaterThan(cambridge[0] + 100);
    expect(norwich[1]).toBeLessThan(cambridge[1] - 50);
    expect(at('E06000033')[1]).toBeGreaterThan(at('E07000202')[1]);
    // Small districts are still drawn at a visible size.
    const harlow = boxes.get('E07000073');
    expect((harlow?.x1 ?? 0) - (harlow?.x0 ?? 0)).toBeGreaterThan(5);
  });

  it('hatches suppressed areas, dots areas without a value, and lists both in the legend', () => {
    const paths = areaPaths(svg);
    const suppressed = paths.filter((p) => p.attrs['data-state'] === 'suppressed');
    expect(suppressed.map((p) => p.attrs['data-code']).sort()).toEqual(
      ladFeatures
        .filter((f) => f.suppressed)
        .map((f) => f.code)
        .sort(),
    );
    for (const p of suppressed) {
      expect(p.attrs.fill).toMatch(/^url\(#.*-suppressed\)$/);
      expect(p.text).toMatch(/: \[c\]$/);
    }
    const missing = paths.filter((p) => p.attrs['data-state'] === 'no-data');
    expect(missing.length).toBeGreaterThan(0);
    for (const p of missing) expect(p.attrs.fill).toMatch(/^url\(#.*-no-data\)$/);
    const patterns = elements(svg, 'pattern').map((p) => p.attrs.id);
    expect(patterns).toHaveLength(2);

    const legend = elements(svg, 'g').filter((g) => g.attrs.class === 'clmd-chart-legend__item');
    expect(legend.map((g) => g.text)).toHaveLength(7);
    expect(legend.map((g) => g.text).slice(-2)).toEqual(['[c] suppressed', 'No data']);
    expect(legend[5]?.raw).toContain('-suppressed)');
    expect(legend[6]?.raw).toContain('-no-data)');
  });

  it('fills classified areas with their class colour', () => {
    const colours = new Set(
      areaPaths(svg)
        .filter((p) => p.attrs['data-state'] === 'class')
        .map((p) => p.attrs.fill),
    );
    expect(colours.size).toBe(5);
  });

  it('prints a label on each district, over the map', () => {
    const labels = elements(svg, 'text').filter((t) => t.attrs['data-code']);
    expect(labels).toHaveLength(32);
    expect(labels.find((t) => t.attrs['data-code'] === ladFeatures[3]?.code)?.text).toBe('[c]');
    expect(svg).toContain('Contains OS data © Crown copyright');
  });
});

describe('choroplethMap with the real ward boundaries', () => {
  const svg = choroplethMap({
    title: 'By ward',
    description: 'Wards',
    features: wardFeatures,
    scale: breaksScale([5, 10, 15, 20], { palette: 'ylgnbu' }),
  });

  it('draws all 692 wards with non-empty paths well under the size budget', () => {
    const paths = areaPaths(svg);
    expect(paths).toHaveLength(692);
    expect(new Set(paths.map((p) => p.attrs['data-code'])).size).toBe(692);
    for (const p of paths) expect(p.attrs.d?.length).toBeGreaterThan(10);
    expect(svg.length).toBeLessThan(400_000);
    expectAccessibleChart(svg, 'By ward', 'Wards');
  });

  it('leaves labels off when there are many areas, and stays under budget with district outlines', () => {
    expect(elements(svg, 'text').filter((t) => t.attrs['data-code'])).toHaveLength(0);
    const withOutlines = choroplethMap({
      title: 'By ward',
      description: 'Wards with district boundaries',
      features: wardFeatures,
      scale: breaksScale([5, 10, 15, 20]),
      outlines: ladFeatures.map((f) => ({ code: f.code, name: f.name, geometry: f.geometry })),
    });
    expect(elements(withOutlines, 'path').filter((p) => p.attrs.class === 'clmd-chart-outline')).toHaveLength(
      32,
    );
    expect(withOutlines.length).toBeLessThan(600_000);
  });

  it('projects wards and districts identically when they cover the same area', () => {
    const ladMap = choroplethMap({
      title: 'a',
      description: 'b',
      features: ladFeatures,
      scale: breaksScale([10]),
    });
    const allWards = union(areaPaths(svg).map((p) => pathBounds(p.attrs.d ?? '')));
    const allLads = union(areaPaths(ladMap).map((p) => pathBounds(p.attrs.d ?? '')));
    expect(Math.abs(allWards.x0 - allLads.x0)).toBeLessThan(1);
    expect(Math.abs(allWards.y1 - allLads.y1)).toBeLessThan(1);
  });
});

describe('choroplethMap details', () => {
  const square = (x: number, y: number, s = 0.1): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + s, y],
        [x + s, y + s],
        [x, y + s],
        [x, y],
      ],
    ],
  });

  it('escapes names, labels and codes that come from data', () => {
    const svg = choroplethMap({
      title: 'T <b>',
      description: 'D & d',
      features: [
        {
          code: '"><script>',
          name: '<script>alert(1)</script>',
          geometry: square(0, 52),
          value: 1,
          label: '<i>1</i>',
          suppressed: false,
        },
        { code: 'E2', name: 'Two', geometry: square(0.2, 52), value: 2, label: '2', suppressed: false },
      ],
      scale: categoricalScale([{ key: 'x', label: '<em>Class</em>' }], { title: '<h1>' }),
    });
    expectAccessibleChart(svg, 'T <b>', 'D & d');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;: &lt;i&gt;1&lt;/i&gt;');
    expect(svg).toContain('&lt;em&gt;Class&lt;/em&gt;');
  });

  it('uses categorical classes when given, with the data attributes browser tests need', () => {
    const svg = choroplethMap({
      title: 't',
      description: 'd',
      id: 'my-map',
      features: [
        {
          code: 'A',
          name: 'A',
          geometry: square(0, 52),
          value: 1,
          class: 'high',
          label: 'Higher',
          suppressed: false,
        },
        {
          code: 'B',
          name: 'B',
          geometry: square(0.2, 52),
          value: 1,
          class: 'low',
          label: 'Lower',
          suppressed: false,
        },
      ],
      scale: categoricalScale([
        { key: 'high', label: 'Significantly higher', colour: '#801650' },
        { key: 'low', label: 'Significantly lower', colour: '#12436d' },
      ]),
    });
    const paths = areaPaths(svg);
    expect(paths.map((p) => [p.attrs['data-code'], p.attrs['data-class'], p.attrs.fill])).toEqual(
      expect.arrayContaining([
        ['A', 'high', '#801650'],
        ['B', 'low', '#12436d'],
      ]),
    );
    expect(elements(svg, 'svg')[0]?.attrs.id).toBe('my-map');
    // West is left, whichever winding the squares have.
    const a = pathBounds(paths.find((p) => p.attrs['data-code'] === 'A')?.attrs.d ?? '');
    const b = pathBounds(paths.find((p) => p.attrs['data-code'] === 'B')?.attrs.d ?? '');
    expect(a.x1).toBeLessThan(b.x0);
  });

  it('keeps a tiny area visible next to a large one', () => {
    const svg = choroplethMap({
      title: 't',
      description: 'd',
      features: [
        { code: 'BIG', name: 'Big', geometry: square(0, 52, 2), value: 1, label: '1', suppressed: false },
        {
          code: 'TINY',
          name: 'Tiny',
          geometry: square(3, 52, 0.001),
          value: 1,
          label: '1',
          suppressed: false,
        },
      ],
      scale: breaksScale([10]),
    });
    const tiny = areaPaths(svg).find((p) => p.attrs['data-code'] === 'TINY');
    expect(tiny?.attrs.d).toMatch(/^M.+z$/);
  });

  it('renders an empty map without failing', () => {
    const svg = choroplethMap({ title: 't', description: 'd', features: [], scale: breaksScale([1]) });
    expectAccessibleChart(svg, 't', 'd');
  });
});
