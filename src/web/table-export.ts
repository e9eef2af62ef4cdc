// Every table a page shows can be downloaded as CSV or XLSX from the same rows: CSV with the notes as
// leading "#" lines (titles, tier, caveats, the synthetic label), XLSX with a sheet per table and a
// Notes sheet. The rows come from disclosure-controlled views; nothing here adds or reveals a figure.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

export type ExportCell = string | number | null;

export interface ExportTable {
  title: string;
  notes: string[];
  headers: string[];
  rows: ExportCell[][];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function tableCsv(table: ExportTable): string {
  const preface = [table.title, ...table.notes].map((n) => `# ${n.replace(/\r?\n/g, ' ')}\n`).join('');
  return preface + stringify([table.headers, ...table.rows.map((r) => r.map((c) => c ?? ''))]);
}

/** Excel limits sheet names to 31 characters without []:*?/\ . */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Table';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base} ${i}`;
  used.add(name);
  return name;
}

export async function tablesXlsx(tables: readonly ExportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'clmd';
  const used = new Set<string>(['Notes']);
  const notes = wb.addWorksheet('Notes');
  notes.getColumn(1).width = 120;
  for (const t of tables) {
    notes.addRow([t.title]).font = { bold: true };
    for (const n of t.notes) notes.addRow([n]);
    notes.addRow([]);
  }
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.title, used));
    const header = ws.addRow(t.headers);
    header.font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of t.rows) ws.addRow(r.map((c) => c ?? ''));
    t.headers.forEach((h, i) => (ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length + 2))));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends tables as a download: CSV (each table with its notes and header, a blank line between) or one workbook. */
export async function sendTables(
  reply: FastifyReply,
  fileBase: string,
  tables: readonly ExportTable[],
  format: ExportFormat,
): Promise<FastifyReply> {
  const safe = fileBase.replace(/[^A-Za-z0-9._-]/g, '-');
  if (format === 'xlsx') {
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${safe}.xlsx"`)
      .send(await tablesXlsx(tables));
  }
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safe}.csv"`)
    .send(tables.map(tableCsv).join('\n'));
}
