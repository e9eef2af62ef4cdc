import { describe, expect, it } from 'vitest';
import { checkXml, elements } from './charts.test-support.ts';
import {
  chartId,
  decimalsFor,
  escapeXml,
  fmt,
  formatNumber,
  markerElement,
  patternDefs,
  patternIds,
  renderLegend,
  sanitiseId,
  sequentialColours,
  svgDocument,
  textColourOn,
  wrapText,
} from './svg.ts';

describe('escapeXml', () => {
  it('escapes markup, quotes and ampersands', () => {
    expect(escapeXml('<script>alert("x")</script>')).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
    expect(escapeXml("King's Lynn & West Norfolk")).toBe('King&#39;s Lynn &amp; West Norfolk');
  });

  it('drops control characters XML does not allow and stringifies anything', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(escapeXml(null)).toBe('');
    expect(escapeXml(12.5)).toBe('12.5');
  });

  it('keeps a document well-formed whatever the title says', () => {
    const svg = svgDocument({
      id: 'x',
      kind: 'test',
      width: 10,
      height: 10,
      title: '</title><script>alert(1)</script>',
      description: '"&<>\'',
      body: '',
    });
    checkXml(svg);
    expect(svg).not.toContain('<script');
    expect(elements(svg, 'title')[0]?.text).toBe('</title><script>alert(1)</script>');
  });
});

describe('numbers', () => {
  it('rounds coordinates to one decimal without -0', () => {
    expect(fmt(12.345)).toBe('12.3');
    expect(fmt(-0.04)).toBe('0');
    expect(fmt(3)).toBe('3');
    expect(fmt(2.96)).toBe('3');
  });

  it('formats numbers the British way', () => {
    expect(formatNumber(12345.678, 1)).toBe('12,345.7');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
    expect(formatNumber(2, 2)).toBe('2.00');
  });

  it('counts the decimals a step needs', () => {
    expect(decimalsFor(5)).toBe(0);
    expect(decimalsFor(0.2)).toBe(1);
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(0.0005)).toBe(4);
  });
});

describe('ids', () => {
  it('makes safe ids', () => {
    expect(sanitiseId('my chart"><x')).toBe('my-chart-x');
    expect(sanitiseId('1abc')).toBe('c-1abc');
  });

  it('derives stable ids from the title when none is given', () => {
    expect(chartId('map', undefined, 'A')).toBe(chartId('map', undefined, 'A'));
    expect(chartId('map', undefined, 'A')).not.toBe(chartId('map', undefined, 'B'));
    expect(chartId('map', 'given id', 'A')).toBe('given-id');
  });
});

describe('colours', () => {
  it('gives light-to-dark sequential colours for 1 to 9 classes', () => {
    for (let n = 1; n <= 9; n++) expect(sequentialColours('blues', n)).toHaveLength(n);
    expect(() => sequentialColours('viridis', 9)).toThrow(RangeError);
  });

  it('picks legible text colours', () => {
    expect(textColourOn('#08519c')).toBe('#ffffff');
    expect(textColourOn('#eff3ff')).toBe('#0b0c0c');
    expect(textColourOn('#fde725')).toBe('#0b0c0c');
  });
});

describe('patterns and markers', () => {
  it('defines distinct patterns for suppressed and missing values', () => {
    const ids = patternIds('m');
    const defs = patternDefs(ids);
    expect(defs).toContain('id="m-suppressed"');
    expect(defs).toContain('id="m-no-data"');
  });

  it('draws every marker shape, with content when given', () => {
    for (const shape of ['circle', 'square', 'triangle-up', 'triangle-down', 'diamond'] as const) {
      const m = markerElement(shape, 10, 10, 8, ' fill="red"', '<title>t</title>');
      checkXml(`<svg xmlns="x">${m}</svg>`);
      expect(m).toContain('<title>t</title>');
    }
  });
});

describe('text', () => {
  it('wraps words to a width', () => {
    const lines = wrapText('Rate per 10,000 children aged 10 to 17', 150, 14);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Rate per 10,000 children aged 10 to 17');
  });
});

describe('renderLegend', () => {
  it('renders one item per entry with its label, escaped', () => {
    const legend = renderLegend(
      [
        { key: 'a', label: 'First <class>', swatch: { kind: 'fill', fill: '#fff' } },
        {
          key: 'b',
          label: 'A line',
          swatch: { kind: 'line', stroke: '#000', dash: '4 4', marker: 'circle' },
        },
        { key: 'c', label: 'Band', swatch: { kind: 'band', fill: '#000', opacity: 0.2 } },
        {
          key: 'd',
          label: 'Marker',
          swatch: { kind: 'marker', shape: 'diamond', fill: '#000', stroke: '#000' },
        },
      ],
      { x: 0, y: 0, width: 200, title: 'Legend title' },
    );
    const svg = `<svg xmlns="x">${legend.svg}</svg>`;
    checkXml(svg);
    const items = elements(svg, 'g').filter((g) => g.attrs.class === 'clmd-chart-legend__item');
    expect(items.map((i) => i.text)).toEqual(['First <class>', 'A line', 'Band', 'Marker']);
    expect(items.map((i) => i.attrs['data-legend'])).toEqual(['a', 'b', 'c', 'd']);
    expect(legend.height).toBeGreaterThan(4 * 16);
  });

  it('flows entries into rows when horizontal', () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({
      label: `Series number ${i}`,
      swatch: { kind: 'fill' as const, fill: '#000' },
    }));
    const one = renderLegend(entries, { x: 0, y: 0, width: 2000, layout: 'horizontal' });
    const rows = renderLegend(entries, { x: 0, y: 0, width: 300, layout: 'horizontal' });
    expect(one.height).toBe(16);
    expect(rows.height).toBeGreaterThan(one.height);
  });
});
