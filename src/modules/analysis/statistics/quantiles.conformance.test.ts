// PHEindicatormethods conformance: phe_quantile (csv_from_xlsx/testdata_Quantiles__testdata_Quantiles.csv).
//
// As testQuantiles.R: only the rows whose Test starts with "Good" are used (the "BadPolarity" rows
// test an R argument check that has no equivalent here: our invert flag is per call, not per row).
// - GroupSet "IndSexReg": deciles within each (IndSexRef, ParentCode), invert from Polarity;
// - GroupSet "IndSex": septiles (nquantiles 7) within each IndSexRef, invert from Polarity;
// - GroupSet "None": quartiles over all those rows together, invert = TRUE (the default).
// Polarity "RAG - Low is good" (and 1) means invert = TRUE: quantile 1 holds the highest values.
// The expected column is QuantileInGrp (empty = NA: a missing value, or too few areas in the group).
import { describe, expect, test } from 'vitest';
import { cell, expectExact, num, readTable, reportAfterAll, type Row } from './conformance.support.ts';
import { assignQuantiles } from './quantiles.ts';

reportAfterAll();

const table = 'Quantiles/testdata_Quantiles';
const all = readTable('csv_from_xlsx/testdata_Quantiles__testdata_Quantiles.csv');
const good = all.filter((r) => cell(r, 'Test').startsWith('Good'));

function invertFor(polarity: string): boolean {
  if (polarity === 'RAG - Low is good' || polarity === '1') return true;
  if (polarity === 'RAG - High is good' || polarity === '0') return false;
  throw new Error(`unexpected polarity ${polarity}`);
}

interface Setting {
  groupSet: string;
  nQuantiles: number;
  groupKey: (r: Row) => string;
  invert: (r: Row) => boolean;
}

const settings: Setting[] = [
  {
    groupSet: 'IndSexReg',
    nQuantiles: 10,
    groupKey: (r) => `${cell(r, 'IndSexRef')} ${cell(r, 'ParentCode')}`,
    invert: (r) => invertFor(cell(r, 'Polarity')),
  },
  {
    groupSet: 'IndSex',
    nQuantiles: 7,
    groupKey: (r) => cell(r, 'IndSexRef'),
    invert: (r) => invertFor(cell(r, 'Polarity')),
  },
  { groupSet: 'None', nQuantiles: 4, groupKey: () => 'all', invert: () => true },
];

interface Case {
  name: string;
  actual: number | null;
  expected: number | null;
}

function casesFor(setting: Setting): Case[] {
  const rows = good.filter((r) => cell(r, 'GroupSet') === setting.groupSet);
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(setting.groupKey(r), [...(groups.get(setting.groupKey(r)) ?? []), r]);
  const cases: Case[] = [];
  for (const [key, members] of groups) {
    const inverts = new Set(members.map(setting.invert));
    expect(inverts.size, `one polarity per group ${key}`).toBe(1);
    const quantiles = assignQuantiles(
      members.map((r) => num(cell(r, 'Value'))),
      { nQuantiles: setting.nQuantiles, invert: [...inverts][0] as boolean },
    );
    members.forEach((r, i) =>
      cases.push({
        name: `${key} ${cell(r, 'AreaCode')} (${cell(r, 'Test')}, value ${cell(r, 'Value') || 'NA'})`,
        actual: quantiles[i] ?? null,
        expected: num(cell(r, 'QuantileInGrp')),
      }),
    );
  }
  return cases;
}

test('uses every "Good…" row of the sheet', () => {
  expect(good.length).toBe(settings.reduce((n, s) => n + casesFor(s).length, 0));
  expect(good.length).toBeGreaterThan(900);
});

for (const setting of settings) {
  describe(`GroupSet ${setting.groupSet}: ${setting.nQuantiles} quantiles`, () => {
    test.each(casesFor(setting))('$name', ({ actual, expected }) => {
      expectExact(table, 'QuantileInGrp', actual, expected);
    });
  });
}
