// The heart of a submission: validated rows stream into a staging table inside one transaction,
// whole-submission checks run in SQL, and only a clean submission is moved into the append-only
// observation table. Any problem rolls the whole transaction back, so a failed submission changes nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Problem } from '../../platform/errors.ts';
import type { ReturnsRepository } from './returns.repository.ts';
import type { RowLocation, ValidObservation } from './return-file.model.ts';
import { unusualValueWarning } from './poisson.ts';

/** Problems beyond this many are counted, not listed: a user fixes the first thousand first. */
export const MAX_LISTED_PROBLEMS = 1000;

export type PipelineItem = { observation: ValidObservation } | { problems: Problem[] } | { skip: true };

export interface PipelineResult {
  rowCount: number;
  errors: Problem[];
  errorCount: number;
  warnings: Problem[];
}

function at(location: RowLocation, column?: string): Pick<Problem, 'file' | 'sheet' | 'row' | 'column'> {
  return {
    file: location.file,
    ...(location.sheet ? { sheet: location.sheet } : {}),
    row: location.row,
    ...(column ? { column } : {}),
  };
}

/** Streams items into staging and runs the set-level checks. Call inside the submission's transaction. */
export async function stageSubmission(
  trx: Kysely<DB>,
  repository: ReturnsRepository,
  items: AsyncIterable<PipelineItem> | Iterable<PipelineItem>,
  options: { fileName: string; organisationId: string; countIndicatorIds: readonly string[] },
): Promise<PipelineResult> {
  const staging = await repository.createStaging(trx);
  const errors: Problem[] = [];
  let errorCount = 0;
  const addError = (p: Problem) => {
    errorCount++;
    if (errors.length < MAX_LISTED_PROBLEMS) errors.push(p);
  };

  let rowCount = 0;
  try {
    for await (const item of items) {
      if ('skip' in item) continue;
      if ('problems' in item) {
        const before = errorCount;
        item.problems.forEach(addError);
        // Once the file has errors there is no point staging more rows; keep validating to list them all.
        if (before === 0 && errorCount > 0) await staging.finish();
        continue;
      }
      rowCount++;
      if (errorCount > 0) continue;
      // Usually undefined: a promise only when staging needs the pipeline to wait.
      const wait = staging.add(item.observation);
      if (wait) await wait;
    }
  } catch (error) {
    await staging.abort(error);
    throw error;
  }
  await staging.finish();

  const warnings: Problem[] = [];
  if (errorCount === 0) {
    const file = options.fileName;
    for (const d of await repository.stagingDuplicates(trx, MAX_LISTED_PROBLEMS)) {
      addError({
        ...at({ file, ...(d.sheet ? { sheet: d.sheet } : {}), row: d.row_no }),
        message: `This row repeats row ${d.first_row} (same indicator, area, period and breakdown). Delete one of them.`,
      });
    }
    for (const b of await repository.stagingBreakdownsAboveTotal(trx, MAX_LISTED_PROBLEMS)) {
      addError({
        ...at({ file, ...(b.sheet ? { sheet: b.sheet } : {}), row: b.total_row }),
        message: `The breakdown by ${b.dimensions.replaceAll(';', ' and ')} adds up to ${b.breakdown_sum}, which is more than the total of ${b.total} on this row. Check the total and the breakdown values.`,
      });
    }
    if (errorCount === 0) {
      // In file order, a page at a time; the first thousand warnings are all that is listed.
      for await (const h of repository.stagingHistory(trx, options.organisationId, options.countIndicatorIds)) {
        const message = unusualValueWarning(h.value, h.previous);
        if (!message) continue;
        warnings.push({ ...at({ file, ...(h.sheet ? { sheet: h.sheet } : {}), row: h.row_no }), message });
        if (warnings.length >= MAX_LISTED_PROBLEMS) break;
      }
    }
  }
  return { rowCount, errors, errorCount, warnings };
}
