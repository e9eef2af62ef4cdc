import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/fixtures/returns/context.ts';
import { BUILT_IN_CATALOGUE } from '../catalogue/catalogue.builtin.ts';
import { breakdownDimensions, categoryCodes, templateRows, type TemplateRow } from './template-rows.ts';

const NORFOLK_DISTRICTS = [
  'E07000143',
  'E07000144',
  'E07000145',
  'E07000146',
  'E07000147',
  'E07000148',
  'E07000149',
];

function rowsOf(rows: TemplateRow[], indicatorId: string): TemplateRow[] {
  return rows.filter((r) => r.indicatorId === indicatorId);
}

describe('templateRows', () => {
  const q1 = templateRows(testContext('norfolk-constabulary', '2026-Q1'), BUILT_IN_CATALOGUE);
  const q4 = templateRows(testContext('norfolk-constabulary', '2026-Q4'), BUILT_IN_CATALOGUE);

  it('includes annual indicators in the Q4 return only, covering the calendar year', () => {
    expect(rowsOf(q1, 'missing-yp-found-outside-la')).toEqual([]);
    expect(rowsOf(q4, 'missing-yp-found-outside-la')).toEqual([
      {
        indicatorId: 'missing-yp-found-outside-la',
        areaCode: 'LOC-NORFOLK',
        areaName: 'Norfolk',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    ]);
    expect(new Set(q4.map((r) => r.indicatorId)).size - new Set(q1.map((r) => r.indicatorId)).size).toBe(2);
  });

  it('lists the locality then its districts for a county-and-district indicator, never the Pathfinder', () => {
    const rows = rowsOf(q1, 'drug-related-violent-crimes');
    expect(rows.map((r) => r.areaCode)).toEqual(['LOC-NORFOLK', ...NORFOLK_DISTRICTS.toSorted()]);
    expect(rows.every((r) => r.periodStart === '2026-01-01' && r.periodEnd === '2026-03-31')).toBe(true);
    expect(rows.every((r) => r.breakdown === undefined)).toBe(true);
  });

  it('uses the rolling 12-month window to the end of the quarter', () => {
    const [row] = rowsOf(q1, 'yp-drug-arrests');
    expect(row).toMatchObject({ periodStart: '2025-04-01', periodEnd: '2026-03-31' });
  });

  it('only offers wards in the organisation’s own districts', () => {
    const rows = rowsOf(q1, 'yp-drug-arrests-by-area');
    expect(rows.map((r) => r.areaCode)).toEqual([...NORFOLK_DISTRICTS.toSorted(), 'E05990001', 'E05990002']);
    expect(rows.some((r) => r.areaCode === 'E05990003')).toBe(false); // a Suffolk ward
  });

  it('adds one row per value of each dimension, not the cross product', () => {
    const rows = rowsOf(q1, 'yp-drug-arrests-demographics');
    // total + sex (3) + age band (4) + ethnicity (6) + nationality (3), not 3 × 4 × 6 × 3
    expect(rows).toHaveLength(17);
    expect(rows[0]?.breakdown).toBeUndefined();
    expect(rows.slice(1, 4).map((r) => r.breakdown)).toEqual([
      { dimension: 'sex', value: 'male' },
      { dimension: 'sex', value: 'female' },
      { dimension: 'sex', value: 'unknown' },
    ]);
  });

  it('leaves out indicators the organisation does not supply', () => {
    expect(rowsOf(q1, 'yp-at-risk-by-risk-level')).toEqual([]); // children's services only
    expect(rowsOf(q1, 'imd-rank-by-district')).toEqual([]); // open reference data
  });

  it('treats a category indicator’s dimension as its coding, not a breakdown', () => {
    const ersou = templateRows(testContext('ersou', '2026-Q1'), BUILT_IN_CATALOGUE);
    const rows = rowsOf(ersou, 'ersou-threat-level-by-district');
    expect(rows).toHaveLength(32);
    expect(rows.every((r) => r.breakdown === undefined)).toBe(true);
    const indicator = BUILT_IN_CATALOGUE.find((i) => i.id === 'ersou-threat-level-by-district');
    expect(indicator && breakdownDimensions(indicator)).toEqual([]);
    expect(indicator && categoryCodes(indicator)).toEqual(['high', 'medium', 'low']);
  });

  it('offers the Pathfinder to partnership-wide organisations', () => {
    const btp = templateRows(testContext('btp', '2026-Q1'), BUILT_IN_CATALOGUE);
    const areas = rowsOf(btp, 'yp-detained-by-btp')
      .filter((r) => !r.breakdown)
      .map((r) => r.areaCode);
    expect(areas).toEqual(['PATHFINDER', 'LOC-CAMBRIDGESHIRE', 'LOC-ESSEX', 'LOC-NORFOLK', 'LOC-SUFFOLK']);
  });
});
