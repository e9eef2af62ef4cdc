import { describe, expect, it } from 'vitest';
import { elements, expectAccessibleChart } from './charts.test-support.ts';
import { scatterPlot, type ScatterPoint } from './scatter-plot.ts';

const points: ScatterPoint[] = [
  { label: 'Norwich', code: 'E07000148', x: 30.1, y: 22, class: 'norfolk' },
  { label: 'Ipswich', code: 'E07000202', x: 26.4, y: 18, class: 'suffolk' },
  { label: 'Cambridge', code: 'E07000008', x: 13.1, y: 9, class: 'cambs' },
  { label: 'Uttlesford', code: 'E07000077', x: 7.5, y: 4 },
  { label: 'Fenland', code: 'E07000010', x: 25, y: null, suppressed: true },
];
const classes = [
  { key: 'norfolk', label: 'Norfolk' },
  { key: 'suffolk', label: 'Suffolk' },
  { key: 'cambs', label: 'Cambridgeshire and Peterborough' },
];

describe('scatterPlot', () => {
  const title = 'Deprivation and arrests';
  const description = 'Each district’s IMD 2019 average score against its rate of children arrested.';
  const svg = scatterPlot({
    title,
    description,
    points,
    classes,
    xTitle: 'IMD 2019 average score',
    yTitle: 'Rate per 10,000',
    fittedLine: { intercept: 0, slope: 0.75, label: 'Least-squares fit' },
  });
  const marks = (s: string) =>
    [...elements(s, 'circle'), ...elements(s, 'rect'), ...elements(s, 'path')].filter(
      (m) => m.attrs.class === 'clmd-chart-point',
    );

  it('is an accessible SVG', () => {
    expectAccessibleChart(svg, title, description);
  });

  it('draws each point with a tooltip, in its class shape, and leaves out suppressed ones', () => {
    const m = marks(svg);
    expect(m).toHaveLength(4);
    expect(new Set(m.map((x) => x.name)).size).toBeGreaterThan(2);
    expect(m.find((x) => x.attrs['data-code'] === 'E07000148')?.text).toBe(
      'Norwich: IMD 2019 average score 30.1, Rate per 10,000 22 (Norfolk)',
    );
    expect(m.find((x) => x.attrs['data-code'] === 'E07000077')?.attrs['data-class']).toBe('unclassified');
  });

  it('has axis titles, a fitted line and a legend of classes', () => {
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toContain('IMD 2019 average score');
    expect(texts).toContain('Rate per 10,000');
    expect(elements(svg, 'line').filter((l) => l.attrs.class === 'clmd-chart-fitted')).toHaveLength(1);
    const legend = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-legend__item')
      .map((g) => g.text);
    expect(legend).toEqual([
      'Norfolk',
      'Suffolk',
      'Cambridgeshire and Peterborough',
      'Not classified',
      'Least-squares fit',
      '[c] 1 area suppressed or not available, not shown',
    ]);
  });

  it('labels the points when there are few', () => {
    const labels = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-point-labels')
      .flatMap((g) => elements(g.raw, 'text'))
      .map((t) => t.text);
    expect(labels.sort()).toEqual(['Cambridge', 'Ipswich', 'Norwich', 'Uttlesford']);
  });

  it('works without classes or a legend, and escapes text', () => {
    const out = scatterPlot({
      title: 't',
      description: 'd',
      points: [{ label: '<script>', x: 1, y: 2 }],
      xTitle: '<x>',
      yTitle: '&y',
    });
    expectAccessibleChart(out, 't', 'd');
    expect(out).not.toContain('<script');
    expect(elements(out, 'g').filter((g) => g.attrs.class === 'clmd-chart-legend')).toHaveLength(0);
  });
});
