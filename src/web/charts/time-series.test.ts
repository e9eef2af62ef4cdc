import { describe, expect, it } from 'vitest';
import { elements, expectAccessibleChart, pathBounds } from './charts.test-support.ts';
import { timeSeriesChart, type SeriesPoint } from './time-series.ts';

const periods = ['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3'];
const points = (values: (number | null | 'c')[]): SeriesPoint[] =>
  values.map((v, i) =>
    v === 'c'
      ? { period: periods[i] ?? '', value: null, suppressed: true, label: '[c]' }
      : {
          period: periods[i] ?? '',
          value: v,
          lower: v === null ? null : v - 2,
          upper: v === null ? null : v + 3,
        },
  );

const yTickLabels = (svg: string): string[] =>
  elements(svg, 'g')
    .filter((g) => g.attrs.class === 'clmd-chart-axis clmd-chart-axis--y')
    .flatMap((g) => elements(g.raw, 'text').filter((t) => t.attrs['text-anchor'] === 'end'))
    .map((t) => t.text);

describe('timeSeriesChart', () => {
  const title = 'Children arrested, by quarter';
  const description = 'Rate per 10,000 children aged 10 to 17 in Norfolk and Suffolk, 2024-Q3 to 2025-Q3.';
  const svg = timeSeriesChart({
    title,
    description,
    periods,
    series: [
      { name: 'Norfolk', points: points([12, 13.5, 'c', 15, 14]) },
      { name: 'Suffolk', points: points([8, 9, 10, null, 11]), interval: 'bars' },
    ],
    comparator: { name: 'Pathfinder', value: 11.2 },
    yTitle: 'Rate per 10,000 children aged 10 to 17',
    xTitle: 'Quarter',
  });

  it('is an accessible SVG', () => {
    expectAccessibleChart(svg, title, description);
  });

  it('starts the y axis at 0 with nice ticks above the data', () => {
    const labels = yTickLabels(svg);
    expect(labels[0]).toBe('0');
    expect(labels).toEqual(['0', '5', '10', '15', '20']);
  });

  it('labels each period on the x axis', () => {
    const texts = elements(svg, 'text').map((t) => t.text);
    for (const p of periods) expect(texts).toContain(p);
    expect(texts).toContain('Quarter');
  });

  it('breaks the line at suppressed and missing points and marks suppressed ones', () => {
    const lines = elements(svg, 'path').filter((p) => p.attrs.class === 'clmd-chart-line');
    expect(lines).toHaveLength(2);
    // Norfolk: two runs (before and after the suppressed quarter); Suffolk: two runs around the gap.
    expect(lines[0]?.attrs.d?.match(/M/g)).toHaveLength(2);
    expect(lines[1]?.attrs.d?.match(/M/g)).toHaveLength(2);
    const marks = elements(svg, 'rect').filter((r) => r.attrs.class === 'clmd-chart-suppressed-marker');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.attrs.fill).toMatch(/-suppressed\)$/);
    expect(marks[0]?.text).toBe('Norfolk, 2025-Q1: [c]');
    const points = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-series')
      .map((g) => elements(g.raw, 'title').length);
    expect(points).toEqual([5, 4]);
  });

  it('draws intervals as bands or error bars and gives every point a tooltip', () => {
    const bands = elements(svg, 'path').filter((p) => p.attrs.class === 'clmd-chart-band');
    expect(bands).toHaveLength(2); // Norfolk's two runs; Suffolk uses bars
    const bars = elements(svg, 'path').filter((p) => p.attrs.class === 'clmd-chart-error-bar');
    expect(bars).toHaveLength(4);
    const tips = elements(svg, 'title').map((t) => t.text);
    expect(tips).toContain('Norfolk, 2024-Q3: 12 (95% interval 10 to 15)');
  });

  it('has a legend with each series, the comparator, the interval and suppression', () => {
    const legend = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-legend__item')
      .map((g) => g.text);
    expect(legend).toEqual([
      'Norfolk',
      'Suffolk',
      'Pathfinder',
      '95% interval',
      '[c] suppressed (gap in line)',
    ]);
    const comparator = elements(svg, 'path').find((p) => p.attrs.class === 'clmd-chart-comparator');
    const b = pathBounds(comparator?.attrs.d ?? '');
    expect(b.y0).toBe(b.y1);
  });

  it('differs series by dash and marker shape, not only colour', () => {
    const lines = elements(svg, 'path').filter((p) => p.attrs.class === 'clmd-chart-line');
    expect(lines[0]?.attrs['stroke-dasharray']).toBeUndefined();
    expect(lines[1]?.attrs['stroke-dasharray']).toBeDefined();
    expect(elements(svg, 'circle').filter((c) => c.attrs.class === 'clmd-chart-point')).toHaveLength(4);
    expect(elements(svg, 'rect').filter((c) => c.attrs.class === 'clmd-chart-point')).toHaveLength(4);
  });

  it('takes the y axis below 0 for negative values and escapes series names', () => {
    const out = timeSeriesChart({
      title: 't',
      description: 'd',
      periods: ['a', 'b'],
      series: [
        {
          name: '<script>',
          points: [
            { period: 'a', value: -3 },
            { period: 'b', value: 4 },
          ],
        },
      ],
    });
    expectAccessibleChart(out, 't', 'd');
    expect(yTickLabels(out)[0]).toBe('-3');
    expect(out).not.toContain('<script');
  });

  it('accepts a comparator per period, and refuses points for unknown periods', () => {
    const out = timeSeriesChart({
      title: 't',
      description: 'd',
      periods,
      series: [{ name: 'A', points: points([1, 2, 3, 4, 5]) }],
      comparator: {
        name: 'England',
        points: periods.map((p, i) => ({ period: p, value: i === 2 ? null : 3 })),
      },
    });
    const comparator = elements(out, 'path').find((p) => p.attrs.class === 'clmd-chart-comparator');
    expect(comparator?.attrs.d?.match(/M/g)).toHaveLength(2);
    expect(() =>
      timeSeriesChart({
        title: 't',
        description: 'd',
        periods,
        series: [{ name: 'A', points: [{ period: '1999', value: 1 }] }],
      }),
    ).toThrow(/unknown period/);
  });

  it('thins period labels when there are many', () => {
    const many = Array.from(
      { length: 60 },
      (_, i) => `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const out = timeSeriesChart({
      title: 't',
      description: 'd',
      periods: many,
      series: [{ name: 'A', points: many.map((p, i) => ({ period: p, value: i })) }],
    });
    const labelled = elements(out, 'text').filter((t) => many.includes(t.text));
    expect(labelled.length).toBeLessThan(20);
    expect(labelled[0]?.text).toBe('2020-01');
  });
});
