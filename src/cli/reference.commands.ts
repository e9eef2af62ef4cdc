// `clmd reference import|status` and `clmd areas list`: thin wrappers over the geography service.
import { Option, type Command } from 'commander';
import { AREA_LEVELS, type Area, type AreaLevel } from '../modules/geography/geography.model.ts';
import type { ImportReport } from '../modules/geography/geography.service.ts';
import { cliActor } from '../platform/actor.ts';
import { ValidationError } from '../platform/errors.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, renderCsv, renderTable, type Column, type Format } from './output.ts';

type FileRow = ImportReport['files'][number];

const FILE_COLUMNS: Column<FileRow>[] = [
  { header: 'File', value: (f) => f.path },
  { header: 'Used for', value: (f) => f.label },
  { header: 'Rows', value: (f) => f.rows },
  { header: 'Loaded', value: (f) => f.loaded },
  { header: 'Outside', value: (f) => f.outside },
  { header: 'SHA-256', value: (f) => f.sha256.slice(0, 12) },
];

const n = (x: number) => x.toLocaleString('en-GB');

function summaryLines(r: Omit<ImportReport, 'status' | 'durationMs'>): string[] {
  const c = r.counts;
  return [
    `Areas: ${n(c.districts)} districts, ${n(c.wards2025)} wards (May 2025), ${n(c.lsoas)} LSOAs (2011); ${n(c.wards2019)} wards (2019) in the ONS lookup.`,
    `Population (mid-2015): ${n(c.population)} people, ${n(c.children0To15)} children aged 0 to 15.`,
    `District summaries (File 10): ${n(c.districtSummaryFigures)} figures.`,
    `Boundaries: ${n(c.boundaries.district)} districts, ${n(c.boundaries.ward)} wards, ${n(c.boundaries.lsoa)} LSOAs.`,
    `Rows outside the 32 districts skipped: ${n(r.outsideSkipped)}.`,
    ...(r.absentOptional.length
      ? [
          'Optional files not found:',
          ...r.absentOptional.map((a) => `  - ${a.label} (looked for ${a.expected})`),
        ]
      : ['Optional files not found: none.']),
  ];
}

function printImport(report: ImportReport, format: Format): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  if (format === 'csv') {
    process.stdout.write(
      renderCsv(report.files, [...FILE_COLUMNS.slice(0, -1), { header: 'SHA-256', value: (f) => f.sha256 }]),
    );
    return;
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  const heading =
    report.status === 'unchanged'
      ? `The files in ${report.directory} are the same as in import ${report.importId} (${report.importedAt.toISOString()} by ${report.importedBy}). Nothing was changed (${seconds} s).`
      : `Imported reference data from ${report.directory} in ${seconds} s (import ${report.importId}).`;
  process.stdout.write(
    [heading, '', renderTable(report.files, FILE_COLUMNS), '', ...summaryLines(report)].join('\n') + '\n',
  );
}

export function registerReferenceCommands(program: Command): void {
  const reference = program
    .command('reference')
    .description('reference data: IoD2019 deprivation, mid-2015 populations, ward lookups, boundaries');

  reference
    .command('import [dir]')
    .description(
      'validate and import the reference files in DIR (default CLMD_REFERENCE_DIR), replacing earlier reference data.\n' +
        'Required: IoD2019 Files 1, 3 and 6, the LSOA→ward (2019) lookup and the LSOA→ward (2025) best fit.\n' +
        'Optional: File 2, File 10 sheets, the ward (2019) list, boundaries (GeoJSON).',
    )
    .addOption(formatOption())
    .option('--force', 'import even when the files are the same as last time')
    .action(async (dir: string | undefined, opts: { format: Format; force?: boolean }) => {
      await withDeps(async ({ geography, config }) => {
        const directory = dir ?? config.referenceDir;
        if (!directory) {
          throw new ValidationError('No reference directory was given.', [
            {
              field: 'DIR',
              message:
                'Enter the directory that holds the reference files (clmd reference import DIR), or set CLMD_REFERENCE_DIR',
            },
          ]);
        }
        printImport(
          await geography.importReference(cliActor(), directory, { force: opts.force ?? false }),
          opts.format,
        );
      });
    });

  reference
    .command('status')
    .description('the last reference import: when, by whom, which files (with SHA-256) and what is loaded')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ geography }) => {
        const status = await geography.referenceStatus();
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify(status, null, 2) + '\n');
          return;
        }
        const last = status.lastImport;
        if (!last) {
          process.stdout.write('No reference data has been imported yet. Run: clmd reference import DIR\n');
          return;
        }
        if (opts.format === 'csv') {
          process.stdout.write(
            renderCsv(last.files, [
              ...FILE_COLUMNS.slice(0, -1),
              { header: 'SHA-256', value: (f) => f.sha256 },
            ]),
          );
          return;
        }
        const c = status.counts;
        process.stdout.write(
          [
            `Last import: ${last.importId} on ${last.importedAt.toISOString()} by ${last.importedBy}, from ${last.directory}.`,
            '',
            renderTable(
              last.files,
              [...FILE_COLUMNS.slice(0, -1), { header: 'SHA-256', value: (f) => f.sha256 }],
              70,
            ),
            '',
            ...summaryLines(last),
            `In the database now: ${n(c.lsoas)} LSOAs, ${n(c.wards2025)} wards (2025), ${n(c.wards2019)} wards (2019), ${n(c.boundaries)} boundaries, population ${n(c.population)}, children 0 to 15 ${n(c.children)}.`,
          ].join('\n') + '\n',
        );
      });
    });

  const areas = program
    .command('areas')
    .description('the area hierarchy: Pathfinder, localities, districts, wards, LSOAs');
  areas
    .command('list')
    .description('list areas (by default the Pathfinder, its localities and districts)')
    .addOption(new Option('--level <level>', 'only this level').choices([...AREA_LEVELS]))
    .addOption(formatOption())
    .action(async (opts: { level?: AreaLevel; format: Format }) => {
      await withDeps(async ({ geography }) => {
        const rows = await geography.listAreas(opts.level ? [opts.level] : undefined);
        const columns: Column<Area>[] = [
          { header: 'Code', value: (a) => a.code },
          { header: 'Name', value: (a) => a.name },
          { header: 'Level', value: (a) => a.level },
          { header: 'Parent', value: (a) => a.parentCode },
          { header: 'Vintage', value: (a) => a.vintage },
        ];
        printRows(rows, columns, opts.format);
      });
    });
}
