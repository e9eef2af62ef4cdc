import { describe, expect, it } from 'vitest';
import { testContext } from '../../../test/fixtures/returns/context.ts';
import type { Problem } from '../../platform/errors.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { RawCell, RawReturnRow, ReturnValidationContext } from './return-file.model.ts';
import { parseDateText, parseNumberText, validateRow, type RowOutcome } from './row-validator.ts';

const norfolk = testContext('norfolk-constabulary', '2026-Q1');

const COLUMNS = {
  indicator: 'A (indicator_id)',
  area: 'B (area_code)',
  periodStart: 'C (period_start)',
  periodEnd: 'D (period_end)',
  direction: 'E (direction)',
  sex: 'F (sex)',
  'threat-level': 'G (threat-level)',
  value: 'H (value)',
  note: 'I (note)',
};

type Cellish = string | RawCell;
const cell = (c: Cellish | undefined): RawCell =>
  c === undefined || c === ''
    ? { kind: 'empty', text: '' }
    : typeof c === 'string'
      ? { kind: 'text', text: c }
      : c;

interface RowSpec {
  indicator?: Cellish;
  area?: Cellish;
  periodStart?: Cellish;
  periodEnd?: Cellish;
  value?: Cellish;
  note?: Cellish;
  breakdown?: Record<string, Cellish>;
}

function raw(spec: RowSpec = {}): RawReturnRow {
  return {
    location: { file: 'norfolk.csv', row: 7 },
    columns: COLUMNS,
    indicator: cell(spec.indicator ?? 'drug-related-violent-crimes'),
    area: cell(spec.area ?? 'E07000143'),
    periodStart: cell(spec.periodStart ?? '2026-01-01'),
    periodEnd: cell(spec.periodEnd ?? '2026-03-31'),
    breakdown: Object.fromEntries(Object.entries(spec.breakdown ?? {}).map(([k, v]) => [k, cell(v)])),
    value: cell(spec.value ?? '12'),
    note: cell(spec.note),
  };
}

function problemsOf(outcome: RowOutcome): Problem[] {
  if (!('problems' in outcome)) throw new Error(`expected problems, got ${JSON.stringify(outcome)}`);
  return outcome.problems;
}

function messages(spec: RowSpec, ctx: ReturnValidationContext = norfolk): string[] {
  return problemsOf(validateRow(raw(spec), ctx)).map((p) => p.message);
}

function observed(spec: RowSpec, ctx: ReturnValidationContext = norfolk) {
  const outcome = validateRow(raw(spec), ctx);
  if (!('observation' in outcome)) throw new Error(`expected an observation, got ${JSON.stringify(outcome)}`);
  return outcome.observation;
}

describe('validateRow: a good row', () => {
  it('becomes an observation', () => {
    expect(validateRow(raw(), norfolk)).toEqual({
      observation: {
        indicatorId: 'drug-related-violent-crimes',
        areaCode: 'E07000143',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        breakdownKey: '',
        value: 12,
        valueText: null,
        note: null,
        location: { file: 'norfolk.csv', row: 7 },
      },
    });
  });

  it('skips a row whose value and note are both blank, whatever else it says', () => {
    expect(validateRow(raw({ value: '', indicator: 'nonsense' }), norfolk)).toEqual({ skip: true });
    expect(validateRow(raw({ value: '   ', note: ' ' }), norfolk)).toEqual({ skip: true });
  });

  it('keeps a note with a blank value as "not collected"', () => {
    expect(observed({ value: '', note: ' Not recorded before April ' })).toMatchObject({
      value: null,
      note: 'Not recorded before April',
    });
  });

  it('accepts spaces, thousands separators, number cells, and codes in another case', () => {
    expect(observed({ value: ' 12 ' }).value).toBe(12);
    expect(observed({ value: '1,234' }).value).toBe(1234);
    expect(observed({ value: { kind: 'number', text: '7', number: 7 } }).value).toBe(7);
    expect(observed({ indicator: 'Drug-Related-Violent-Crimes', area: 'loc-norfolk' })).toMatchObject({
      indicatorId: 'drug-related-violent-crimes',
      areaCode: 'LOC-NORFOLK',
    });
  });

  it('accepts DD/MM/YYYY text and Excel date cells for the period', () => {
    expect(observed({ periodStart: '1/1/2026', periodEnd: '31/03/2026' }).periodStart).toBe('2026-01-01');
    expect(observed({ periodStart: { kind: 'date', text: '2026-01-01' } }).periodStart).toBe('2026-01-01');
  });

  it('builds the breakdown key from a code or a label', () => {
    const base = { indicator: 'out-of-area-arrests', area: 'LOC-NORFOLK' };
    expect(observed({ ...base, breakdown: { direction: 'inbound', sex: '' } }).breakdownKey).toBe(
      'direction=inbound',
    );
    const demographics = {
      indicator: 'yp-drug-arrests-demographics',
      area: 'LOC-NORFOLK',
      periodStart: '2025-04-01',
    };
    expect(observed({ ...demographics, breakdown: { sex: 'Female' } }).breakdownKey).toBe('sex=female');
  });
});

describe('validateRow: indicators and areas', () => {
  it('reports an unknown indicator with its location and an example', () => {
    expect(problemsOf(validateRow(raw({ indicator: 'drug-crimes' }), norfolk))).toEqual([
      {
        file: 'norfolk.csv',
        row: 7,
        column: 'A (indicator_id)',
        message:
          'There is no indicator with the id "drug-crimes". Use an id from the template, like active-cl-investigations',
      },
    ]);
  });

  it('says who supplies an indicator this organisation does not', () => {
    const suffolk = testContext('suffolk-cc-childrens-services', '2026-Q1');
    expect(messages({ area: 'E07000200' }, suffolk)).toEqual([
      '"No. of drug-related violent crimes" (drug-related-violent-crimes) is supplied by police forces, not by Suffolk County Council children\'s services; remove this row',
    ]);
  });

  it('refuses an annual indicator outside the Q4 return', () => {
    expect(
      messages({ indicator: 'missing-yp-found-outside-la', area: 'LOC-NORFOLK', periodEnd: '2026-12-31' })[0],
    ).toBe(
      '"No. of YP missing from home found outside LA boundaries" (missing-yp-found-outside-la) is reported once a year, in the October to December return; remove this row from the January to March 2026 return',
    );
  });

  it('reports unknown areas, areas outside the organisation and the wrong level', () => {
    expect(messages({ area: 'E07999999' })).toEqual([
      'There is no area with the code "E07999999". Use a code from the template, like E07000143',
    ]);
    expect(messages({ area: 'E07000200' })).toEqual([
      'E07000200 (Babergh) is outside the areas Norfolk Constabulary reports for; check the code or remove this row',
    ]);
    expect(messages({ area: 'E05990001' })).toEqual([
      'E05990001 (Synthetic Ward One) is a ward. "No. of drug-related violent crimes" (drug-related-violent-crimes) is reported for the Pathfinder, a locality or a district; use an area at one of those levels or remove this row',
    ]);
  });
});

describe('validateRow: breakdowns', () => {
  const base = { indicator: 'out-of-area-arrests', area: 'LOC-NORFOLK' };

  it('refuses a breakdown the indicator does not have', () => {
    expect(problemsOf(validateRow(raw({ ...base, breakdown: { sex: 'male' } }), norfolk))).toEqual([
      {
        file: 'norfolk.csv',
        row: 7,
        column: 'F (sex)',
        message: 'This indicator is not broken down by sex; leave the sex column blank',
      },
    ]);
  });

  it('lists the allowed codes for a value not allowed', () => {
    expect(messages({ ...base, breakdown: { direction: 'sideways' } })).toEqual([
      '"sideways" is not a direction code. Enter outbound or inbound, or leave it blank for the total',
    ]);
  });

  it('allows only one breakdown per row', () => {
    const row = {
      indicator: 'yp-drug-arrests-demographics',
      area: 'LOC-NORFOLK',
      periodStart: '2025-04-01',
      breakdown: { sex: 'male', 'age-band': '10-13' },
    };
    expect(messages(row)).toEqual([
      'Fill in only one breakdown column in a row: this row has sex and age-band. Put each breakdown on its own row',
    ]);
  });
});

describe('validateRow: periods', () => {
  it('names the expected window', () => {
    expect(messages({ periodStart: '2026-02-01' })).toEqual([
      'Enter 2026-01-01 as the period start: this indicator covers 2026-01-01 to 2026-03-31 in the January to March 2026 return',
    ]);
    expect(problemsOf(validateRow(raw({ periodEnd: '2026-03-30' }), norfolk))[0]).toMatchObject({
      column: 'D (period_end)',
      message: 'Enter 2026-03-31 as the period end for a period starting 2026-01-01',
    });
  });

  it('refuses text that is not a date, impossible dates and numbers', () => {
    const fix = 'Enter the period start as a date like 2026-01-01 (YYYY-MM-DD) or 01/01/2026';
    expect(messages({ periodStart: 'Q1' })).toEqual([`"Q1" is not a date. ${fix}`]);
    expect(messages({ periodStart: '2026-02-30' })).toEqual([`"2026-02-30" is not a date. ${fix}`]);
    expect(messages({ periodStart: { kind: 'number', text: '46023', number: 46023 } })).toEqual([
      `"46023" is not a date. ${fix}`,
    ]);
    expect(messages({ periodStart: '' })).toEqual([fix]);
  });
});

describe('validateRow: values', () => {
  const count = 'Enter a whole number of 0 or more, like 12';

  it('refuses counts that are not whole numbers of 0 or more', () => {
    expect(messages({ value: 'five' })).toEqual([`"five" is not a number. ${count}`]);
    expect(messages({ value: '-3' })).toEqual([`"-3" is less than 0. ${count}`]);
    expect(messages({ value: '2.5' })).toEqual([`"2.5" is not a whole number. ${count}`]);
    expect(messages({ value: '1,23' })).toEqual([`"1,23" is not a number. ${count}`]);
    expect(messages({ value: '1e3' })).toEqual([`"1e3" is not a number. ${count}`]);
  });

  it('explains what to do instead of n/a, suppression marks and "none"', () => {
    expect(messages({ value: 'n/a' })).toEqual([
      'Leave the value blank if the figure is not collected, and say why in the note, instead of entering "n/a"',
    ]);
    expect(messages({ value: '[c]' })[0]).toMatch(/^Enter the actual figure instead of "\[c\]"/);
    expect(messages({ value: '<5' })[0]).toMatch(/^Enter the actual figure/);
    expect(messages({ value: 'none' })).toEqual(['Enter 0 if there were none, instead of "none"']);
  });

  it('refuses formulas, dates and error cells with the cell’s location', () => {
    expect(
      problemsOf(validateRow(raw({ value: { kind: 'formula', text: '=SUM(H2:H4)', number: 9 } }), norfolk)),
    ).toEqual([
      {
        file: 'norfolk.csv',
        row: 7,
        column: 'H (value)',
        message: 'Type the value instead of a formula (the cell has "=SUM(H2:H4)")',
      },
    ]);
    expect(messages({ value: { kind: 'date', text: '1900-01-12' } })).toEqual([
      'This cell is formatted as a date, so it shows "1900-01-12". Format the cell as General or Number and type the value again, like 12',
    ]);
    expect(messages({ value: { kind: 'error', text: '#N/A' } })).toEqual([
      'The cell shows the error #N/A. Type the value instead, or leave it blank if the figure is not collected',
    ]);
  });

  it('refuses huge cells', () => {
    expect(messages({ value: '1'.repeat(60) })).toEqual([
      'The value has 60 characters. Enter a single figure, like 12, and put any explanation in the note',
    ]);
    expect(messages({ note: 'x'.repeat(1001) })).toEqual([
      'The note has 1,001 characters. Shorten it to 1,000 characters or fewer',
    ]);
    expect(observed({ note: 'x'.repeat(1000) }).note).toHaveLength(1000);
  });

  it('reads proportions as fractions, or percentages with a % sign', () => {
    const base = { indicator: 'nrm-ce-referral-success-rate', area: 'LOC-NORFOLK' };
    expect(observed({ ...base, value: '0.25' }).value).toBe(0.25);
    expect(observed({ ...base, value: '25%' }).value).toBe(0.25);
    expect(messages({ ...base, value: '25' })).toEqual([
      '"25" is not between 0 and 1. Enter a proportion between 0 and 1, like 0.25, or a percentage with a % sign, like 25%',
    ]);
  });

  it('reads durations as days of 0 or more', () => {
    const ersou = testContext('ersou', '2026-Q1');
    const base = {
      indicator: 'ersou-line-longevity-by-district',
      area: 'E07000143',
      periodStart: '2026-03-31',
    };
    expect(observed({ ...base, value: '90.5' }, ersou).value).toBe(90.5);
    expect(messages({ ...base, value: '-1' }, ersou)).toEqual([
      '"-1" is less than 0. Enter a number of days of 0 or more, like 90',
    ]);
  });

  it('reads the ERSOU threat level as one of its codes', () => {
    const ersou = testContext('ersou', '2026-Q1');
    const base = {
      indicator: 'ersou-threat-level-by-district',
      area: 'E07000143',
      periodStart: '2026-03-31',
    };
    expect(observed({ ...base, value: 'High' }, ersou)).toMatchObject({ value: null, valueText: 'high' });
    expect(messages({ ...base, value: 'severe' }, ersou)).toEqual([
      '"severe" is not allowed here. Enter high, medium or low',
    ]);
    expect(messages({ ...base, value: 'high', breakdown: { 'threat-level': 'high' } }, ersou)).toEqual([
      'Leave this column blank and enter the threat level in the value column',
    ]);
  });

  it('checks ranks are between 1 and 32,844', () => {
    // No collected indicator is a rank (IMD comes from reference data), so make one for the test.
    const base = norfolk.catalogue.get('drug-related-violent-crimes') as Indicator;
    const rank: Indicator = { ...base, id: 'test-rank', valueType: 'rank' };
    const ctx: ReturnValidationContext = {
      ...norfolk,
      catalogue: new Map([...norfolk.catalogue, [rank.id, rank]]),
      supplied: new Set([...norfolk.supplied, rank.id]),
    };
    expect(observed({ indicator: 'test-rank', value: '150' }, ctx).value).toBe(150);
    expect(messages({ indicator: 'test-rank', value: '32845' }, ctx)).toEqual([
      '"32845" is outside the range of ranks. Enter a rank between 1 and 32,844, like 150',
    ]);
    expect(messages({ indicator: 'test-rank', value: '0' }, ctx)).toHaveLength(1);
  });
});

describe('validateRow: several problems and reader problems', () => {
  it('lists every independent problem in a row', () => {
    expect(
      problemsOf(validateRow(raw({ area: 'E07999999', periodStart: 'soon', value: '-1' }), norfolk)).map(
        (p) => p.column,
      ),
    ).toEqual(['B (area_code)', 'C (period_start)', 'H (value)']);
  });

  it('reports what the reader found, even on an otherwise blank row', () => {
    const problem = { file: 'norfolk.csv', row: 7, column: 'J', message: 'Column J has "x" but no heading.' };
    expect(validateRow({ ...raw({ value: '' }), problems: [problem] }, norfolk)).toEqual({
      problems: [problem],
    });
  });
});

describe('parsers', () => {
  it('parse numbers typed as text', () => {
    expect(['0', '12', '+3', '-4', '1.5', '.5', '1,234,567', '12.']).toEqual(
      ['0', '12', '+3', '-4', '1.5', '.5', '1,234,567', '12.'].filter(
        (t) => parseNumberText(t) !== undefined,
      ),
    );
    expect(['', ' ', '1 2', '1,2345', '0x10', 'Infinity', '1e3', '12a'].map(parseNumberText)).toEqual(
      Array(8).fill(undefined),
    );
  });

  it('parse dates', () => {
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    expect(parseDateText('2025-02-29')).toBeUndefined();
    expect(parseDateText('29/02/2024')).toBe('2024-02-29');
    expect(parseDateText('1/4/2025')).toBe('2025-04-01');
    expect(parseDateText('2025/04/01')).toBeUndefined();
    expect(parseDateText('01/04/25')).toBeUndefined();
  });
});
