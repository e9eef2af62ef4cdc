import { describe, expect, it } from 'vitest';
import { elements, expectAccessibleChart } from './charts.test-support.ts';
import { flowDiagram, type Flow, type FlowNode } from './flows.ts';

const nodes: FlowNode[] = [
  { id: 'LOC-NORFOLK', name: 'Norfolk' },
  { id: 'LOC-SUFFOLK', name: 'Suffolk' },
  { id: 'LOC-ESSEX', name: 'Essex, Southend-on-Sea and Thurrock' },
  { id: 'LONDON', name: 'London' },
  { id: 'ELSEWHERE', name: 'Elsewhere in England' },
];
const flows: Flow[] = [
  { from: 'LONDON', to: 'LOC-NORFOLK', value: 120, label: '120' },
  { from: 'LONDON', to: 'LOC-ESSEX', value: 60, label: '60' },
  { from: 'LONDON', to: 'LOC-SUFFOLK', value: null, label: '[c]' },
  { from: 'ELSEWHERE', to: 'LOC-SUFFOLK', value: 30, label: '30' },
  { from: 'LOC-ESSEX', to: 'LOC-SUFFOLK', value: 0, label: '0' },
];

const flowGroups = (svg: string) =>
  elements(svg, 'g').filter((g) => g.attrs.class?.startsWith('clmd-chart-flow') && g.attrs['data-from']);

describe('flowDiagram', () => {
  const title = 'Out-of-area arrests';
  const description = 'Children arrested in each locality by where they live.';
  const svg = flowDiagram({
    title,
    description,
    nodes,
    flows,
    valueTitle: 'arrests',
    fromTitle: 'Lives in',
    toTitle: 'Arrested in',
  });

  it('is an accessible SVG', () => {
    expectAccessibleChart(svg, title, description);
  });

  it('draws one arrow per non-zero flow with its label and a tooltip', () => {
    const groups = flowGroups(svg);
    expect(groups.map((g) => `${g.attrs['data-from']}>${g.attrs['data-to']}`)).toEqual([
      'LONDON>LOC-NORFOLK',
      'LONDON>LOC-ESSEX',
      'LONDON>LOC-SUFFOLK',
      'ELSEWHERE>LOC-SUFFOLK',
    ]);
    expect(elements(groups[0]?.raw ?? '', 'title')[0]?.text).toBe('London to Norfolk: 120');
    expect(elements(groups[0]?.raw ?? '', 'text')[0]?.text).toBe('120');
  });

  it('makes widths proportional to the numbers and suppressed flows thin, dashed and "[c]"', () => {
    const width = (from: string, to: string): number => {
      const g = flowGroups(svg).find((x) => x.attrs['data-from'] === from && x.attrs['data-to'] === to);
      return Number(elements(g?.raw ?? '', 'path')[0]?.attrs['stroke-width']);
    };
    expect(width('LONDON', 'LOC-NORFOLK')).toBe(24);
    expect(width('LONDON', 'LOC-ESSEX')).toBe(12);
    expect(width('ELSEWHERE', 'LOC-SUFFOLK')).toBe(6);
    const suppressed = flowGroups(svg).find(
      (g) => g.attrs.class === 'clmd-chart-flow clmd-chart-flow--suppressed',
    );
    expect(elements(suppressed?.raw ?? '', 'path')[0]?.attrs['stroke-dasharray']).toBeDefined();
    expect(elements(suppressed?.raw ?? '', 'text')[0]?.text).toBe('[c]');
  });

  it('lists origins on the left and destinations on the right, with headings and legend', () => {
    const node = (side: string) =>
      elements(svg, 'g')
        .filter((g) => g.attrs.class === 'clmd-chart-node' && g.attrs['data-side'] === side)
        .map((g) => elements(g.raw, 'text')[0])
        .map((t) =>
          t && elements(t.raw, 'tspan').length
            ? elements(t.raw, 'tspan')
                .map((s) => s.text)
                .join(' ')
            : (t?.text ?? ''),
        );
    expect(node('from')).toEqual(['London', 'Elsewhere in England']);
    expect(node('to')).toEqual(['Norfolk', 'Suffolk', 'Essex, Southend-on-Sea and Thurrock']);
    const texts = elements(svg, 'text').map((t) => t.text);
    expect(texts).toContain('Lives in');
    expect(texts).toContain('Arrested in');
    const legend = elements(svg, 'g')
      .filter((g) => g.attrs.class === 'clmd-chart-legend__item')
      .map((g) => g.text);
    expect(legend).toEqual(['Width shows the number of arrests', '[c] suppressed (dashed)']);
  });

  it('refuses flows between unknown nodes and copes with no flows', () => {
    expect(() =>
      flowDiagram({
        title: 't',
        description: 'd',
        nodes,
        flows: [{ from: 'X', to: 'LONDON', value: 1, label: '1' }],
      }),
    ).toThrow(/unknown node "X"/);
    const empty = flowDiagram({ title: 't', description: 'd', nodes, flows: [] });
    expectAccessibleChart(empty, 't', 'd');
    expect(empty).toContain('No flows to show');
  });

  it('escapes node names and labels', () => {
    const out = flowDiagram({
      title: 't',
      description: 'd',
      nodes: [
        { id: 'a', name: '<script>alert(1)</script>' },
        { id: 'b', name: 'B & C' },
      ],
      flows: [{ from: 'a', to: 'b', value: 3, label: '<3>' }],
    });
    expectAccessibleChart(out, 't', 'd');
    expect(out).not.toContain('<script');
    expect(out).toContain('B &amp; C');
  });
});
