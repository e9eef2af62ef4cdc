// Charts of the analysis pages drawn from controlled tables: what is shown is what the table publishes.
import { describe, expect, it } from 'vitest';
import { flowsChart } from './analysis.charts.ts';
import { analyseIndicator } from './indicator-analysis.ts';
import { CAMBS, ESSEX, NORFOLK, PF, SUFFOLK, controlledTable } from './combinations/test-fixtures.ts';

const denominators = { label: 'children', byArea: new Map<string, number>() };

describe('flowsChart', () => {
  it('draws out-of-area arrests between each locality and elsewhere, suppressed flows as [c]', () => {
    // Total, then the direction breakdown in the dimension's order: outbound, inbound.
    const table = controlledTable({
      indicator: 'out-of-area-arrests',
      rows: {
        [PF.code]: [60, 35, 25],
        [NORFOLK.code]: [20, 12, 8],
        [SUFFOLK.code]: [12, 'c', 'c'],
        [CAMBS.code]: [10, 6, 'c'],
        [ESSEX.code]: [18, 'c', 'c'],
      },
    });
    const flows = flowsChart(analyseIndicator({ tables: [table], denominators }))!;
    expect(flows.rows).toEqual([
      { from: 'Norfolk', to: 'Outside the Pathfinder locality', label: '12' },
      { from: 'Outside the Pathfinder locality', to: 'Norfolk', label: '8' },
      { from: 'Suffolk', to: 'Outside the Pathfinder locality', label: '[c]' },
      { from: 'Outside the Pathfinder locality', to: 'Suffolk', label: '[c]' },
      { from: 'Cambridgeshire and Peterborough', to: 'Outside the Pathfinder locality', label: '6' },
      { from: 'Outside the Pathfinder locality', to: 'Cambridgeshire and Peterborough', label: '[c]' },
      { from: 'Essex, Southend-on-Sea and Thurrock', to: 'Outside the Pathfinder locality', label: '[c]' },
      { from: 'Outside the Pathfinder locality', to: 'Essex, Southend-on-Sea and Thurrock', label: '[c]' },
    ]);
    expect(flows.svg).toContain('<svg');
    expect(flows.svg).not.toContain('>35<');
  });

  it('draws one direction for an indicator that counts one way only, and nothing for others', () => {
    const found = controlledTable({
      indicator: 'missing-yp-found-outside-la',
      rows: { [PF.code]: 9, [NORFOLK.code]: 9, [SUFFOLK.code]: 0, [CAMBS.code]: 0, [ESSEX.code]: 0 },
    });
    const rows = flowsChart(analyseIndicator({ tables: [found], denominators }))!.rows;
    expect(rows.every((r) => r.to === 'Outside the Pathfinder locality')).toBe(true);
    expect(rows.map((r) => r.label)).toEqual(['9', '0', '0', '0']);
    const other = controlledTable({
      indicator: 'svv-related-arrests',
      rows: { [PF.code]: 5, [NORFOLK.code]: 5 },
    });
    expect(flowsChart(analyseIndicator({ tables: [other], denominators }))).toBeNull();
  });
});
