// Reading server-rendered pages in route tests without a browser: the rows of a table found by its
// data-testid, as plain text, and a few exports (CSV with "#" notes, XLSX) as rows keyed by header.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  '#x27': "'",
  nbsp: ' ',
};

/** Tags removed, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The HTML of the first element `<tag … data-testid="id" …>…</tag>` (tables and lists do not nest here). */
export function elementByTestId(html: string, testId: string, tag = 'table'): string | undefined {
  const re = new RegExp(`<${tag}\\b[^>]*data-testid="${testId}"[^>]*>[\\s\\S]*?</${tag}>`);
  return re.exec(html)?.[0];
}

function attributes(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

export interface HtmlRow {
  /** The <tr>'s attributes (data-code, data-class …). */
  attrs: Record<string, string>;
  /** The row header's text (the <th scope="row">), or ''. */
  header: string;
  /** Each <td>'s text, in order. */
  cells: string[];
}

/** The body rows of the table with this data-testid; throws when there is no such table. */
export function tableRows(html: string, testId: string): HtmlRow[] {
  const table = elementByTestId(html, testId);
  if (!table) throw new Error(`no table with data-testid="${testId}"`);
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr\b([^>]*)>([\s\S]*?)<\/tr>/g)].map((m) => ({
    attrs: attributes(m[1]!),
    header: textOf(/<th\b[^>]*>([\s\S]*?)<\/th>/.exec(m[2]!)?.[1] ?? ''),
    cells: [...m[2]!.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => textOf(c[1]!)),
  }));
}

/** The items of the list with this data-testid, as text. */
export function listItems(html: string, testId: string): string[] {
  const list = elementByTestId(html, testId, 'ul');
  return list ? [...list.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)) : [];
}

export type ExportRow = Record<string, string>;

/** The tables of a CSV export (notes as leading "#" lines, a blank line between tables). */
export function csvTables(text: string): { notes: string[]; headers: string[]; rows: ExportRow[] }[] {
  // A table starts at a "#" line that follows data (or the start of the file).
  const blocks: { notes: string[]; data: string[] }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('# ')) {
      const last = blocks.at(-1);
      if (!last || last.data.length) blocks.push({ notes: [], data: [] });
      blocks.at(-1)!.notes.push(line.slice(2));
    } else if (line.trim() !== '') {
      if (!blocks.length) blocks.push({ notes: [], data: [] });
      blocks.at(-1)!.data.push(line);
    }
  }
  return blocks.map((b) => {
    const [headers = [], ...rest] = parse(b.data.join('\n')) as string[][];
    return {
      notes: b.notes,
      headers,
      rows: rest.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))),
    };
  });
}

/** The sheets of an XLSX export after its Notes sheet: headers and rows as text ('' for an empty cell). */
export async function xlsxTables(
  bytes: Buffer,
): Promise<{ name: string; notes: string[]; headers: string[]; rows: ExportRow[] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const notesSheet = wb.getWorksheet('Notes');
  const notes: string[] = [];
  notesSheet?.eachRow((row) => notes.push(String(row.getCell(1).value ?? '')));
  const text = (v: ExcelJS.CellValue): string =>
    v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return wb.worksheets
    .filter((ws) => ws.name !== 'Notes')
    .map((ws) => {
      const all: string[][] = [];
      ws.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        for (let i = 1; i <= ws.columnCount; i++) cells.push(text(row.getCell(i).value));
        all.push(cells);
      });
      const [headers = [], ...rest] = all;
      return {
        name: ws.name,
        notes,
        headers,
        rows: rest.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? '']))),
      };
    });
}
