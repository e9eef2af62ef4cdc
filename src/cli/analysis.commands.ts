// `clmd analysis indicator ID` and `clmd analysis combination NAME`: the analysis pages as reports on the
// command line, built by the same service and present helpers as the pages and their downloads. The CLI
// acts as the operator (docs/decisions/0004): it chooses the tier (partnership by default, or public),
// disclosure control applies as on the web, and every report is recorded in the audit trail as the
// pages record theirs (data.export when written to a file; nothing for a report that is all public).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  analysisTable,
  combinationTables,
  fingertipsTable,
  presentAreas,
  riskMapTables,
  TIER_NAMES,
  type PresentedArea,
} from '../modules/analysis/analysis.present.ts';
import {
  COMBINATION_IDS,
  type CombinationId,
  type RiskMapView,
} from '../modules/analysis/analysis.service.ts';
import type { CombinationResult } from '../modules/analysis/combinations/combination.model.ts';
import type { IndicatorAnalysis } from '../modules/analysis/indicator-analysis.ts';
import { checkWeights, RISK_FACTORS, type Weights } from '../modules/analysis/risk/risk-index.ts';
import type { Viewer } from '../modules/data/data.service.ts';
import { cliActor } from '../platform/actor.ts';
import { NotFoundError, ValidationError, type Problem } from '../platform/errors.ts';
import { tableCsv, tablesXlsx, type ExportTable } from '../web/table-export.ts';
import { formatOption, quarterFrom, withDeps } from './context.ts';
import { renderTable, type Column, type Format } from './output.ts';

const TIERS = ['partnership', 'public'] as const;
type OperatorTier = (typeof TIERS)[number];
const LEVELS = ['district', 'ward'] as const;
type Level = (typeof LEVELS)[number];

const RISK_MAP = 'areas-at-risk';
const COMBINATION_NAMES = [...COMBINATION_IDS, RISK_MAP];
/** Excel opens a UTF-8 CSV correctly only with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

interface OutputFlags {
  period?: string;
  tier: OperatorTier;
  format: Format;
  output?: string;
  xlsx?: boolean;
}

const tierOption = () =>
  new Option(
    '--tier <tier>',
    'the tier to report in: partnership, or public (rounded and suppressed as published)',
  )
    .choices(TIERS as unknown as string[])
    .default('partnership');

const periodOption = () =>
  new Option(
    '--period <quarter>',
    'the quarter to report, like 2026-Q3 (default: the latest that has ended)',
  );

const outputOptions = (command: Command) =>
  command
    .addOption(formatOption())
    .option('-o, --output <file>', 'write the report to FILE instead of printing it (recorded as an export)')
    .option('--xlsx', 'write an Excel workbook (needs --output): a sheet per table and a Notes sheet');

/** Problems with the output flags, found before any figure is read. */
function outputProblems(opts: OutputFlags): Problem[] {
  if (opts.xlsx && !opts.output) {
    return [
      {
        field: '--xlsx',
        message: 'A workbook cannot be printed. Give a file to write it to, like --output report.xlsx',
      },
    ];
  }
  return [];
}

/** An export table as an aligned text table. */
function textTable(t: ExportTable): string {
  const columns: Column<ExportTable['rows'][number]>[] = t.headers.map((header, i) => ({
    header,
    value: (row) => row[i] ?? '',
  }));
  return renderTable(t.rows, columns);
}

/** An export table as JSON: its notes, and each row as an object keyed by the headers. */
function jsonTable(t: ExportTable) {
  return {
    title: t.title,
    notes: t.notes,
    rows: t.rows.map((row) => Object.fromEntries(t.headers.map((h, i) => [h, row[i] ?? null]))),
  };
}

/**
 * Prints the report, or writes it to a file (text, CSV, JSON or a workbook). CSV is exactly the page's
 * download: each table under its notes as "#" lines (title, tier, caveats, the synthetic label).
 */
async function deliver(
  opts: OutputFlags,
  report: { text: () => string; json: () => unknown; tables: readonly ExportTable[] },
): Promise<void> {
  if (opts.output) {
    const target = path.resolve(opts.output);
    if (opts.xlsx) await writeFile(target, await tablesXlsx(report.tables));
    else if (opts.format === 'csv')
      await writeFile(target, UTF8_BOM + report.tables.map(tableCsv).join('\n'));
    else if (opts.format === 'json') await writeFile(target, JSON.stringify(report.json(), null, 2) + '\n');
    else await writeFile(target, report.text());
    process.stdout.write(`Wrote ${target}\n`);
    return;
  }
  if (opts.format === 'csv') process.stdout.write(report.tables.map(tableCsv).join('\n'));
  else if (opts.format === 'json') process.stdout.write(JSON.stringify(report.json(), null, 2) + '\n');
  else process.stdout.write(report.text());
}

const AREA_COLUMNS: Column<PresentedArea>[] = [
  { header: 'Area', value: (a) => a.name },
  { header: 'Code', value: (a) => a.code },
  { header: 'Level', value: (a) => a.levelLabel },
  { header: 'Count', value: (a) => a.count },
  { header: 'Children', value: (a) => a.children },
  { header: 'Rate per 10,000', value: (a) => a.rate },
  { header: '95% interval', value: (a) => a.ci95 },
  { header: 'vs Pathfinder', value: (a) => (a.vsPathfinder === 'not compared' ? '–' : a.vsPathfinder) },
  { header: 'vs locality', value: (a) => (a.vsLocality === 'not compared' ? '–' : a.vsLocality) },
  { header: 'Trend', value: (a) => a.trend },
];

function indicatorReport(a: IndicatorAnalysis, long: boolean) {
  const table = long ? fingertipsTable(a) : analysisTable(a);
  return {
    tables: [table],
    text: () =>
      [
        long ? table.title : `${table.notes[0]}, by ${a.current.level}`,
        ...(long ? table.notes : table.notes.slice(1)),
        '',
        long ? textTable(table) : renderTable(presentAreas(a), AREA_COLUMNS),
        '',
      ].join('\n'),
    json: () => ({
      indicator: { id: a.indicator.id, name: a.indicator.name },
      period: a.current.period,
      window: a.current.window,
      level: a.current.level,
      tier: a.current.tier,
      denominator: a.denominatorLabel,
      synthetic: a.synthetic,
      ...jsonTable(table),
    }),
  };
}

function combinationReport(c: CombinationResult) {
  const tables = combinationTables(c);
  const inputs = c.inputs.map((i) => ({
    indicator: `${i.name} (${i.id})`,
    period: i.windowLabel,
    tier: TIER_NAMES[i.tier] ?? i.tier,
    missing: i.missingFor.length ? i.missingFor.join(', ') : 'none',
  }));
  return {
    tables,
    text: () =>
      [
        `Combination ${c.number} (report section ${c.section}): ${c.name}, ${c.period}`,
        c.question,
        ...(c.synthetic ? ['SYNTHETIC DEMO DATA: generated by code, describing no real child.'] : []),
        '',
        'What the figures say:',
        ...c.reading.map((s) => `  - ${s}`),
        '',
        'Inputs:',
        renderTable(inputs, [
          { header: 'Indicator', value: (i) => i.indicator },
          { header: 'Period', value: (i) => i.period },
          { header: 'Tier', value: (i) => i.tier },
          { header: 'No figures from', value: (i) => i.missing },
        ]),
        ...tables
          .slice(1)
          .flatMap((t) => ['', t.title, textTable(t), ...t.notes.slice(tables[0]!.notes.length)]),
        '',
      ].join('\n'),
    json: () => ({
      id: c.id,
      number: c.number,
      name: c.name,
      section: c.section,
      question: c.question,
      period: c.period,
      reading: c.reading,
      inputs: c.inputs,
      synthetic: c.synthetic,
      tables: tables.slice(1).map(jsonTable),
    }),
  };
}

function riskReport(v: RiskMapView) {
  const tables = riskMapTables(v);
  return {
    tables,
    text: () =>
      [
        `Combination 3 (report section 3.1.3): Mapping areas at most risk of County Lines, ${v.period}, by ${v.level}`,
        ...(v.synthetic ? ['SYNTHETIC DEMO DATA: generated by code, describing no real child.'] : []),
        `Weights: ${RISK_FACTORS.map((f) => `${f.id}=${v.map.weights[f.id]}`).join(', ')}`,
        '',
        'What the figures say:',
        ...v.reading.map((s) => `  - ${s}`),
        '',
        'Inputs:',
        renderTable(v.tiers, [
          { header: 'Indicator', value: (t) => t.indicator },
          { header: 'Tier', value: (t) => TIER_NAMES[t.tier] ?? t.tier },
        ]),
        `Rates per 10,000 ${v.denominatorLabel}.`,
        v.crimePeriod
          ? `Crime: police.uk ${v.crimePeriod.from} to ${v.crimePeriod.to}.`
          : 'Crime: no police.uk data imported (clmd reference import-police-uk), so the crime factor is [x].',
        ...tables.flatMap((t) => ['', t.title, textTable(t)]),
        '',
      ].join('\n'),
    json: () => ({
      id: RISK_MAP,
      period: v.period,
      level: v.level,
      weights: v.map.weights,
      reading: v.reading,
      inputs: v.tiers,
      denominator: v.denominatorLabel,
      crimePeriod: v.crimePeriod,
      synthetic: v.synthetic,
      tables: tables.map(jsonTable),
    }),
  };
}

/** "drug-arrests=2,crime=0" → weights (the others equal), or every problem with it. */
export function parseWeights(text: string | undefined): { weights: Weights; problems: Problem[] } {
  const given: Record<string, string> = {};
  const problems: Problem[] = [];
  const ids = RISK_FACTORS.map((f) => f.id as string);
  for (const part of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z-]+)\s*=\s*(.*)$/i.exec(part);
    if (!m) {
      problems.push({
        field: '--weights',
        message: `Write each weight as factor=number, like drug-arrests=2 (you gave "${part}")`,
      });
      continue;
    }
    const id = m[1]!.toLowerCase();
    if (!ids.includes(id)) {
      problems.push({
        field: '--weights',
        message: `There is no risk factor called "${m[1]}". The factors are ${ids.join(', ')}`,
      });
      continue;
    }
    if (id in given) {
      problems.push({ field: '--weights', message: `The weight for ${id} is given twice. Give it once` });
      continue;
    }
    given[id] = m[2]!.trim();
  }
  const checked = checkWeights(given);
  problems.push(...checked.problems.map((message) => ({ field: '--weights', message })));
  return { weights: checked.weights, problems };
}

export function registerAnalysisCommands(program: Command): void {
  const analysis = program
    .command('analysis')
    .description(
      'reports of the analysis pages: an indicator by area with rates per 10,000 children, and the combinations',
    );

  outputOptions(
    analysis
      .command('indicator <id>')
      .description(
        'an indicator by area: counts, children, rates per 10,000 with 95% and 99.8% intervals, comparisons with ' +
          'the Pathfinder and the locality, and the recent trend; with --long, the Fingertips-style long export ' +
          '(a row per area and period). CSV is the same as the page’s download, notes first as "#" lines.',
      )
      .addOption(periodOption())
      .addOption(
        new Option('--level <level>', 'the areas to report')
          .choices(LEVELS as unknown as string[])
          .default('district'),
      )
      .addOption(tierOption())
      .option('--long', 'the long export: one row per area and period'),
  ).action(async (id: string, opts: OutputFlags & { level: Level; long?: boolean }) => {
    const problems = outputProblems(opts);
    if (problems.length) throw new ValidationError('The report was not made.', problems);
    await withDeps(async (deps) => {
      const quarter = quarterFrom(deps, opts.period);
      const indicator = await deps.catalogue.currentIndicator(id);
      if (indicator.valueType !== 'count' || indicator.suppliers.includes('reference_data')) {
        throw new ValidationError('The indicator cannot be analysed by area.', [
          {
            field: 'ID',
            message: `${indicator.name} (${id}) is not a count that partners return, so it has no rates by area. Choose a count (clmd catalogue list)`,
          },
        ]);
      }
      const viewer: Viewer = { operatorTier: opts.tier };
      const a = await deps.analysis.indicatorAnalysis(viewer, {
        indicatorId: indicator.id,
        quarter,
        level: opts.level,
      });
      await deps.analysis.recordView(cliActor(), {
        export: Boolean(opts.output),
        subjectType: 'indicator',
        subjectId: a.indicator.id,
        tables: a.tables,
        quarter,
      });
      await deliver(opts, indicatorReport(a, opts.long ?? false));
    });
  });

  outputOptions(
    analysis
      .command('combination <name>')
      .description(
        `one of the report's combinations (${COMBINATION_NAMES.join(', ')}): what the figures say, the inputs ` +
          'with their tier and the localities with no figures, then each table. areas-at-risk is the risk map, ' +
          'by district or ward, with the factors weighted by --weights.',
      )
      .addOption(periodOption())
      .addOption(tierOption())
      .addOption(
        new Option('--level <level>', 'areas-at-risk only: the areas to map (default district)').choices(
          LEVELS as unknown as string[],
        ),
      )
      .option(
        '--weights <weights>',
        `areas-at-risk only: whole-number weights from 0 to 5, like ${RISK_FACTORS.map((f) => `${f.id}=1`).join(',')} (factors left out weigh 1)`,
      ),
  ).action(async (name: string, opts: OutputFlags & { level?: Level; weights?: string }) => {
    if (!COMBINATION_NAMES.includes(name)) {
      throw new NotFoundError(
        `There is no combination called ${name}. Choose one of ${COMBINATION_NAMES.join(', ')}.`,
      );
    }
    const problems = outputProblems(opts);
    const risk = name === RISK_MAP;
    if (!risk) {
      for (const flag of ['level', 'weights'] as const) {
        if (opts[flag] !== undefined) {
          problems.push({
            field: `--${flag}`,
            message: `--${flag} is only for areas-at-risk. Leave it out for ${name}`,
          });
        }
      }
    }
    const weights = risk ? parseWeights(opts.weights) : undefined;
    problems.push(...(weights?.problems ?? []));
    if (problems.length) throw new ValidationError('The report was not made.', problems);

    await withDeps(async (deps) => {
      const quarter = quarterFrom(deps, opts.period);
      const viewer: Viewer = { operatorTier: opts.tier };
      if (risk) {
        const v = await deps.analysis.riskMap(viewer, {
          quarter,
          level: opts.level ?? 'district',
          weights: weights!.weights,
        });
        await deps.analysis.recordView(cliActor(), {
          export: Boolean(opts.output),
          subjectType: 'combination',
          subjectId: RISK_MAP,
          tables: v.sourceTables,
          quarter,
        });
        await deliver(opts, riskReport(v));
        return;
      }
      const result = await deps.analysis.combination(viewer, name as CombinationId, quarter);
      await deps.analysis.recordView(cliActor(), {
        export: Boolean(opts.output),
        subjectType: 'combination',
        subjectId: result.id,
        tables: result.sourceTables,
        quarter,
      });
      await deliver(opts, combinationReport(result));
    });
  });
}
