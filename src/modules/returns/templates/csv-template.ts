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
import { breakdownDimensions, templateIndicators, templateRows } from '../template-rows.ts';

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

/** The template's lines, each ending in CRLF as Excel writes them. */
export function* csvTemplateLines(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
): Generator<string> {
  const header = csvTemplateHeader(ctx, indicators);
  yield `${header.map(field).join(',')}\r\n`;
  const dimensionIds = header.slice(4, -2);
  for (const r of templateRows(ctx, indicators)) {
    const cells = [
      r.indicatorId,
      r.areaCode,
      r.periodStart,
      r.periodEnd,
      ...dimensionIds.map((id) => (r.breakdown?.dimension === id ? r.breakdown.value : '')),
      '',
      '',
    ];
    yield `${cells.map(field).join(',')}\r\n`;
  }
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
