// Finds the return's columns in a header row, for both readers: fixed fields by name, breakdowns by
// dimension id, case-insensitively. Unknown, repeated and missing columns are problems, listed together
// so the user can fix the header in one go.
import type { Problem } from '../../../platform/errors.ts';
import type { ReturnField } from '../return-file.model.ts';
import {
  columnLabel,
  columnLetter,
  FIELD_HEADERS,
  matchHeader,
  normaliseHeader,
  REQUIRED_FIELDS,
} from './columns.ts';

/** A header so wrong that it lists more unknown columns than this is clearly not a return file. */
const MAX_HEADER_PROBLEMS = 20;

/** Where each field and breakdown is in the file, worked out once from the header. */
export interface ColumnLayout {
  fields: Partial<Record<ReturnField, number>>;
  dimensions: [string, number][];
  /** Columns with a blank heading: anything typed under one has nowhere to go. */
  blank: number[];
  /** Header text by column index, for labels. */
  headers: string[];
  labels: Partial<Record<string, string>>;
}

/** Matches header cells to fields and breakdowns; problems for unknown, repeated and missing columns. */
export function analyseHeader(
  headers: readonly string[],
  where: { file: string; sheet?: string; row: number },
): { layout: ColumnLayout; problems: Problem[] } {
  const layout: ColumnLayout = { fields: {}, dimensions: [], blank: [], headers: [...headers], labels: {} };
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const at = (column: string | undefined, message: string): Problem => ({
    file: where.file,
    ...(where.sheet !== undefined ? { sheet: where.sheet } : {}),
    row: where.row,
    ...(column !== undefined ? { column } : {}),
    message,
  });
  let unknown = 0;
  headers.forEach((header, index) => {
    const name = normaliseHeader(header);
    if (name === '') {
      layout.blank.push(index);
      return;
    }
    const label = columnLabel(index, header);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      problems.push(
        at(
          label,
          `There are two ${name} columns (${columnLetter(earlier)} and ${columnLetter(index)}). Remove one of them`,
        ),
      );
      return;
    }
    seen.set(name, index);
    const match = matchHeader(header);
    switch (match.kind) {
      case 'field':
        layout.fields[match.field] = index;
        layout.labels[match.field] = label;
        break;
      case 'dimension':
        layout.dimensions.push([match.id, index]);
        layout.labels[match.id] = label;
        break;
      case 'area-name':
        break; // shown to help people find their rows; the code is what counts
      case 'unknown':
        unknown++;
        if (unknown <= MAX_HEADER_PROBLEMS) {
          problems.push(
            at(
              label,
              `The heading ${JSON.stringify(header.trim())} is not one of the return's columns. Remove the column, or correct the heading: the columns are indicator_id, area_code, period_start, period_end, a column for each breakdown named by its id (like sex), value and note`,
            ),
          );
        }
        break;
    }
  });
  if (unknown > MAX_HEADER_PROBLEMS) {
    problems.push(
      at(
        undefined,
        `There are ${unknown - MAX_HEADER_PROBLEMS} more headings that are not the return's columns`,
      ),
    );
  }
  const missing = REQUIRED_FIELDS.filter((f) => layout.fields[f] === undefined).map((f) => FIELD_HEADERS[f]);
  if (missing.length > 0) {
    const names =
      missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
    problems.push(
      at(
        undefined,
        `The ${names} column${missing.length === 1 ? ' is' : 's are'} missing. The first row must have the headings indicator_id, area_code, period_start, period_end, value and note`,
      ),
    );
  }
  return { layout, problems };
}
