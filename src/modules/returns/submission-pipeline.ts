// The heart of a submission: validated rows stream into a staging table inside one transaction,
// whole-submission checks run in SQL, and only a clean submission is moved into the append-only
// observation table. Any problem rolls the whole transaction back, so a failed submission changes nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Problem } from '../../platform/errors.ts';
import type { ReturnsRepository, StagedObservation } from './returns.repository.ts';
import type { RowLocation, ValidObservation } from './return-file.model.ts';
import { unusualValueWarning } from './poisson.ts';

/** Problems beyond this many are counted, not listed: a user fixes the first thousand first. */
export const MAX_LISTED_PROBLEMS = 1000;
const BATCH = 5000;

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
  await repository.createStaging(trx);
  const errors: Problem[] = [];
  let errorCount = 0;
  const addError = (p: Problem) => {
    errorCount++;
    if (errors.length < MAX_LISTED_PROBLEMS) errors.push(p);
  };

  let rowCount = 0;
  let batch: StagedObservation[] = [];
  for await (const item of items) {
    if ('skip' in item) continue;
    if ('problems' in item) {
      item.problems.forEach(addError);
      continue;
    }
    const o = item.observation;
    rowCount++;
    // Once the file has errors there is no point staging more rows; keep validating to list them all.
    if (errorCount > 0) continue;
    batch.push({
      rowNo: o.location.row,
      sheet: o.location.sheet ?? null,
      indicatorId: o.indicatorId,
      areaCode: o.areaCode,
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      breakdownKey: o.breakdownKey,
      value: o.value,
      valueText: o.valueText,
      note: o.note,
    });
    if (batch.length >= BATCH) {
      await repository.insertStaging(trx, batch);
      batch = [];
    }
  }
  if (errorCount === 0) await repository.insertStaging(trx, batch);

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
      const history = await repository.stagingHistory(trx, options.organisationId, options.countIndicatorIds);
      for (const h of history) {
        const message = unusualValueWarning(h.value, h.previous);
        if (message && warnings.length < MAX_LISTED_PROBLEMS) {
          warnings.push({ ...at({ file, ...(h.sheet ? { sheet: h.sheet } : {}), row: h.row_no }), message });
        }
      }
    }
  }
  return { rowCount, errors, errorCount, warnings };
}
