import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../../modules/geography/geography.builtin.ts';
import { elements, expectAccessibleChart } from './charts.test-support.ts';
import { categoricalScale, quantileScale } from './colour-scale.ts';
import { TILE_LAYOUT, tileGridMap } from './tile-grid.ts';

const areas = DISTRICTS.map((d, i) => {
  const suppressed = i % 9 === 2;
  const value = suppressed ? null : i * 1.5;
  return {
    code: d.code,
    name: d.name,
    value,
    label: suppressed ? '[c]' : (value ?? 0).toFixed(1),
    suppressed,
  };
});
const rects = (svg: string) =>
  elements(svg, 'rect').filter((r) => r.attrs.class?.startsWith('clmd-chart-area'));

describe('TILE_LAYOUT', () => {
  it('places every one of the 32 districts, each on its own tile', () => {
    expect(TILE_LAYOUT.size).toBe(32);
    expect(new Set(TILE_LAYOUT.keys())).toEqual(new Set(DISTRICTS.map((d) => d.code)));
    const cells = [...TILE_LAYOUT.values()].map((t) => `${t.col},${t.row}`);
    expect(new Set(cells).size).toBe(32);
  });

  it('keeps the counties roughly where they are', () => {
    const rows = (locality: string) =>
      DISTRICTS.filter((d) => d.localityCode === locality).map(
        (d) => TILE_LAYOUT.get(d.code) ?? { col: 0, row: 0 },
      );
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const norfolk = rows('LOC-NORFOLK');
    const suffolk = rows('LOC-SUFFOLK');
    const cambs = rows('LOC-CAMBRIDGESHIRE');
    const essex = rows('LOC-ESSEX');
    expect(mean(norfolk.map((t) => t.row))).toBeLessThan(mean(suffolk.map((t) => t.row)));
    expect(mean(suffolk.map((t) => t.row))).toBeLessThan(mean(essex.map((t) => t.row)));
    expect(mean(cambs.map((t) => t.col))).toBeLessThan(mean(suffolk.map((t) => t.col)));
    expect(mean(cambs.map((t) => t.col))).toBeLessThan(mean(norfolk.map((t) => t.col)));
    // Every county's tiles touch each other (no stranded tile).
    for (const county of [norfolk, suffolk, cambs, essex]) {
      for (const t of county) {
        const touching = county.some(
          (u) => u !== t && Math.abs(u.col - t.col) + Math.abs(u.row - t.row) === 1,
        );
        expect(touching).toBe(true);
      }
    }
  });

  it('has short labels that fit on a tile', () => {
    for (const t of TILE_LAYOUT.values()) expect(t.short.length).toBeLessThanOrEqual(12);
  });
});

describe('tileGridMap', () => {
  const title = 'Children arrested, by district';
  const description = 'A tile for each of the 32 districts, roughly in their places.';
  const svg = tileGridMap({
    title,
    description,
    areas,
    scale: quantileScale(
      areas.map((a) => a.value),
      { title: 'Rate per 10,000' },
    ),
  });

  it('is an accessible SVG with one tile per district, each with the full name on hover', () => {
    expectAccessibleChart(svg, title, description);
    const tiles = rects(svg);
    expect(tiles).toHaveLength(32);
    for (const d of DISTRICTS) {
      const tile = tiles.find((t) => t.attrs['data-code'] === d.code);
      expect(tile?.text).toMatch(new RegExp(`^${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    }
  });

  it('shows the short name and label on each tile', () => {
    const groups = elements(svg, 'g').filter((g) => g.attrs.class === 'clmd-chart-tile');
    const norwich = groups.find((g) => g.attrs['data-code'] === 'E07000148');
    expect(norwich?.text).toContain('Norwich');
    const i = DISTRICTS.findIndex((d) => d.code === 'E07000148');
    expect(norwich?.text).toContain(areas[i]?.label);
    expect(svg).toContain('King&#39;s Lynn');
  });

  it('hatches suppressed districts and draws missing ones as no data, both in the legend', () => {
    const partial = tileGridMap({
      title,
      description,
      areas: areas.slice(1),
      scale: quantileScale(areas.map((a) => a.value)),
    });
    const tiles = rects(partial);
    const suppressed = tiles.filter((t) => t.attrs['data-state'] === 'suppressed');
    expect(suppressed.length).toBe(areas.slice(1).filter((a) => a.suppressed).length);
    for (const t of suppressed) expect(t.attrs.fill).toMatch(/-suppressed\)$/);
    const missing = tiles.filter((t) => t.attrs['data-state'] === 'no-data');
    expect(missing.map((t) => t.attrs['data-code'])).toEqual([DISTRICTS[0]?.code]);
    const legend = elements(partial, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-legend__item')
      .map((g) => g.text);
    expect(legend.slice(-2)).toEqual(['[c] suppressed', 'No data']);
  });

  it('escapes names and labels from data', () => {
    const out = tileGridMap({
      title: 't',
      description: 'd',
      areas: [{ code: 'E07000148', name: '<script>x</script>', value: 1, label: '<b>', suppressed: false }],
      scale: categoricalScale([{ key: 'a', label: 'A' }]),
    });
    expectAccessibleChart(out, 't', 'd');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<b>');
  });

  it('refuses codes that are not Pathfinder districts', () => {
    expect(() =>
      tileGridMap({
        title: 't',
        description: 'd',
        areas: [{ code: 'E05010805', name: 'A ward', value: 1, label: '1', suppressed: false }],
        scale: quantileScale([1]),
      }),
    ).toThrow(/not one of the 32/);
  });
});
