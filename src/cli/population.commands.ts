// `clmd reference import-population FILE`, `clmd reference population` and
// `clmd reference remove-population`: thin wrappers over the population service.
import path from 'node:path';
import type { Command } from 'commander';
import type { PopulationImportReport, PopulationStatus } from '../modules/population/population.model.ts';
import {
  presentDistricts,
  presentHistory,
  when,
  type PresentedDistrict,
  type PresentedUpload,
} from '../modules/population/population.present.ts';
import { cliActor } from '../platform/actor.ts';
import { ValidationError } from '../platform/errors.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, renderTable, type Column, type Format } from './output.ts';

const n = (x: number) => x.toLocaleString('en-GB');

function districtColumns(ages: string, forCsv: boolean): Column<PresentedDistrict>[] {
  return [
    { header: forCsv ? 'district_code' : 'Code', value: (d) => d.code },
    { header: forCsv ? 'district_name' : 'District', value: (d) => d.name },
    { header: forCsv ? 'locality' : 'Locality', value: (d) => d.locality },
    {
      header: forCsv ? 'children' : `Aged ${ages}`,
      value: (d) => (forCsv ? d.children.replace(/,/g, '') : d.children),
    },
    {
      header: forCsv ? 'file6_children_0_15' : 'Aged 0 to 15 (File 6)',
      value: (d) => (forCsv ? d.file6.replace(/,/g, '') : d.file6),
    },
    { header: forCsv ? 'ratio' : 'Ratio', value: (d) => d.ratio },
  ];
}

const HISTORY_COLUMNS: Column<PresentedUpload>[] = [
  { header: 'Upload', value: (h) => h.importId },
  { header: 'When', value: (h) => h.importedAt },
  { header: 'By', value: (h) => h.importedBy },
  { header: 'File', value: (h) => h.fileName },
  { header: 'Estimates', value: (h) => `${h.year}, aged ${h.ages}` },
  { header: 'Children', value: (h) => h.children },
  { header: 'Status', value: (h) => h.state },
];

const YEAR_SOURCES: Record<PopulationImportReport['yearSource'], string> = {
  option: 'as given with --year',
  column: "from the file's population column",
  title: "from the sheet's title",
  'file name': 'from the file name',
};

function printImport(report: PopulationImportReport, format: Format): void {
  const ages = `${report.ageFrom} to ${report.ageTo}`;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  if (format === 'csv') {
    printRows(presentDistricts(report.districts), districtColumns(ages, true), 'csv');
    return;
  }
  const what = `ONS mid-${report.referenceYear} population estimates from ${report.fileName}`;
  const replaced = report.replaced
    ? `${report.dryRun ? 'It would replace' : 'Replaced'} upload ${report.replaced.importId} (${report.replaced.fileName}, mid-${report.replaced.referenceYear})${report.replaced.sameFile ? ', the same file' : ''}, which ${report.dryRun ? 'would be' : 'is'} kept in the history.`
    : undefined;
  process.stdout.write(
    [
      report.dryRun
        ? `No problems in the ${what}: ${n(report.total)} children aged ${ages} in the 32 districts.`
        : `Imported the ${what} (upload ${report.importId}): ${n(report.total)} children aged ${ages} in the 32 districts.`,
      `Read ${n(report.rowsRead)} rows${report.sheet ? ` of sheet ${report.sheet}` : ''} (${report.layout === 'wide' ? 'a column for each age' : 'a row for each area, sex and age'}); ${n(report.otherAreaRows)} rows of other areas were ignored. The year is ${YEAR_SOURCES[report.yearSource]}.`,
      '',
      renderTable(presentDistricts(report.districts), districtColumns(ages, false)),
      '',
      `Localities and the Pathfinder use the sums of their districts; wards use their File 6 children aged 0 to 15 scaled by the district's ratio.`,
      ...(replaced ? [replaced] : []),
      `SHA-256: ${report.sha256}`,
      report.dryRun
        ? 'Nothing was imported: this was a dry run.'
        : `Rates now use ${report.label}. To go back to File 6: clmd reference remove-population`,
    ].join('\n') + '\n',
  );
}

function printStatus(status: PopulationStatus, format: Format): void {
  const current = status.current;
  const ages = current ? `${current.ageFrom} to ${current.ageTo}` : '0 to 17';
  if (format === 'json') {
    process.stdout.write(JSON.stringify(status, null, 2) + '\n');
    return;
  }
  if (format === 'csv') {
    printRows(presentDistricts(current?.districts ?? []), districtColumns(ages, true), 'csv');
    return;
  }
  const lines = [`Rates are per 10,000 ${status.label}.`];
  if (current) {
    lines.push(
      `In use: upload ${current.importId}, ${current.fileName}${current.sheet ? ` (sheet ${current.sheet})` : ''}, uploaded ${when(current.importedAt)} by ${current.importedBy}.`,
      `SHA-256: ${current.sha256}`,
      '',
      renderTable(presentDistricts(current.districts), districtColumns(ages, false)),
    );
  } else {
    lines.push(
      'No ONS estimate is in use, so rates use the mid-2015 children aged 0 to 15 of IoD2019 File 6.',
      'To use a recent year: clmd reference import-population FILE [--year YYYY]',
    );
  }
  if (status.history.length) {
    lines.push('', 'Uploads:', renderTable(presentHistory(status.history), HISTORY_COLUMNS, 80));
  }
  process.stdout.write(lines.join('\n') + '\n');
}

export function registerPopulationCommands(program: Command): void {
  const reference =
    program.commands.find((c) => c.name() === 'reference') ??
    program.command('reference').description('reference data');

  reference
    .command('import-population <file>')
    .description(
      'use ONS mid-year population estimates (CSV or XLSX) as the denominators of rates: the children aged ' +
        '0 to 17 of the 32 districts, summed to localities and the Pathfinder, and spread to wards as File 6 ' +
        'spreads them. Reads the MYE2 table for persons (Code, Name, Geography, All ages, 0, 1, … 90) or the ' +
        'long format (ladcode, laname, sex, age, population_YYYY); rows of other areas are ignored. Every ' +
        'problem is listed and nothing changes if there is one. Replaces the upload in use, which is kept.',
    )
    .option('--year <YYYY>', 'the year of the estimates, when the file does not say it (mid-YYYY)')
    .option('--dry-run', 'check the file only; change nothing')
    .addOption(formatOption())
    .action(async (file: string, opts: { year?: string; dryRun?: boolean; format: Format }) => {
      await withDeps(async ({ population }) => {
        const report = await population
          .importFile(cliActor(), {
            fileName: path.basename(file),
            filePath: file,
            year: opts.year,
            dryRun: opts.dryRun ?? false,
          })
          .catch((error: unknown) => {
            // The service names the web form's year box; here it is the option.
            if (error instanceof ValidationError) {
              throw new ValidationError(
                error.message,
                error.problems.map((p) => (p.field === 'year' ? { ...p, field: '--year' } : p)),
              );
            }
            throw error;
          });
        printImport(report, opts.format);
      });
    });

  reference
    .command('population')
    .description(
      'which population denominators rates use now, by district, and every upload of ONS estimates',
    )
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ population }) => {
        printStatus(await population.status(), opts.format);
      });
    });

  reference
    .command('remove-population')
    .description(
      'stop using the uploaded ONS estimates: rates go back to File 6 (the upload is kept in the history)',
    )
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ population }) => {
        const { removed, label } = await population.remove(cliActor());
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify({ removed, nowInUse: label }, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `Stopped using upload ${removed.importId} (${removed.fileName}, mid-${removed.referenceYear}); it is kept in the history.\n` +
            `Rates are now per 10,000 ${label}.\n`,
        );
      });
    });
}
