// The documented library API: `import { … } from 'clmd'` resolves through the package's own
// name and its package.json "exports" (a package self-reference), to src/index.ts.
//
// Two proofs: this file imports 'clmd' itself (Vitest resolves bare specifiers with Vite's
// resolver, which honours self-references; no alias is configured), and a plain Node process
// started in the repository root imports it with Node's own resolver, as a user's script would.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as clmd from 'clmd';
import {
  ESP2013,
  compareWithBenchmark,
  crudeProportion,
  crudeRate,
  directlyStandardisedRate,
  poissonCountInterval,
  trendMarker,
  wilsonInterval,
} from 'clmd';
import * as statistics from '../src/modules/analysis/statistics/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

describe("import … from 'clmd'", () => {
  test('exports everything the statistics library exports', () => {
    expect(Object.keys(clmd).sort()).toEqual(Object.keys(statistics).sort());
    expect(Object.keys(clmd).length).toBeGreaterThan(50);
  });

  test('Wilson and proportions (PHEindicatormethods testdata_Prop, Area4: 65 of 100)', () => {
    const ci = wilsonInterval(65, 100);
    expect(ci.lower).toBeCloseTo(0.55254443296887967, 14);
    expect(ci.upper).toBeCloseTo(0.73635751756902468, 14);
    expect(crudeProportion(65, 100, { multiplier: 100 }).value).toBe(65);
  });

  test("rates switch from exact to Byar's limits at 10", () => {
    expect(poissonCountInterval(9).method).toBe('Exact');
    expect(poissonCountInterval(10).method).toBe('Byars');
    // testdata_Rate, Area4: 65 per 100
    const r = crudeRate(65, 100, { multiplier: 100 });
    expect(r.lower).toBeCloseTo(50.163187710459454, 12);
    expect(r.upper).toBeCloseTo(82.849138545939837, 12);
  });

  test('a directly standardised rate with the 2013 European Standard Population', () => {
    const bands = ESP2013.map((standardPopulation) => ({ count: 10, population: 1000, standardPopulation }));
    const d = directlyStandardisedRate(bands);
    expect(d.value).toBeCloseTo(1000, 9); // every band 10 per 1,000 → 1,000 per 100,000
    expect(d.totalCount).toBe(190);
    expect(d.lower).toBeLessThan(1000);
    expect(d.upper).toBeGreaterThan(1000);
  });

  test('benchmarking accepts the catalogue polarities', () => {
    expect(compareWithBenchmark({ lower: 11, upper: 13 }, 10, 'higher-is-worse')).toBe('worse');
    expect(compareWithBenchmark({ lower: 11, upper: 13 }, 10, 'lower-is-worse')).toBe('better');
    expect(compareWithBenchmark({ lower: 11, upper: 13 }, 10, 'no-judgement')).toBe('higher');
  });

  test('the trend marker', () => {
    const points = [10, 12, 14, 16, 18].map((value, i) => ({
      time: 2020 + i,
      value,
      lower: value - 1.96,
      upper: value + 1.96,
    }));
    expect(trendMarker(points).marker).toBe('increasing');
    expect(trendMarker(points.slice(1)).marker).toBe('cannot be calculated');
  });
});

describe('a plain Node process', () => {
  test("resolves 'clmd' from the repository root by Node's own rules (self-reference through exports)", () => {
    const script = [
      "const m = await import('clmd');",
      'const ci = m.wilsonInterval(65, 100);',
      "const d = m.compareWithBenchmark({ lower: 1, upper: 2 }, 3, 'no-judgement');",
      'console.log(JSON.stringify({ names: Object.keys(m).length, lower: ci.lower, d }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      names: number;
      lower: number;
      d: string;
    };
    expect(result.names).toBe(Object.keys(statistics).length);
    expect(result.lower).toBeCloseTo(0.55254443296887967, 14);
    expect(result.d).toBe('lower');
  });
});
