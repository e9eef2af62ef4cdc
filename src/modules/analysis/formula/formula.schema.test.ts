import { describe, expect, it } from 'vitest';
import { userCombinationSchema } from './formula.schema.ts';

const valid = {
  name: 'Referrals per BTP detention',
  description: 'Safeguarding referrals as a share of young people detained by BTP.',
  formula: 'share({safeguarding-referrals-after-btp}, {yp-detained-by-btp})',
  unit: '%',
  polarity: 'lower-is-worse',
};

/** Messages by field, in order, for input that must be refused. */
function problems(input: unknown): [string, string][] {
  const result = userCombinationSchema.safeParse(input);
  if (result.success) throw new Error('expected the input to be refused');
  return result.error.issues.map((issue) => [String(issue.path[0]), issue.message]);
}

describe('userCombinationSchema', () => {
  it('accepts a complete combination and trims the text fields', () => {
    const result = userCombinationSchema.parse({ ...valid, name: `  ${valid.name} `, unit: ' % ' });
    expect(result).toEqual({ ...valid });
  });

  it('accepts each unit and polarity a user may choose', () => {
    for (const unit of ['per 10,000 children', '%', 'ratio', 'count']) {
      expect(userCombinationSchema.safeParse({ ...valid, unit }).success).toBe(true);
    }
    for (const polarity of ['higher-is-worse', 'lower-is-worse', 'no-judgement']) {
      expect(userCombinationSchema.safeParse({ ...valid, polarity }).success).toBe(true);
    }
  });

  it('makes the description optional', () => {
    const { description: _description, ...rest } = valid;
    expect(userCombinationSchema.parse(rest).description).toBe('');
  });

  it('keeps the formula exactly as typed, so columns in messages match what the user sees', () => {
    expect(userCombinationSchema.parse({ ...valid, formula: '  {a}/{b}  ' }).formula).toBe('  {a}/{b}  ');
  });

  it('refuses a missing or blank name, and one over 120 characters', () => {
    expect(problems({ ...valid, name: '   ' })).toEqual([['name', 'Enter a name for the combination']]);
    expect(problems({ ...valid, name: undefined })).toEqual([['name', 'Enter a name for the combination']]);
    expect(problems({ ...valid, name: 'a'.repeat(121) })).toEqual([
      ['name', 'Name must be 120 characters or fewer'],
    ]);
    expect(userCombinationSchema.safeParse({ ...valid, name: 'a'.repeat(120) }).success).toBe(true);
  });

  it('refuses a description over 1,000 characters', () => {
    expect(problems({ ...valid, description: 'a'.repeat(1001) })).toEqual([
      ['description', 'Description must be 1,000 characters or fewer'],
    ]);
    expect(problems({ ...valid, description: 42 })).toEqual([['description', 'Description must be text']]);
  });

  it('refuses a blank formula and one that does not parse, with the parser’s message', () => {
    expect(problems({ ...valid, formula: ' ' })).toEqual([['formula', 'Enter a formula']]);
    expect(problems({ ...valid, formula: undefined })).toEqual([['formula', 'Enter a formula']]);
    expect(problems({ ...valid, formula: '{a} /' })).toEqual([
      ['formula', 'Column 5: Division needs something on both sides.'],
    ]);
    const result = userCombinationSchema.safeParse({ ...valid, formula: 'sqrt(2)' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['formula'],
      message: 'Column 1: Unknown function "sqrt". Use one of min, max, abs, round, per10k, share.',
      params: { position: 0 },
    });
  });

  it('refuses a missing unit and a polarity that is not one of the three', () => {
    expect(problems({ ...valid, unit: '' })).toEqual([
      ['unit', 'Enter the unit, for example per 10,000 children'],
    ]);
    expect(problems({ ...valid, unit: 'u'.repeat(61) })).toEqual([
      ['unit', 'Unit must be 60 characters or fewer'],
    ]);
    const polarity = 'Select whether higher values are worse, lower values are worse, or neither';
    expect(problems({ ...valid, polarity: 'good' })).toEqual([['polarity', polarity]]);
    expect(problems({ ...valid, polarity: undefined })).toEqual([['polarity', polarity]]);
  });

  it('reports every field’s problem at once', () => {
    expect(problems({}).map(([field]) => field)).toEqual(['name', 'formula', 'unit', 'polarity']);
  });
});
