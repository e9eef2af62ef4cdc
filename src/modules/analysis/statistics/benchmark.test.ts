// Benchmarking by whether the confidence interval contains the comparator (Fingertips).
import { describe, expect, test } from 'vitest';
import type { Polarity as CataloguePolarity } from '../../catalogue/catalogue.model.ts';
import {
  POLARITIES,
  compareWithBenchmark,
  isPolarity,
  polarityDirection,
  type Polarity,
} from './benchmark.ts';

const above = { lower: 11, upper: 13 }; // interval wholly above a comparator of 10
const below = { lower: 7, upper: 9 }; // wholly below
const around = { lower: 9, upper: 11 }; // contains it

describe('compareWithBenchmark', () => {
  // polarity → [interval above, interval below]
  const table: [Polarity, string, string][] = [
    ['higher-is-better', 'better', 'worse'],
    ['lower-is-worse', 'better', 'worse'],
    ['lower-is-better', 'worse', 'better'],
    ['higher-is-worse', 'worse', 'better'],
    ['none', 'higher', 'lower'],
    ['no-judgement', 'higher', 'lower'],
  ];

  test.each(table)('%s: above → %s, below → %s, containing → similar', (polarity, whenAbove, whenBelow) => {
    expect(compareWithBenchmark(above, 10, polarity)).toBe(whenAbove);
    expect(compareWithBenchmark(below, 10, polarity)).toBe(whenBelow);
    expect(compareWithBenchmark(around, 10, polarity)).toBe('similar');
  });

  test('the default polarity is none', () => {
    expect(compareWithBenchmark(above, 10)).toBe('higher');
    expect(compareWithBenchmark(below, 10)).toBe('lower');
  });

  test.each(POLARITIES)(
    'limits are inclusive (%s): a limit equal to the comparator is similar',
    (polarity) => {
      expect(compareWithBenchmark({ lower: 10, upper: 12 }, 10, polarity)).toBe('similar');
      expect(compareWithBenchmark({ lower: 8, upper: 10 }, 10, polarity)).toBe('similar');
      expect(compareWithBenchmark({ lower: 10, upper: 10 }, 10, polarity)).toBe('similar');
    },
  );

  test('just outside a limit is not similar', () => {
    expect(compareWithBenchmark({ lower: 10.000001, upper: 12 }, 10, 'higher-is-worse')).toBe('worse');
    expect(compareWithBenchmark({ lower: 8, upper: 9.999999 }, 10, 'higher-is-worse')).toBe('better');
  });

  test.each(POLARITIES)('a missing limit or comparator is not compared (%s)', (polarity) => {
    for (const missing of [null, undefined, Number.NaN]) {
      expect(compareWithBenchmark({ lower: missing, upper: 12 }, 10, polarity)).toBe('not compared');
      expect(compareWithBenchmark({ lower: 8, upper: missing }, 10, polarity)).toBe('not compared');
      expect(compareWithBenchmark({ lower: 8, upper: 12 }, missing, polarity)).toBe('not compared');
    }
  });

  test('a lower limit above the upper limit is an error', () => {
    expect(() => compareWithBenchmark({ lower: 12, upper: 8 }, 10, 'none')).toThrow(RangeError);
  });

  test('an unknown polarity is an error, not silently "lower is better"', () => {
    expect(() => compareWithBenchmark(above, 10, 'up-is-good' as Polarity)).toThrow(/unknown polarity/);
    // …even when the comparison could not be made
    expect(() => compareWithBenchmark({ lower: null, upper: null }, 10, 'x' as Polarity)).toThrow(RangeError);
  });
});

describe('polarities of the clmd catalogue', () => {
  const catalogue: readonly CataloguePolarity[] = ['higher-is-worse', 'lower-is-worse', 'no-judgement'];

  test.each(catalogue)('%s is a library polarity and can be passed straight through', (polarity) => {
    expect(isPolarity(polarity)).toBe(true);
    // a type-level check too: the catalogue's type is assignable to the library's
    const p: Polarity = polarity;
    expect(POLARITIES).toContain(p);
  });

  test('polarityDirection maps each onto the direction that is better', () => {
    expect(polarityDirection('higher-is-worse')).toBe('lower-is-better');
    expect(polarityDirection('lower-is-worse')).toBe('higher-is-better');
    expect(polarityDirection('no-judgement')).toBeNull();
    expect(polarityDirection('higher-is-better')).toBe('higher-is-better');
    expect(polarityDirection('lower-is-better')).toBe('lower-is-better');
    expect(polarityDirection('none')).toBeNull();
    expect(() => polarityDirection('RAG - Low is good')).toThrow(RangeError);
  });

  test('isPolarity rejects anything else', () => {
    expect(isPolarity('higher')).toBe(false);
    expect(isPolarity(undefined)).toBe(false);
    expect(isPolarity(1)).toBe(false);
  });
});
