// Runs a CLI action with the platform's services, then closes the database. Errors become plain
// English on stderr and a non-zero exit; validation problems are listed one per line (or as JSON).
import { Option } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { startDeps } from '../bootstrap.ts';
import type { Deps } from '../deps.ts';
import { parseQuarter, type Quarter } from '../modules/returns/periods.ts';
import { AppError, ValidationError, describeLocation } from '../platform/errors.ts';
import { FORMATS, renderTable, type Format } from './output.ts';

export const formatOption = () =>
  new Option('-f, --format <format>', 'output format')
    .choices(FORMATS as unknown as string[])
    .default('table');

/** The quarter given with --period, or the latest that has ended when none is given. */
export function quarterFrom(deps: Deps, period: string | undefined): Quarter {
  if (period === undefined) return deps.analysis.latestQuarter();
  const quarter = parseQuarter(period);
  if (!quarter) {
    throw new ValidationError('The period is not valid.', [
      { field: '--period', message: `Enter a quarter like 2026-Q3 (you gave "${period}")` },
    ]);
  }
  return quarter;
}

export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export async function withDeps<T>(action: (deps: Deps) => Promise<T>): Promise<T> {
  const deps = await startDeps(loadConfig(process.env, { logLevel: 'silent' }));
  try {
    return await action(deps);
  } finally {
    await deps.database.close();
  }
}

/** Prints an error the way a user can act on it, and returns the exit code. */
export function reportError(error: unknown, format: Format = 'table'): number {
  if (error instanceof CliExit) return error.code;
  if (error instanceof ValidationError) {
    if (format === 'json') {
      process.stdout.write(
        JSON.stringify({ error: error.message, problems: error.problems }, null, 2) + '\n',
      );
    } else {
      process.stderr.write(`${error.message}\n\n`);
      process.stderr.write(
        renderTable(
          error.problems,
          [
            { header: 'Where', value: (p) => describeLocation(p) || '-' },
            { header: 'Problem', value: (p) => p.message },
          ],
          Number.POSITIVE_INFINITY,
        ) + '\n',
      );
      process.stderr.write(`\n${error.problems.length} problem(s). Nothing was changed.\n`);
    }
    return 1;
  }
  if (error instanceof ConfigError || error instanceof AppError) {
    process.stderr.write(`${error.message}\n`);
    return error instanceof AppError && error.statusCode === 404 ? 3 : 1;
  }
  process.stderr.write(`clmd failed: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}
