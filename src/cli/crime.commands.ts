// `clmd reference import-police-uk FILE|FOLDER…`, `clmd crime shares`, `clmd crime counts` and
// `clmd crime status`: thin wrappers over the crime service.
import { Option, type Command } from 'commander';
import {
  CRIME_TYPE_CODES,
  DEFAULT_EXCLUDED_TYPES,
  PROXY_CRIME_TYPES,
  type CrimeCountLevel,
  type CrimeCountRow,
  type CrimeCountsResult,
  type CrimeShare,
  type CrimeSharesResult,
  type CrimeShareLevel,
  type CrimeSource,
  type PoliceUkFileImport,
  type PoliceUkImportReport,
} from '../modules/crime/crime.model.ts';
import { cliActor } from '../platform/actor.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, renderCsv, renderTable, type Column, type Format } from './output.ts';

const n = (x: number) => x.toLocaleString('en-GB');
const percent = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

interface FileLine {
  file: string;
  month: string;
  force: string;
  rowsRead: number;
  counted: number;
  asb: number;
  noLocation: number;
  otherDistrict: number;
  outsidePathfinder: number;
  sha256: string;
}

const FILE_COLUMNS: Column<FileLine>[] = [
  { header: 'File', value: (f) => f.file },
  { header: 'Month', value: (f) => f.month },
  { header: 'Force', value: (f) => f.force },
  { header: 'Rows', value: (f) => n(f.rowsRead) },
  { header: 'Counted', value: (f) => n(f.counted) },
  { header: 'of which ASB', value: (f) => n(f.asb) },
  { header: 'No location', value: (f) => n(f.noLocation) },
  { header: 'Other Pathfinder district', value: (f) => n(f.otherDistrict) },
  { header: 'Outside Pathfinder', value: (f) => n(f.outsidePathfinder) },
  { header: 'SHA-256', value: (f) => f.sha256.slice(0, 12) },
];

function fileLine(f: PoliceUkFileImport): FileLine {
  return {
    file: f.file,
    month: f.month,
    force: f.force,
    rowsRead: f.rowsRead,
    counted: f.counted,
    asb: f.asb.counted,
    noLocation: f.noLocation.rows,
    otherDistrict: f.outsideArea.inOtherPathfinderDistrict,
    outsidePathfinder: f.outsideArea.outsidePathfinder,
    sha256: f.sha256,
  };
}

function outsideLines(f: PoliceUkFileImport): string[] {
  const list = (inPathfinder: boolean) =>
    f.outsideArea.areas
      .filter((a) => a.inPathfinder === inPathfinder)
      .map((a) => `${a.name} ${n(a.rows)}`)
      .join(', ');
  const lines: string[] = [];
  if (f.outsideArea.inOtherPathfinderDistrict) lines.push(`  in other Pathfinder districts: ${list(true)}`);
  if (f.outsideArea.outsidePathfinder) lines.push(`  outside the Pathfinder: ${list(false)}`);
  return lines.length ? [`${f.file} (${f.force}), placed outside the force's districts:`, ...lines] : [];
}

function printImport(report: PoliceUkImportReport, format: Format): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  const t = report.totals;
  const lines = report.files.map(fileLine);
  if (format === 'csv') {
    process.stdout.write(
      renderCsv(lines, [...FILE_COLUMNS.slice(0, -1), { header: 'SHA-256', value: (f) => f.sha256 }]),
    );
    return;
  }
  const total: FileLine = {
    file: 'Total',
    month: '',
    force: '',
    rowsRead: t.rowsRead,
    counted: t.counted,
    asb: t.asbCounted,
    noLocation: t.noLocation,
    otherDistrict: t.inOtherPathfinderDistrict,
    outsidePathfinder: t.outsidePathfinder,
    sha256: '',
  };
  const replaced = report.files
    .filter((f) => f.replaced)
    .map(
      (f) =>
        `Replaced the earlier counts of ${f.month} ${f.force} (import ${f.replaced!.importId}, ${f.replaced!.file}, ${n(f.replaced!.counted)} counted)` +
        (f.replaced!.sameFile ? ': the same file, so the counts are as they were.' : '.'),
    );
  const outside = report.files.flatMap(outsideLines);
  process.stdout.write(
    [
      `Imported ${n(report.files.length)} police.uk street-level crime file(s) in ${(report.durationMs / 1000).toFixed(1)} s (import ${report.importId}).`,
      '',
      renderTable([...lines, total], FILE_COLUMNS, 70),
      '',
      `Counted: ${n(t.counted)} rows placed in one of the force's own districts, by LSOA, month and crime type (${n(t.countedCrimes)} crimes and ${n(t.asbCounted)} anti-social behaviour incidents).`,
      `Not counted: ${n(t.noLocation)} with no location (no LSOA code), ${n(t.outsideArea)} placed outside the force's districts (${n(t.inOtherPathfinderDistrict)} in another Pathfinder district, ${n(t.outsidePathfinder)} outside the Pathfinder).`,
      `Anti-social behaviour (${n(t.asb)} rows, no Crime ID) is counted as its own crime type but is NOT part of crime shares (clmd crime shares leaves it out unless --exclude none).`,
      `The SHA-256 of every file is recorded (clmd crime status).`,
      ...(outside.length ? ['', ...outside] : []),
      ...(replaced.length ? ['', ...replaced] : []),
    ].join('\n') + '\n',
  );
}

function shareColumns(level: CrimeShareLevel, forCsv: boolean): Column<CrimeShare>[] {
  const share = forCsv ? (x: number | null) => x ?? '' : percent;
  if (level === 'locality') {
    return [
      { header: forCsv ? 'locality_code' : 'Code', value: (a) => a.code },
      { header: forCsv ? 'locality_name' : 'Locality', value: (a) => a.name },
      { header: forCsv ? 'count' : 'Crimes', value: (a) => (forCsv ? a.count : n(a.count)) },
      { header: forCsv ? 'share_of_pathfinder' : 'Share of Pathfinder', value: (a) => share(a.share) },
    ];
  }
  return [
    ...(forCsv ? [{ header: 'locality_code', value: (a: CrimeShare) => a.localityCode }] : []),
    { header: forCsv ? 'locality_name' : 'Locality', value: (a) => a.localityName },
    ...(forCsv ? [{ header: 'district_code', value: (a: CrimeShare) => a.districtCode }] : []),
    { header: forCsv ? 'district_name' : 'District', value: (a) => a.districtName },
    ...(level === 'ward'
      ? [
          { header: forCsv ? 'ward_code' : 'Ward code', value: (a: CrimeShare) => a.code },
          { header: forCsv ? 'ward_name' : 'Ward', value: (a: CrimeShare) => a.name },
        ]
      : forCsv
        ? []
        : [{ header: 'Code', value: (a: CrimeShare) => a.code }]),
    { header: forCsv ? 'count' : 'Crimes', value: (a) => (forCsv ? a.count : n(a.count)) },
    { header: forCsv ? 'share_of_locality' : 'Share of locality', value: (a) => share(a.share) },
    ...(level === 'ward'
      ? [
          {
            header: forCsv ? 'share_of_district' : 'Share of district',
            value: (a: CrimeShare) => share(a.districtShare),
          },
        ]
      : []),
  ];
}

/** Prints the result as JSON or its rows as CSV when the format asks for one of them: true if it did. */
function printedAsData<T>(
  result: unknown,
  rows: readonly T[],
  csvColumns: Column<T>[],
  format: Format,
): boolean {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return true;
  }
  if (format === 'csv') {
    printRows(rows, csvColumns, 'csv');
    return true;
  }
  return false;
}

/**
 * The months a shares or counts result covers and a line for each locality whose force's files are
 * missing for some of them (`noFile`: what it means when a force has none at all); null, after
 * saying so, when no police.uk crime has been imported.
 */
function coverage(
  result: Pick<CrimeCountsResult, 'from' | 'to' | 'localities'>,
  noFile: string,
): { period: string; gaps: string[] } | null {
  if (!result.from || !result.to) {
    process.stdout.write(
      'No police.uk crime has been imported yet. Run: clmd reference import-police-uk FILE…\n',
    );
    return null;
  }
  const period = result.from === result.to ? result.from : `${result.from} to ${result.to}`;
  const gaps = result.localities
    .filter((l) => l.monthsMissing.length || !l.months.length)
    .map((l) =>
      l.months.length
        ? `${l.name}: no ${l.policeForce} file for ${l.monthsMissing.join(', ')}; those months add nothing.`
        : `${l.name}: no ${l.policeForce} file in ${period}; ${noFile}.`,
    );
  return { period, gaps };
}

function printShares(result: CrimeSharesResult, format: Format): void {
  if (printedAsData(result, result.areas, shareColumns(result.level, true), format)) return;
  const covered = coverage(result, 'its shares are blank');
  if (!covered) return;
  const { period, gaps } = covered;
  process.stdout.write(
    [
      `Crime shares by ${result.level === 'ward' ? 'ward (2025)' : result.level}, ${period}.`,
      '',
      renderTable(result.areas, shareColumns(result.level, false)),
      '',
      ...result.localities.map((l) => `${l.name} (${l.policeForce}): ${n(l.count)} crimes.`),
      `The Pathfinder: ${n(result.pathfinderCount)} crimes.`,
      '',
      `Each share is of: ${result.denominator}`,
      ...(gaps.length ? ['', ...gaps] : []),
      ...(result.unplaced
        ? [`${n(result.unplaced)} crimes are on LSOAs not in the area hierarchy and are in no share.`]
        : []),
    ].join('\n') + '\n',
  );
}

const SOURCE_COLUMNS: Column<CrimeSource>[] = [
  { header: 'Month', value: (s) => s.month },
  { header: 'Force', value: (s) => s.force },
  { header: 'File', value: (s) => s.file },
  { header: 'Rows', value: (s) => s.rowsRead },
  { header: 'Counted', value: (s) => s.counted },
  { header: 'Import', value: (s) => s.importId },
  { header: 'Imported at', value: (s) => s.importedAt.toISOString() },
  { header: 'By', value: (s) => s.importedBy },
  { header: 'SHA-256', value: (s) => s.sha256 },
];

function countColumns(level: CrimeCountLevel, byMonth: boolean, forCsv: boolean): Column<CrimeCountRow>[] {
  return [
    { header: forCsv ? 'locality_code' : 'Locality', value: (r) => r.localityCode },
    ...(level === 'locality'
      ? []
      : [{ header: forCsv ? 'district_code' : 'District', value: (r: CrimeCountRow) => r.districtCode }]),
    ...(level === 'locality' || level === 'district'
      ? []
      : [
          {
            header: forCsv ? `${level}_code` : level === 'ward' ? 'Ward' : 'LSOA',
            value: (r: CrimeCountRow) => r.areaCode,
          },
        ]),
    { header: forCsv ? 'area_name' : 'Name', value: (r) => r.areaName },
    ...(byMonth ? [{ header: forCsv ? 'month' : 'Month', value: (r: CrimeCountRow) => r.month }] : []),
    { header: forCsv ? 'crime_type' : 'Crime type', value: (r) => r.crimeType },
    { header: forCsv ? 'count' : 'Count', value: (r) => (forCsv ? r.count : n(r.count)) },
  ];
}

function printCounts(result: CrimeCountsResult, byMonth: boolean, format: Format): void {
  if (printedAsData(result, result.rows, countColumns(result.level, byMonth, true), format)) return;
  const covered = coverage(result, 'its counts are zero');
  if (!covered) return;
  const { period, gaps } = covered;
  process.stdout.write(
    [
      `Police.uk crime by ${result.level === 'ward' ? 'ward (2025)' : result.level}, ${period}${byMonth ? ', by month' : ''}: ${result.crimeTypes.join(', ')}.`,
      '',
      renderTable(result.rows, countColumns(result.level, byMonth, false)),
      '',
      "Counts are of crimes police.uk placed in the locality's own districts, as recorded by its force.",
      ...(gaps.length ? ['', ...gaps] : []),
      ...(result.unplaced
        ? [`${n(result.unplaced)} crimes are on LSOAs not in the area hierarchy and are in no count.`]
        : []),
    ].join('\n') + '\n',
  );
}

/** "drugs,robbery" → codes; "none" → none. */
function parseTypes(value: string): string[] {
  if (value.trim().toLowerCase() === 'none') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

interface PeriodFlags {
  month?: string;
  from?: string;
  to?: string;
}

const periodOf = (opts: PeriodFlags) => ({
  ...(opts.month !== undefined ? { month: opts.month } : {}),
  ...(opts.from !== undefined ? { from: opts.from } : {}),
  ...(opts.to !== undefined ? { to: opts.to } : {}),
});

export function registerCrimeCommands(program: Command): void {
  const reference =
    program.commands.find((c) => c.name() === 'reference') ??
    program.command('reference').description('reference data');

  reference
    .command('import-police-uk <paths...>')
    .description(
      'import police.uk street-level crime files (YYYY-MM-<force>-street.csv) of Norfolk, Suffolk, ' +
        'Cambridgeshire and Essex, or every such file in a folder and its subfolders: counts by LSOA, ' +
        "month and crime type. Rows with no location and rows placed outside the force's districts are " +
        'counted and reported, not counted as crime. Every file is checked first; one problem and nothing ' +
        'is imported. A month and force imported again replaces its earlier counts. Needs the reference ' +
        'data (clmd reference import) for the LSOAs.',
    )
    .addOption(formatOption())
    .action(async (paths: string[], opts: { format: Format }) => {
      await withDeps(async ({ crime }) => {
        printImport(await crime.importPoliceUk(cliActor(), paths), opts.format);
      });
    });

  const crime = program
    .command('crime')
    .description('police.uk street-level crime: shares, counts and what is imported');

  crime
    .command('shares')
    .description(
      "each district's (or ward's) crime and its share of its locality's crime, or each locality's share " +
        "of the Pathfinder's. By default the latest month imported, without anti-social behaviour.",
    )
    .option('--month <YYYY-MM>', 'one month')
    .option('--from <YYYY-MM>', 'first month of a period')
    .option('--to <YYYY-MM>', 'last month of a period')
    .addOption(
      new Option('--level <level>', 'areas to share among')
        .choices(['locality', 'district', 'ward'])
        .default('district'),
    )
    .option(
      '--exclude <types>',
      `crime types to leave out, comma-separated, or "none" (codes: ${CRIME_TYPE_CODES.join(', ')})`,
      DEFAULT_EXCLUDED_TYPES.join(','),
    )
    .addOption(formatOption())
    .action(async (opts: PeriodFlags & { level: CrimeShareLevel; exclude: string; format: Format }) => {
      await withDeps(async ({ crime: service }) => {
        const result = await service.crimeShares({
          level: opts.level,
          excludeTypes: parseTypes(opts.exclude),
          ...periodOf(opts),
        });
        printShares(result, opts.format);
      });
    });

  crime
    .command('counts')
    .description(
      'counts of crime types by area: by default the county-lines proxies (drugs, possession of weapons, ' +
        'violence and sexual offences) by district in the latest month imported.',
    )
    .option('--month <YYYY-MM>', 'one month')
    .option('--from <YYYY-MM>', 'first month of a period')
    .option('--to <YYYY-MM>', 'last month of a period')
    .addOption(
      new Option('--level <level>', 'areas to count by')
        .choices(['locality', 'district', 'ward', 'lsoa'])
        .default('district'),
    )
    .option(
      '--types <types>',
      `crime types, comma-separated (codes: ${CRIME_TYPE_CODES.join(', ')})`,
      PROXY_CRIME_TYPES.join(','),
    )
    .option('--by-month', 'a row for each month instead of totals over the period')
    .addOption(formatOption())
    .action(
      async (
        opts: PeriodFlags & { level: CrimeCountLevel; types: string; byMonth?: boolean; format: Format },
      ) => {
        await withDeps(async ({ crime: service }) => {
          const byMonth = opts.byMonth ?? false;
          const result = await service.crimeCounts({
            level: opts.level,
            crimeTypes: parseTypes(opts.types),
            byMonth,
            ...periodOf(opts),
          });
          printCounts(result, byMonth, opts.format);
        });
      },
    );

  crime
    .command('status')
    .description('the months and forces whose police.uk counts are loaded, with file, import and SHA-256')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ crime: service }) => {
        const sources = await service.sources();
        if (!sources.length && opts.format === 'table') {
          process.stdout.write(
            'No police.uk crime has been imported yet. Run: clmd reference import-police-uk FILE…\n',
          );
          return;
        }
        if (opts.format === 'table')
          process.stdout.write(renderTable(sources, SOURCE_COLUMNS, 64) + '\n'); // the whole SHA-256
        else printRows(sources, SOURCE_COLUMNS, opts.format);
      });
    });
}
