import { describe, expect, it } from 'vitest';
import { elements, expectAccessibleChart, pathBounds } from './charts.test-support.ts';
import { FUNNEL_CLASSES, funnelPlot, type FunnelLimit, type FunnelPoint } from './funnel-plot.ts';

const centre = 200;
const limits: FunnelLimit[] = Array.from({ length: 40 }, (_, i) => {
  const x = 250 + i * 500;
  const se = (Math.sqrt((0.02 * 0.98) / x) * 10000) / 1;
  return {
    x,
    lower95: centre - 1.96 * se,
    upper95: centre + 1.96 * se,
    lower998: centre - 3.09 * se,
    upper998: centre + 3.09 * se,
  };
});
const points: FunnelPoint[] = [
  { label: 'Norwich', code: 'E07000148', x: 12000, y: 290, class: 'High (0.001)', highlight: true },
  { label: 'Ipswich', code: 'E07000202', x: 11000, y: 235, class: 'High (0.025)' },
  { label: 'Harlow', code: 'E07000073', x: 9000, y: 205, class: 'Not significant' },
  { label: 'Maldon', code: 'E07000074', x: 6000, y: 160, class: 'Low (0.025)' },
  { label: 'Uttlesford', code: 'E07000077', x: 9500, y: 120, class: 'Low (0.001)', highlight: true },
  { label: 'Fenland', code: 'E07000010', x: 10000, y: null, suppressed: true },
];

describe('funnelPlot', () => {
  const title = 'Funnel plot of children arrested';
  const description = 'Rate per 10,000 children against the number of children, with 95% and 99.8% limits.';
  const svg = funnelPlot({
    title,
    description,
    points,
    limits,
    centre,
    centreLabel: 'Pathfinder',
    xTitle: 'Children aged 10 to 17',
    yTitle: 'Rate per 10,000',
    decimals: 1,
  });

  it('is an accessible SVG', () => {
    expectAccessibleChart(svg, title, description);
  });

  it('draws each shown point with its class, code and tooltip; suppressed points are counted, not drawn', () => {
    const marks = elements(svg, 'path')
      .concat(elements(svg, 'circle'))
      .filter((p) => p.attrs.class === 'clmd-chart-point');
    expect(marks).toHaveLength(5);
    const norwich = marks.find((m) => m.attrs['data-code'] === 'E07000148');
    expect(norwich?.attrs['data-class']).toBe('High (0.001)');
    expect(norwich?.text).toBe('Norwich: 290.0 (Children aged 10 to 17: 12,000), above the 99.8% limit');
    expect(marks.find((m) => m.attrs['data-code'] === 'E07000010')).toBeUndefined();
  });

  it('distinguishes classes by shape and fill, and lists them with the lines in the legend', () => {
    const shapes = new Set(FUNNEL_CLASSES.map((c) => `${c.shape}/${c.filled}`));
    expect(shapes.size).toBe(FUNNEL_CLASSES.length);
    const legend = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-legend__item')
      .map((g) => g.text);
    expect(legend).toEqual([
      'Above the 99.8% limit',
      'Above the 95% limit',
      'Within the 95% limits',
      'Below the 95% limit',
      'Below the 99.8% limit',
      'Pathfinder (200.0)',
      '95% control limits',
      '99.8% control limits',
      '[c] 1 area suppressed or not available, not shown',
    ]);
  });

  it('draws the limits (clipped to the plot) and a centre line at the comparator', () => {
    const limitPaths = elements(svg, 'path').filter((p) => p.attrs.class?.startsWith('clmd-chart-limit'));
    expect(limitPaths).toHaveLength(2);
    for (const p of limitPaths) expect(p.attrs.d?.match(/M/g)).toHaveLength(2);
    expect(limitPaths[0]?.attrs['stroke-dasharray']).toBeDefined();
    const group = elements(svg, 'g').find((g) => g.attrs.class === 'clmd-chart-limits');
    expect(group?.attrs['clip-path']).toMatch(/^url\(#.+-plot\)$/);
    const line = elements(svg, 'line').find((l) => l.attrs.class === 'clmd-chart-centre');
    expect(line?.attrs.y1).toBe(line?.attrs.y2);
    // The upper 99.8% limit lies above the centre line on screen (smaller y).
    const upper = pathBounds(limitPaths[1]?.attrs.d ?? '');
    expect(upper.y0).toBeLessThan(Number(line?.attrs.y1));
  });

  it('labels highlighted points only, by default', () => {
    const labels = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-point-labels')
      .flatMap((g) => elements(g.raw, 'text'))
      .map((t) => t.text);
    expect(labels.sort()).toEqual(['Norwich', 'Uttlesford']);
  });

  it('labels every point that fits with pointLabels "all", without overlaps', () => {
    const many: FunnelPoint[] = Array.from({ length: 30 }, (_, i) => ({
      label: `Area ${i}`,
      x: 5000 + i * 100,
      y: 200 + (i % 3),
      class: 'Not significant',
    }));
    const out = funnelPlot({
      title: 't',
      description: 'd',
      points: many,
      limits,
      centre,
      xTitle: 'x',
      yTitle: 'y',
      pointLabels: 'all',
    });
    const labels = elements(out, 'text').filter((t) => t.text.startsWith('Area '));
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThan(30);
  });

  it('escapes labels from data', () => {
    const out = funnelPlot({
      title: 't',
      description: 'd',
      points: [{ label: '<script>', x: 100, y: 1, highlight: true }],
      limits: [],
      centre: 1,
      xTitle: '<x>',
      yTitle: 'y',
    });
    expectAccessibleChart(out, 't', 'd');
    expect(out).not.toContain('<script');
  });
});
