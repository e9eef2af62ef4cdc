import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  diffCatalogues,
  formatDiff,
  isEmptyDiff,
  summariseDiff,
} from '../modules/catalogue/catalogue.diff.ts';
import {
  CATALOGUE_FORMATS,
  UTF8_BOM,
  exportFileName,
  readCatalogueFile,
  toCatalogueJson,
  writeCatalogueCsv,
  writeCatalogueXlsx,
  type CatalogueFormat,
} from '../modules/catalogue/catalogue.spreadsheet.ts';
import { cliActor } from '../platform/actor.ts';
import { ValidationError } from '../platform/errors.ts';
import { STATUS_LABELS, type Indicator } from '../modules/catalogue/catalogue.model.ts';
import { machineFields } from '../modules/catalogue/catalogue.present.ts';
import { SPREADSHEET_COLUMNS } from '../modules/catalogue/catalogue.model.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, type Column, type Format } from './output.ts';

const LIST_COLUMNS: Column<Indicator>[] = [
  { header: 'Id', value: (i) => i.id },
  { header: 'Category', value: (i) => i.category },
  { header: 'Indicator', value: (i) => i.name },
  { header: 'Source', value: (i) => i.source },
  { header: 'Period', value: (i) => i.periodKind },
  { header: 'Status', value: (i) => STATUS_LABELS[i.status] },
];

const parseVersion = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--version must be a whole number of 1 or more (you gave "${v}")`);
  return n;
};

export function registerCatalogueCommands(program: Command): void {
  const catalogue = program
    .command('catalogue')
    .description('the indicator catalogue (Recommended Minimum Dataset)');

  catalogue
    .command('list')
    .description('list the indicators, grouped by category')
    .addOption(formatOption())
    .option('--version <n>', 'an earlier catalogue version', parseVersion)
    .option('--category <name>', 'only this category')
    .action(async (opts: { format: Format; version?: number; category?: string }) => {
      await withDeps(async ({ catalogue: service }) => {
        const snap = opts.version ? await service.version(opts.version) : await service.current();
        const rows = opts.category
          ? snap.indicators.filter((i) => i.category.toLowerCase() === opts.category!.toLowerCase())
          : snap.indicators;
        printRows(rows, LIST_COLUMNS, opts.format);
      });
    });

  catalogue
    .command('show <id>')
    .description("one indicator's eight spreadsheet columns and machine fields")
    .addOption(formatOption())
    .option('--version <n>', 'an earlier catalogue version', parseVersion)
    .action(async (id: string, opts: { format: Format; version?: number }) => {
      await withDeps(async ({ catalogue: service }) => {
        const { indicator } = await service.indicator(id, opts.version);
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify(indicator, null, 2) + '\n');
          return;
        }
        const fields = [
          ...SPREADSHEET_COLUMNS.map((c) => ({ label: `${c.letter}. ${c.header}`, value: indicator[c.key] })),
          ...machineFields(indicator),
        ];
        printRows(
          fields,
          [
            { header: 'Field', value: (f) => f.label },
            { header: 'Value', value: (f) => f.value },
          ],
          opts.format,
        );
      });
    });

  catalogue
    .command('versions')
    .description('every catalogue version, newest first')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ catalogue: service }) => {
        printRows(
          await service.listVersions(),
          [
            { header: 'Version', value: (v) => v.number },
            { header: 'Created', value: (v) => v.createdAt.toISOString() },
            { header: 'By', value: (v) => v.createdBy },
            { header: 'From', value: (v) => v.sourceFile ?? v.origin },
            { header: 'Indicators', value: (v) => v.indicatorCount },
            { header: 'Changes', value: (v) => v.summary },
          ],
          opts.format,
        );
      });
    });

  registerCatalogueFileCommands(catalogue);
}

/** export and import: the catalogue as the Dataset workbook, CSV or JSON, and back. */
function registerCatalogueFileCommands(catalogue: Command): void {
  catalogue
    .command('export')
    .description('write the catalogue as the Dataset workbook (xlsx), a flat CSV or JSON')
    .addOption(
      new Option('-f, --format <format>', 'file format')
        .choices(CATALOGUE_FORMATS as unknown as string[])
        .default('xlsx'),
    )
    .option(
      '-o, --output <file>',
      'where to write it; - writes CSV or JSON to standard output (default clmd-catalogue-v<N>.<format>)',
    )
    .option('--version <n>', 'an earlier catalogue version', parseVersion)
    .action(async (opts: { format: CatalogueFormat; output?: string; version?: number }) => {
      if (opts.output === '-' && opts.format === 'xlsx') {
        throw new ValidationError('The catalogue was not exported.', [
          {
            field: '--output',
            message:
              'An Excel workbook cannot be written to standard output. Give a file name, such as --output catalogue.xlsx.',
          },
        ]);
      }
      await withDeps(async ({ catalogue: service }) => {
        const snap = opts.version ? await service.version(opts.version) : await service.current();
        const n = snap.version.number;
        const content =
          opts.format === 'xlsx'
            ? await writeCatalogueXlsx(snap.indicators, n)
            : opts.format === 'csv'
              ? writeCatalogueCsv(snap.indicators)
              : JSON.stringify(toCatalogueJson(snap.indicators, n), null, 2) + '\n';
        if (opts.output === '-') {
          process.stdout.write(content);
          return;
        }
        const target = path.resolve(opts.output ?? exportFileName(n, opts.format));
        await writeFile(target, opts.format === 'csv' ? UTF8_BOM + String(content) : content);
        process.stdout.write(
          `Wrote catalogue version ${n} (${snap.indicators.length} indicators) to ${target}\n`,
        );
      });
    });

  catalogue
    .command('import <file>')
    .description(
      'import the catalogue from a Dataset workbook (xlsx), CSV or JSON file; a valid file that differs creates a new version',
    )
    .option('--dry-run', 'check the file and show what would change, without saving anything')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new ValidationError('The catalogue file could not be read. Nothing was changed.', [
          {
            file,
            message:
              code === 'ENOENT'
                ? 'There is no such file. Check the name and the folder.'
                : code === 'EISDIR'
                  ? 'This is a folder, not a file. Give the catalogue file itself.'
                  : `The file could not be opened (${code ?? (error as Error).message}).`,
          },
        ]);
      }
      const indicators = await readCatalogueFile(file, bytes);
      await withDeps(async ({ catalogue: service }) => {
        if (opts.dryRun) {
          const current = await service.current();
          const diff = diffCatalogues(current.indicators, indicators);
          if (isEmptyDiff(diff)) {
            process.stdout.write(
              `No changes: the file matches catalogue version ${current.version.number}.\n`,
            );
            return;
          }
          process.stdout.write(
            `Dry run: importing would create catalogue version ${current.version.number + 1}: ${summariseDiff(diff)}\n`,
          );
          for (const line of formatDiff(diff)) process.stdout.write(`${line}\n`);
          process.stdout.write('Nothing was saved.\n');
          return;
        }
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const outcome = await service.importCatalogue(cliActor(), indicators, {
          name: path.basename(file),
          sha256,
        });
        if (!outcome.changed) {
          process.stdout.write(`No changes: the file matches catalogue version ${outcome.version.number}.\n`);
          return;
        }
        process.stdout.write(
          `Created catalogue version ${outcome.version.number}: ${summariseDiff(outcome.diff)}\n`,
        );
        for (const line of formatDiff(outcome.diff)) process.stdout.write(`${line}\n`);
      });
    });
}
