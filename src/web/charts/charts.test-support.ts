// Helpers for the chart tests: a small well-formedness check for the SVG text, element and
// attribute look-ups by regex, path bounding boxes, and the location of the shared boundary files.
import path from 'node:path';
import { expect } from 'vitest';

/** ../shared/data beside the repository root (the repository is ../../../ from here). */
export const SHARED_DATA_DIR = path.resolve(import.meta.dirname, '../../../../shared/data');
export const BOUNDARIES_DIR = path.join(SHARED_DATA_DIR, 'boundaries');

export interface Element {
  name: string;
  attrs: Record<string, string>;
  /** Text content up to the matching close tag (children's text included), for non-empty elements. */
  text: string;
  /** The raw markup from the opening tag to its close. */
  raw: string;
}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Checks the SVG is well-formed XML (every tag closed in order, attributes quoted and unique,
 * no raw "<" or stray "&" in text) with a single <svg> root. Throws with the place of the fault.
 */
export function checkXml(svg: string): void {
  const stack: string[] = [];
  let last = 0;
  let roots = 0;
  for (const m of svg.matchAll(TAG)) {
    const between = svg.slice(last, m.index);
    if (/[<>]/.test(between))
      throw new Error(`Unexpected markup near ${JSON.stringify(svg.slice(last, last + 80))}`);
    if (/&(?!(amp|lt|gt|quot|#39|#\d+|#x[0-9a-fA-F]+);)/.test(between)) {
      throw new Error(`Unescaped & near ${JSON.stringify(between.slice(0, 80))}`);
    }
    if (stack.length === 0 && between.trim()) throw new Error('Text outside the root element');
    const [, closing, name = '', attrs = '', selfClosing] = m;
    const seen = new Set<string>();
    for (const a of attrs.matchAll(ATTR)) {
      const key = a[1] ?? '';
      if (seen.has(key)) throw new Error(`Duplicate attribute ${key} on <${name}>`);
      seen.add(key);
      if (/[<&](?!(amp|lt|gt|quot|#39);)/.test(a[2] ?? a[3] ?? ''))
        throw new Error(`Unescaped value in ${key} on <${name}>`);
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
    last = (m.index ?? 0) + m[0].length;
  }
  if (svg.slice(last).trim()) throw new Error('Text after the root element');
  if (stack.length) throw new Error(`Unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  expect(svg.startsWith('<svg ')).toBe(true);
}

/** Every element with the given tag name, in document order. */
export function elements(svg: string, name: string): Element[] {
  const out: Element[] = [];
  const opens: { name: string; start: number; attrs: string; selfClosing: boolean; end: number }[] = [];
  const stack: number[] = [];
  const closeAt = new Map<number, { start: number; end: number }>();
  for (const m of svg.matchAll(TAG)) {
    const [, closing, tag = '', attrs = '', selfClosing] = m;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (closing) {
      const i = stack.pop();
      if (i !== undefined) closeAt.set(i, { start, end });
    } else {
      opens.push({ name: tag, start, attrs, selfClosing: !!selfClosing, end });
      if (!selfClosing) stack.push(opens.length - 1);
    }
  }
  opens.forEach((o, i) => {
    if (o.name !== name) return;
    const attrs: Record<string, string> = {};
    for (const a of o.attrs.matchAll(ATTR)) attrs[a[1] ?? ''] = unescape(a[2] ?? a[3] ?? '');
    const close = closeAt.get(i);
    const inner = close ? svg.slice(o.end, close.start) : '';
    out.push({
      name: o.name,
      attrs,
      text: unescape(inner.replace(/<[^>]*>/g, '')),
      raw: svg.slice(o.start, close ? close.end : o.end),
    });
  });
  return out;
}

/** The numbers of the viewBox: [x, y, width, height]. */
export function viewBox(svg: string): [number, number, number, number] {
  const root = elements(svg, 'svg')[0];
  const parts = (root?.attrs.viewBox ?? '').split(/\s+/).map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0];
}

export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding box of path data made of M/m, L/l, H/h, V/v and Z/z commands. */
export function pathBounds(d: string): Bounds {
  const b: Bounds = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  const add = (): void => {
    b.x0 = Math.min(b.x0, x);
    b.y0 = Math.min(b.y0, y);
    b.x1 = Math.max(b.x1, x);
    b.y1 = Math.max(b.y1, y);
  };
  for (const seg of d.matchAll(/([MmLlHhVvZz])([^MmLlHhVvZz]*)/g)) {
    const cmd = seg[1] ?? '';
    const nums = [...(seg[2] ?? '').matchAll(/-?(?:\d+\.?\d*|\.\d+)/g)].map((n) => Number(n[0]));
    switch (cmd) {
      case 'M':
      case 'L':
        for (let i = 0; i + 1 < nums.length; i += 2) {
          x = nums[i] ?? 0;
          y = nums[i + 1] ?? 0;
          if (cmd === 'M' && i === 0) [startX, startY] = [x, y];
          add();
        }
        break;
      case 'm':
      case 'l':
        for (let i = 0; i + 1 < nums.length; i += 2) {
          x += nums[i] ?? 0;
          y += nums[i + 1] ?? 0;
          if (cmd === 'm' && i === 0) [startX, startY] = [x, y];
          add();
        }
        break;
      case 'H':
      case 'h':
        for (const n of nums) {
          x = cmd === 'H' ? n : x + n;
          add();
        }
        break;
      case 'V':
      case 'v':
        for (const n of nums) {
          y = cmd === 'V' ? n : y + n;
          add();
        }
        break;
      default:
        x = startX;
        y = startY;
    }
  }
  return b;
}

export function union(boxes: readonly Bounds[]): Bounds {
  return boxes.reduce(
    (u, b) => ({
      x0: Math.min(u.x0, b.x0),
      y0: Math.min(u.y0, b.y0),
      x1: Math.max(u.x1, b.x1),
      y1: Math.max(u.y1, b.y1),
    }),
    { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity },
  );
}

/**
 * What every chart must be: well-formed, role="img" named by its own <title> and <desc>, no
 * script, styles, event handlers or external references, text at least 12px, classes prefixed.
 */
export function expectAccessibleChart(svg: string, title: string, description: string): void {
  checkXml(svg);
  const root = elements(svg, 'svg')[0];
  expect(root?.attrs.role).toBe('img');
  const id = root?.attrs.id ?? '';
  expect(root?.attrs['aria-labelledby']).toBe(`${id}-title ${id}-desc`);
  const titles = elements(svg, 'title');
  expect(titles[0]?.attrs.id).toBe(`${id}-title`);
  expect(titles[0]?.text).toBe(title);
  const desc = elements(svg, 'desc');
  expect(desc).toHaveLength(1);
  expect(desc[0]?.attrs.id).toBe(`${id}-desc`);
  expect(desc[0]?.text).toBe(description);
  expect(svg).not.toMatch(/<script|<style|<foreignObject|<image|<use\b/i);
  expect(svg).not.toMatch(/\sstyle=|\son\w+=|href=|javascript:/i);
  expect(svg.match(/https?:\/\/[^\s"]*/g)).toEqual(['http://www.w3.org/2000/svg']);
  for (const m of svg.matchAll(/font-size="([\d.]+)"/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(12);
  for (const m of svg.matchAll(/\sclass="([^"]*)"/g)) {
    for (const cls of (m[1] ?? '').split(/\s+/)) expect(cls).toMatch(/^clmd-chart/);
  }
  for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) {
    expect(svg, `reference to #${m[1]}`).toContain(`id="${m[1]}"`);
  }
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const i of ids) expect(i?.startsWith(id)).toBe(true);
}
