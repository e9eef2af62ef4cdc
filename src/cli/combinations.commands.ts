// `clmd combinations list|add|show|change|archive`: users' own combinations from the command line. The
// CLI acts as the operator (docs/decisions/0004): `show` works a combination out in the partnership or
// public tier, and the view is written to the audit trail like a page's.
import { Option, type Command } from 'commander';
import { cliActor } from '../platform/actor.ts';
import { ValidationError } from '../platform/errors.ts';
import { COMBINATION_POLARITIES } from '../modules/analysis/formula/index.ts';
import {
  parseCombinationId,
  POLARITY_LABELS,
  type CombinationInput,
  type CustomCombination,
  type CustomCombinationResult,
  type CustomResultRow,
} from '../modules/analysis/custom/custom.model.ts';
import { resultNotes, valueCell } from '../modules/analysis/custom/custom.present.ts';
import { TIER_NAMES } from '../modules/analysis/analysis.present.ts';
import { formatOption, quarterFrom, withDeps } from './context.ts';
import { printRows, renderCsv, renderTable, type Column, type Format } from './output.ts';

const TIERS = ['partnership', 'public'] as const;
type OperatorTier = (typeof TIERS)[number];

const LIST_COLUMNS: Column<CustomCombination>[] = [
  { header: 'Id', value: (c) => c.id },
  { header: 'Name', value: (c) => c.name },
  { header: 'Formula', value: (c) => c.canonical },
  { header: 'Unit', value: (c) => c.unit },
  { header: 'Polarity', value: (c) => c.polarity },
  { header: 'Archived', value: (c) => (c.archivedAt ? c.archivedAt.toISOString().slice(0, 10) : '') },
];

/** The combination's number, or a validation error naming the argument. */
function idArgument(text: string): number {
  const id = parseCombinationId(text);
  if (id === undefined) {
    throw new ValidationError('The combination was not found.', [
      { field: 'ID', message: `Give the combination's number, like 3 (you gave "${text}")` },
    ]);
  }
  return id;
}

interface FieldOptions {
  name?: string;
  description?: string;
  formula?: string;
  unit?: string;
  polarity?: string;
}

function printCombination(c: CustomCombination, format: Format, verb: string): void {
  if (format === 'json') process.stdout.write(JSON.stringify(c, null, 2) + '\n');
  else process.stdout.write(`${verb} combination ${c.id}: ${c.name}\nFormula: ${c.canonical}\n`);
}

/** What `show --format json` prints: the result without the tables read (those go to the audit trail). */
function resultJson(r: CustomCombinationResult) {
  const { sourceTables: _tables, quarter: _quarter, ...rest } = r;
  return rest;
}

function resultColumns(r: CustomCombinationResult): Column<CustomResultRow>[] {
  return [
    { header: 'area_code', value: (row) => row.code },
    { header: 'area_name', value: (row) => row.name },
    { header: 'area_level', value: (row) => row.level },
    { header: 'value', value: (row) => valueCell(row, r.countUnit) },
    ...r.inputs.map((i, k) => ({ header: i.reference, value: (row: CustomResultRow) => row.inputs[k] })),
    ...r.variables.map((v, k) => ({ header: v.name, value: (row: CustomResultRow) => row.variables[k] })),
  ];
}

function tableColumns(r: CustomCombinationResult): Column<CustomResultRow>[] {
  const indent: Record<CustomResultRow['level'], string> = {
    pathfinder: '',
    locality: '  ',
    district: '    ',
  };
  return [
    { header: 'Area', value: (row) => `${indent[row.level]}${row.name}` },
    { header: 'Code', value: (row) => row.code },
    { header: `Value (${r.combination.unit})`, value: (row) => row.text },
    ...r.inputs.map((i, k) => ({ header: i.reference, value: (row: CustomResultRow) => row.inputs[k] })),
    ...r.variables.map((v, k) => ({ header: v.name, value: (row: CustomResultRow) => row.variables[k] })),
  ];
}

export function registerCombinationCommands(program: Command): void {
  const combinations = program
    .command('combinations')
    .description('your own combinations of indicators, written as formulas');

  combinations
    .command('list')
    .description('the saved combinations, by name')
    .option('--all', 'include archived combinations')
    .addOption(formatOption())
    .action(async (opts: { all?: boolean; format: Format }) => {
      await withDeps(async ({ customCombinations }) => {
        printRows(
          await customCombinations.list({ includeArchived: opts.all ?? false }),
          LIST_COLUMNS,
          opts.format,
        );
      });
    });

  combinations
    .command('add')
    .description(
      'save a combination; formula example: per10k({yp-at-risk-of-cce}, children) ' +
        '(see src/modules/analysis/formula/README.md)',
    )
    .option('--name <text>', 'name, up to 120 characters')
    .option('--formula <formula>', 'the formula (quote it for the shell)')
    .option('--unit <text>', 'unit, for example "per 10,000 children", "%" or "count"')
    .addOption(
      new Option('--polarity <polarity>', 'whether higher or lower values are worse')
        .choices(COMBINATION_POLARITIES as unknown as string[])
        .default('no-judgement'),
    )
    .option('--description <text>', 'what it shows and why')
    .addOption(formatOption())
    .action(async (opts: FieldOptions & { format: Format }) => {
      await withDeps(async ({ customCombinations }) => {
        const input: CombinationInput = {
          name: opts.name,
          description: opts.description,
          formula: opts.formula,
          unit: opts.unit,
          polarity: opts.polarity,
        };
        printCombination(await customCombinations.create(cliActor(), input), opts.format, 'Saved');
      });
    });

  combinations
    .command('change <id>')
    .description('change a combination; options not given keep their current values')
    .option('--name <text>', 'name, up to 120 characters')
    .option('--formula <formula>', 'the formula (quote it for the shell)')
    .option('--unit <text>', 'unit')
    .addOption(
      new Option('--polarity <polarity>', 'whether higher or lower values are worse').choices(
        COMBINATION_POLARITIES as unknown as string[],
      ),
    )
    .option('--description <text>', 'what it shows and why')
    .addOption(formatOption())
    .action(async (idText: string, opts: FieldOptions & { format: Format }) => {
      await withDeps(async ({ customCombinations }) => {
        const id = idArgument(idText);
        const current = await customCombinations.get(id);
        const changed = await customCombinations.update(cliActor(), id, {
          name: opts.name ?? current.name,
          description: opts.description ?? current.description,
          formula: opts.formula ?? current.formula,
          unit: opts.unit ?? current.unit,
          polarity: opts.polarity ?? current.polarity,
        });
        printCombination(changed, opts.format, 'Changed');
      });
    });

  combinations
    .command('show <id>')
    .description('work a combination out for the Pathfinder, each locality and each district')
    .option('--period <quarter>', 'the quarter ending the period, like 2026-Q3 (default: the latest ended)')
    .addOption(
      new Option('--tier <tier>', 'the tier to show the figures in')
        .choices(TIERS as unknown as string[])
        .default('partnership'),
    )
    .addOption(formatOption())
    .action(async (idText: string, opts: { period?: string; tier: OperatorTier; format: Format }) => {
      await withDeps(async (deps) => {
        const id = idArgument(idText);
        const quarter = quarterFrom(deps, opts.period);
        const result = await deps.customCombinations.evaluate({ operatorTier: opts.tier }, id, quarter);
        await deps.customCombinations.recordView(cliActor(), result, { export: opts.format !== 'table' });
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify(resultJson(result), null, 2) + '\n');
        } else if (opts.format === 'csv') {
          process.stdout.write(renderCsv(result.rows, resultColumns(result)));
        } else {
          const c = result.combination;
          const lines = [
            `Combination ${c.id}: ${c.name} (${result.period})${c.archivedAt ? ' [archived]' : ''}`,
            `Formula:  ${c.canonical}`,
            `In words: ${result.description}`,
            `Unit:     ${c.unit}. ${POLARITY_LABELS[c.polarity]}.`,
            ...result.inputs.map(
              (i) =>
                `Input ${i.reference}: ${i.windowLabel}; ${TIER_NAMES[i.tier] ?? i.tier}` +
                (i.missingFor.length ? `; no figures from ${i.missingFor.join(', ')}` : ''),
            ),
            '',
            ...result.reading,
            '',
            renderTable(result.rows, tableColumns(result)),
            '',
            resultNotes(result).find((n) => n.startsWith('[c]')) ?? '',
          ];
          process.stdout.write(lines.join('\n') + '\n');
        }
      });
    });

  combinations
    .command('archive <id>')
    .description('archive a combination: kept for the record, no longer listed or changed')
    .action(async (idText: string) => {
      await withDeps(async ({ customCombinations }) => {
        const archived = await customCombinations.archive(cliActor(), idArgument(idText));
        process.stdout.write(`Archived combination ${archived.id}: ${archived.name}\n`);
      });
    });
}
