import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../demo/random.ts';
import { CsvRecords, MAX_RECORD_CHARS } from './csv-records.ts';

// What the reader used csv-parse for before CsvRecords: its results are the reference.
const CSV_PARSE_OPTIONS = {
  bom: true,
  delimiter: ',',
  record_delimiter: ['\r\n', '\n'],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  max_record_size: MAX_RECORD_CHARS,
};

function reference(text: string): { records: string[][] } | { error: string } {
  try {
    return { records: parse(text, CSV_PARSE_OPTIONS) as string[][] };
  } catch (error) {
    return { error: (error as { code: string }).code };
  }
}

function split(chunks: readonly string[]): { records: string[][] } | { error: string } {
  const splitter = new CsvRecords(',');
  const records: string[][] = [];
  try {
    for (const chunk of chunks) splitter.push(chunk, records);
    splitter.end(records);
    return { records };
  } catch (error) {
    return { error: (error as { code: string }).code };
  }
}

describe('CsvRecords', () => {
  it('splits plain lines, with either line ending, and drops a byte-order mark', () => {
    expect(split(['\uFEFFa,b\r\n1,', '2\n\n3,4'])).toEqual({
      records: [['a', 'b'], ['1', '2'], [''], ['3', '4']],
    });
  });

  it('reads quoted values over several lines and chunks as csv-parse does', () => {
    expect(split(['a,"x,\r\ny', ' ""z"""\r\nb,c\n'])).toEqual({
      records: [
        ['a', 'x,\r\ny "z"'],
        ['b', 'c'],
      ],
    });
  });

  it('fails as csv-parse does on a quote never closed', () => {
    expect(split(['a,b\n"c,d\ne,f\n'])).toEqual({ error: 'CSV_QUOTE_NOT_CLOSED' });
  });

  it('splits lines whose quotes wrap whole cells as csv-parse does', () => {
    expect(split(['a,"b, c",d\n"",x,""""\n"e ""f""",\r\n'])).toEqual({
      records: [
        ['a', 'b, c', 'd'],
        ['', 'x', '"'],
        ['e "f"', ''],
      ],
    });
  });

  it('gives csv-parse’s records for lines of quoted and plain cells, well formed or not', () => {
    const next = createRandom(20261202).next;
    const cells = ['', 'a', 'b c', '"q, r"', '"s ""t"""', '""', '"u', 'v"', '"w" ', ' "x"', '"y\nz"', '"\r"'];
    for (let t = 0; t < 5_000; t++) {
      const lines: string[] = [];
      for (let l = 1 + Math.floor(next() * 4); l > 0; l--) {
        const line: string[] = [];
        for (let c = 1 + Math.floor(next() * 5); c > 0; c--)
          line.push(cells[Math.floor(next() * cells.length)]!);
        lines.push(line.join(','));
      }
      const text = lines.join(next() < 0.5 ? '\n' : '\r\n') + (next() < 0.5 ? '\n' : '');
      expect(split([text]), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('gives csv-parse’s records for any text cut into any chunks', () => {
    const next = createRandom(20261201).next;
    const pieces = ['a', 'b', 'é', ' ', ',', ',', '"', '"', '\n', '\r\n', '\r', '\uFEFF'];
    for (let t = 0; t < 5_000; t++) {
      let text = next() < 0.2 ? '\uFEFF' : '';
      for (let n = Math.floor(next() * 40); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      const chunks: string[] = [];
      for (let i = 0; i < text.length;) {
        const end = i + 1 + Math.floor(next() * 8);
        chunks.push(text.slice(i, end));
        i = end;
      }
      expect(split(chunks), JSON.stringify(text)).toEqual(reference(text));
    }
  });
});
