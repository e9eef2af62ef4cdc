import type { Command } from 'commander';
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
}
