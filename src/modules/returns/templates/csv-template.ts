// The long-format CSV template: one row per expected figure, the same rows as the workbook, with a
// column for every breakdown dimension any of the organisation's indicators uses. Written as a stream
// so that a ward-level template for a large force never sits in memory as one string.
// The format is described for users in docs/returns-csv-format.md.
import fs from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import type { ReturnValidationContext } from '../return-file.model.ts';
import { FIELD_HEADERS } from '../readers/columns.ts';
import { breakdownDimensions, templateIndicators, templateRows, type TemplateRow } from '../template-rows.ts';

/** indicator_id, area_code, period_start, period_end, the dimension ids (sorted), value, note. */
export function csvTemplateHeader(ctx: ReturnValidationContext, indicators: readonly Indicator[]): string[] {
  const dimensions = new Set(
    templateIndicators(ctx, indicators).flatMap((i) => breakdownDimensions(i).map((d) => d.id)),
  );
  return [
    FIELD_HEADERS.indicator,
    FIELD_HEADERS.area,
    FIELD_HEADERS.periodStart,
    FIELD_HEADERS.periodEnd,
    ...[...dimensions].sort(),
    FIELD_HEADERS.value,
    FIELD_HEADERS.note,
  ];
}

/** RFC 4180 quoting, only where needed (codes and dates never need it; kept for safety). */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A line of cells, quoted where needed, ending in CRLF as Excel writes it. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(field).join(',')}\r\n`;
}

/** A template row's cells under `header`, with a value and a note (blank in the template itself). */
export function templateRowCells(header: readonly string[], r: TemplateRow, value = '', note = ''): string[] {
  const dimensionIds = header.slice(4, -2);
  return [
    r.indicatorId,
    r.areaCode,
    r.periodStart,
    r.periodEnd,
    ...dimensionIds.map((id) => (r.breakdown?.dimension === id ? r.breakdown.value : '')),
    value,
    note,
  ];
}

/** The template's lines. */
export function* csvTemplateLines(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
): Generator<string> {
  const header = csvTemplateHeader(ctx, indicators);
  yield csvLine(header);
  for (const r of templateRows(ctx, indicators)) yield csvLine(templateRowCells(header, r));
}

/** Writes the template to a path or a stream, respecting back-pressure. */
export async function writeCsvTemplate(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
  target: string | Writable,
): Promise<void> {
  const out = typeof target === 'string' ? fs.createWriteStream(target) : target;
  for (const line of csvTemplateLines(ctx, indicators)) {
    if (!out.write(line)) await once(out, 'drain');
  }
  if (typeof target === 'string') {
    out.end();
    await once(out, 'finish');
  }
}
