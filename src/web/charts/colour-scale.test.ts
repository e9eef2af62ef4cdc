import { describe, expect, it } from 'vitest';
import {
  areaLegendEntries,
  areaStyle,
  breaksScale,
  categoricalScale,
  quantileScale,
} from './colour-scale.ts';
import { patternIds, SEQUENTIAL_PALETTES } from './svg.ts';

const patterns = patternIds('t');

describe('quantileScale', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null];

  it('puts about equal numbers of areas in each class', () => {
    const scale = quantileScale(values, { classes: 5, decimals: 1 });
    expect(scale.classes).toHaveLength(5);
    const counts = new Map<string, number>();
    for (const v of values) {
      const c = scale.classify({ value: v });
      if (c) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([2, 2, 2, 2, 2]);
    expect(scale.classify({ value: null })).toBeNull();
  });

  it('labels classes from the minimum to the maximum', () => {
    const scale = quantileScale(values, { classes: 5, decimals: 1 });
    expect(scale.classes.map((c) => c.label)).toEqual([
      '1.0 to under 2.8',
      '2.8 to under 4.6',
      '4.6 to under 6.4',
      '6.4 to under 8.2',
      '8.2 to 10.0',
    ]);
    expect(scale.classes.map((c) => c.colour)).toEqual([...SEQUENTIAL_PALETTES.blues[5]]);
  });

  it('merges classes when values tie', () => {
    const scale = quantileScale([0, 0, 0, 0, 0, 0, 0, 5, 6], { classes: 5 });
    expect(scale.classes.length).toBeLessThan(5);
    expect(scale.classify({ value: 0 })?.key).toBe('class-1');
    expect(scale.classify({ value: 6 })?.key).toBe(scale.classes[scale.classes.length - 1]?.key);
  });

  it('copes with no values', () => {
    const scale = quantileScale([null, null]);
    expect(scale.classes).toHaveLength(1);
  });

  it('lets a datum name its class', () => {
    const scale = quantileScale(values);
    expect(scale.classify({ value: 1, class: 'class-5' })?.key).toBe('class-5');
  });
});

describe('breaksScale', () => {
  it('classifies against fixed breaks with open-ended first and last classes', () => {
    const scale = breaksScale([5, 10, 20], { decimals: 0, palette: 'viridis' });
    expect(scale.classes.map((c) => c.label)).toEqual([
      'Under 5',
      '5 to under 10',
      '10 to under 20',
      '20 and over',
    ]);
    expect(scale.classify({ value: 4.99 })?.key).toBe('class-1');
    expect(scale.classify({ value: 5 })?.key).toBe('class-2');
    expect(scale.classify({ value: 25 })?.key).toBe('class-4');
    expect(() => breaksScale([5, 5])).toThrow(RangeError);
  });
});

describe('categoricalScale', () => {
  it('takes the class named by the datum', () => {
    const scale = categoricalScale([
      { key: 'higher', label: 'Significantly higher' },
      { key: 'lower', label: 'Significantly lower', colour: '#123456' },
    ]);
    expect(scale.classify({ value: 3, class: 'lower' })?.colour).toBe('#123456');
    expect(scale.classify({ value: 3 })).toBeNull();
  });
});

describe('areaStyle and the legend', () => {
  const scale = breaksScale([10]);
  it('hatches suppressed areas, dots missing ones and colours the rest', () => {
    const base = { code: 'E1', name: 'A', label: '', suppressed: false };
    expect(areaStyle({ ...base, value: null, suppressed: true }, scale, patterns)).toMatchObject({
      state: 'suppressed',
      fill: 'url(#t-suppressed)',
    });
    expect(areaStyle({ ...base, value: null }, scale, patterns)).toMatchObject({
      state: 'no-data',
      fill: 'url(#t-no-data)',
    });
    expect(areaStyle({ ...base, value: 12 }, scale, patterns).state).toBe('class');
  });

  it('lists suppressed and no data only when some area is so', () => {
    const base = { code: 'E1', name: 'A', label: '', suppressed: false };
    const plain = areaLegendEntries(scale, [areaStyle({ ...base, value: 1 }, scale, patterns)], patterns);
    expect(plain.map((e) => e.label)).toEqual(['Under 10.0', '10.0 and over']);
    const all = areaLegendEntries(
      scale,
      [
        areaStyle({ ...base, value: null, suppressed: true }, scale, patterns),
        areaStyle({ ...base, value: null }, scale, patterns),
      ],
      patterns,
    );
    expect(all.map((e) => e.label)).toEqual(['Under 10.0', '10.0 and over', '[c] suppressed', 'No data']);
  });
});
