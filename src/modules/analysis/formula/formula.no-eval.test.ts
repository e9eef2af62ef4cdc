// The language must stay data, never code: no source file in this folder may evaluate text as JavaScript.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folder = dirname(fileURLToPath(import.meta.url));
// Built from pieces so that this file does not match its own patterns.
const FORBIDDEN = [
  { name: 'eval', pattern: new RegExp(['\\bev', 'al\\s*\\('].join('')) },
  { name: 'the Function constructor with new', pattern: new RegExp(['\\bnew\\s+Func', 'tion\\b'].join('')) },
  { name: 'the Function constructor', pattern: new RegExp(['(?<![\\w.])Func', 'tion\\s*\\('].join('')) },
  { name: 'string timers', pattern: new RegExp(['set(Timeout|Interval)\\s*\\(\\s*[\'"`]'].join('')) },
  { name: 'vm module', pattern: new RegExp(['from\\s+[\'"](node:)?v', 'm[\'"]'].join('')) },
];

describe('no eval', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));

  it('finds the source files of the folder', () => {
    expect(files).toEqual(expect.arrayContaining(['formula.parser.ts', 'formula.evaluate.ts', 'index.ts']));
  });

  it.each(FORBIDDEN)('no file uses $name', ({ pattern }) => {
    const offenders = files.filter((file) => pattern.test(readFileSync(join(folder, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the patterns do catch what they are for', () => {
    const [evalCall, newFunction] = FORBIDDEN;
    expect(evalCall?.pattern.test(['ev', 'al("1")'].join(''))).toBe(true);
    expect(evalCall?.pattern.test('evaluateFormula(x)')).toBe(false);
    expect(newFunction?.pattern.test(['new Func', 'tion("return 1")'].join(''))).toBe(true);
  });
});
