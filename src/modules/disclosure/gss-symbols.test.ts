import { describe, expect, it } from 'vitest';
import { gridStructure } from './additive-structure.ts';
import { ruleFor, type Table } from './disclosure.model.ts';
import { knowledgeOf } from './published-knowledge.ts';
import { applyDisclosureControl } from './suppress.ts';

const structure = gridStructure(
  [
    { code: 'D', parent: null },
    { code: 'W1', parent: 'D' },
    { code: 'W2', parent: 'D' },
    { code: 'W3', parent: 'D' },
    { code: 'W4', parent: 'D' },
    { code: 'W5', parent: 'D' },
  ],
  [],
);

describe('GSS symbols', () => {
  const table: Table = {
    cells: [
      { key: 'D', count: 60, flags: { provisional: true } },
      { key: 'W1', count: 12, flags: { provisional: true } },
      { key: 'W2', count: 20, flags: { revised: true } },
      { key: 'W3', count: null },
      { key: 'W4', count: null, flags: { notApplicable: true } },
      { key: 'W5', count: 28, flags: { provisional: true, revised: true } },
    ],
  };

  it('shows [x] for not available, [z] for not applicable, and [p]/[r] beside values', () => {
    const result = applyDisclosureControl(table, structure, ruleFor('partnership'));
    expect(result.cells.map((c) => c.text)).toEqual([
      '60 [p]',
      '12 [p]',
      '20 [r]',
      '[x]',
      '[z]',
      '28 [p] [r]',
    ]);
    expect(result.cells[1]).toMatchObject({ value: 12, symbol: null, markers: ['[p]'] });
    expect(result.cells[3]).toMatchObject({ value: null, symbol: '[x]', markers: [] });
    expect(result.suppressed.size).toBe(0);
  });

  it('shows [c] alone for a suppressed provisional count', () => {
    const small: Table = {
      cells: table.cells.map((c) =>
        c.key === 'W1' ? { ...c, count: 3 } : c.key === 'D' ? { ...c, count: 51 } : c,
      ),
    };
    const result = applyDisclosureControl(small, structure, ruleFor('partnership'));
    expect(result.cells[1]).toMatchObject({ text: '[c]', symbol: '[c]', markers: [] });
    // W3 being [x] keeps W1 from being alone, but W1 + W3 = 51 − 20 − 28 = 3 (W4 is [z], so 0): W1 is 1–3.
    // The auditor sees it and W2 is hidden too.
    expect(result.detail.addedByAudit).toBe(1);
    expect(result.cells.map((c) => c.text)).toEqual(['51 [p]', '[c]', '[c]', '[x]', '[z]', '28 [p] [r]']);
    expect(result.audit?.passed).toBe(true);
  });

  it('rounds in the public tier and shows [low] for a count that rounds to 0 when nothing is suppressed', () => {
    const rule = ruleFor('public', { primaryMax: 0 });
    const result = applyDisclosureControl(
      {
        cells: [
          { key: 'D', count: 15 },
          { key: 'W1', count: 2 },
          { key: 'W2', count: 13, flags: { revised: true } },
          { key: 'W3', count: 0 },
          { key: 'W4', count: null, flags: { notApplicable: true } },
          { key: 'W5', count: null },
        ],
      },
      structure,
      rule,
    );
    expect(result.cells.map((c) => c.text)).toEqual(['15', '[low]', '15 [r]', '0', '[z]', '[x]']);
    expect(knowledgeOf(result.cells[1]!, rule)).toEqual({ kind: 'interval', lo: 1, hi: 2 });
  });
});
