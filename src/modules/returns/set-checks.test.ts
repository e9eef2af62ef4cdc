import { describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../catalogue/catalogue.builtin.ts';
import type { ValidObservation } from './return-file.model.ts';
import { findBreakdownsAboveTotal, findDuplicates } from './set-checks.ts';

const catalogue = new Map(BUILT_IN_CATALOGUE.map((i) => [i.id, i]));

function obs(row: number, over: Partial<ValidObservation> = {}): ValidObservation {
  return {
    indicatorId: 'out-of-area-arrests',
    areaCode: 'LOC-NORFOLK',
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    breakdownKey: '',
    value: 10,
    valueText: null,
    note: null,
    location: { file: 'norfolk.xlsx', sheet: 'out-of-area-arrests', row },
    ...over,
  };
}

describe('findDuplicates', () => {
  it('reports the later row and names the earlier one', () => {
    expect(
      findDuplicates([obs(2), obs(3, { breakdownKey: 'direction=inbound' }), obs(9, { value: 11 })]),
    ).toEqual([
      {
        file: 'norfolk.xlsx',
        sheet: 'out-of-area-arrests',
        row: 9,
        message: 'This row repeats row 2 (same indicator, area, period and breakdown). Delete one of them',
      },
    ]);
  });

  it('finds repeats across sheets and names the sheet', () => {
    const other = obs(4, { location: { file: 'norfolk.xlsx', sheet: 'Sheet2', row: 4 } });
    expect(findDuplicates([obs(2), other])[0]?.message).toBe(
      'This row repeats row 2 on sheet out-of-area-arrests (same indicator, area, period and breakdown). Delete one of them',
    );
  });

  it('tells apart rows that differ in any part of the key', () => {
    expect(
      findDuplicates([
        obs(2),
        obs(3, { areaCode: 'E07000143' }),
        obs(4, { periodStart: '2026-02-01' }),
        obs(5, { periodEnd: '2026-02-28' }),
        obs(6, { indicatorId: 'drug-related-violent-crimes' }),
        obs(7, { breakdownKey: 'direction=outbound' }),
      ]),
    ).toEqual([]);
  });
});

describe('findBreakdownsAboveTotal', () => {
  it('reports a dimension whose rows add up to more than the total, on the total row', () => {
    const rows = [
      obs(2, { value: 7 }),
      obs(3, { breakdownKey: 'direction=outbound', value: 4 }),
      obs(4, { breakdownKey: 'direction=inbound', value: 5 }),
    ];
    expect(findBreakdownsAboveTotal(rows, catalogue)).toEqual([
      {
        file: 'norfolk.xlsx',
        sheet: 'out-of-area-arrests',
        row: 2,
        message:
          'The breakdown by direction (rows 3 and 4) adds up to 9, which is more than the total of 7 on this row. Check the total and the breakdown values',
      },
    ]);
  });

  it('allows breakdowns that add up to the total or less, and skips blanks and missing totals', () => {
    expect(
      findBreakdownsAboveTotal([
        obs(2, { value: 9 }),
        obs(3, { breakdownKey: 'direction=outbound', value: 4 }),
        obs(4, { breakdownKey: 'direction=inbound', value: 5 }),
        obs(5, { areaCode: 'E07000143', breakdownKey: 'direction=inbound', value: 50 }),
        obs(6, { areaCode: 'E07000144', value: null }),
        obs(7, { areaCode: 'E07000144', breakdownKey: 'direction=inbound', value: 5 }),
      ]),
    ).toEqual([]);
  });

  it('checks each dimension on its own', () => {
    const base = { indicatorId: 'yp-drug-arrests-demographics', periodStart: '2025-04-01' };
    const rows = [
      obs(2, { ...base, value: 20 }),
      obs(3, { ...base, breakdownKey: 'sex=male', value: 15 }),
      obs(4, { ...base, breakdownKey: 'sex=female', value: 5 }),
      obs(5, { ...base, breakdownKey: 'age-band=10-13', value: 12 }),
      obs(6, { ...base, breakdownKey: 'age-band=14-15', value: 12 }),
    ];
    const problems = findBreakdownsAboveTotal(rows, catalogue);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^The breakdown by age-band \(rows 5 and 6\) adds up to 24/);
  });

  it('leaves non-count indicators alone when given the catalogue', () => {
    const base = { indicatorId: 'nrm-ce-referral-success-rate' };
    const rows = [obs(2, { ...base, value: 0.5 }), obs(3, { ...base, breakdownKey: 'sex=male', value: 0.6 })];
    expect(findBreakdownsAboveTotal(rows, catalogue)).toEqual([]);
    expect(findBreakdownsAboveTotal(rows)).toHaveLength(1);
  });
});
