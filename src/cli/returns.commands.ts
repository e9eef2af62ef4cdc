import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { cliActor } from '../platform/actor.ts';
import { describeLocation, type Problem } from '../platform/errors.ts';
import { STATE_LABELS, reportingRates } from '../modules/returns/completeness.ts';
import { IMPLEMENTATION_LABELS, IMPLEMENTATION_STATUSES } from '../modules/returns/implementation.service.ts';
import { completenessCsv, periodRange } from '../modules/returns/returns.present.ts';
import type { SubmissionReport } from '../modules/returns/returns.service.ts';
import { CliExit, formatOption, withDeps } from './context.ts';
import { printRows, renderTable, type Format } from './output.ts';

const PROBLEM_COLUMNS = [
  { header: 'Where', value: (p: Problem) => describeLocation(p) || '-' },
  { header: 'Problem', value: (p: Problem) => p.message },
];

function printReport(report: SubmissionReport, format: Format): void {
  if (format === 'json') {
    const { organisation, ...rest } = report;
    process.stdout.write(JSON.stringify({ ...rest, organisation: organisation.id }, null, 2) + '\n');
    return;
  }
  const out = report.outcome === 'rejected' ? process.stderr : process.stdout;
  if (report.errors.length) {
    out.write(renderTable(report.errors, PROBLEM_COLUMNS, Number.POSITIVE_INFINITY) + '\n\n');
    if (report.errorCount > report.errors.length)
      out.write(`(the first ${report.errors.length} of ${report.errorCount} problems are listed)\n`);
  }
  if (report.warnings.length) {
    out.write(
      `Warnings – check these figures (they are not errors):\n${renderTable(report.warnings, PROBLEM_COLUMNS, Number.POSITIVE_INFINITY)}\n\n`,
    );
  }
  const what = `${report.organisation.name}, ${report.period}, ${report.fileName}`;
  if (report.outcome === 'rejected')
    out.write(`${report.errorCount} problem(s) in ${what}. Nothing was submitted.\n`);
  else if (report.outcome === 'checked')
    out.write(
      `No problems in ${what} (${report.rowCount} figures). Nothing was submitted: this was a dry run.\n`,
    );
  else out.write(`Submitted ${what}: ${report.rowCount} figures, revision ${report.revision}.\n`);
}

export function registerReturnsCommands(program: Command): void {
  program
    .command('organisations')
    .description('the partner organisations')
    .command('list')
    .description('list organisations with their ids, kinds and localities')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ organisations }) => {
        printRows(
          await organisations.list(),
          [
            { header: 'Id', value: (o) => o.id },
            { header: 'Name', value: (o) => o.name },
            { header: 'Kind', value: (o) => o.kind },
            { header: 'Locality', value: (o) => o.localityCode ?? 'Pathfinder-wide' },
          ],
          opts.format,
        );
      });
    });

  const returns = program
    .command('returns')
    .description('quarterly returns: templates, submission, approval, completeness');

  returns
    .command('template')
    .description("write an organisation's template for a quarter")
    .requiredOption('--org <id>', 'organisation id (see clmd organisations list)')
    .requiredOption('--period <quarter>', 'quarter, like 2026-Q1')
    .addOption(new Option('--format <format>', 'template format').choices(['xlsx', 'csv']).default('xlsx'))
    .option('-o, --output <file>', 'where to write it (default: clmd-return-<org>-<period>.<format>)')
    .action(async (opts: { org: string; period: string; format: 'xlsx' | 'csv'; output?: string }) => {
      await withDeps(async ({ returns: service }) => {
        const target = opts.output ?? `clmd-return-${opts.org}-${opts.period.toUpperCase()}.${opts.format}`;
        await service.writeTemplate(
          { organisationId: opts.org, period: opts.period, format: opts.format },
          target,
        );
        process.stdout.write(`Wrote ${path.resolve(target)}\n`);
      });
    });

  returns
    .command('submit <file>')
    .description('check a return file and, unless --dry-run, submit it')
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--period <quarter>', 'quarter, like 2026-Q1')
    .option('--dry-run', 'check the file only; change nothing')
    .addOption(
      new Option('-f, --format <format>', 'report format').choices(['table', 'json']).default('table'),
    )
    .action(async (file: string, opts: { org: string; period: string; dryRun?: boolean; format: Format }) => {
      if (!fs.existsSync(file)) throw new Error(`There is no file at ${file}. Check the path and try again.`);
      const report = await withDeps(({ returns: service }) =>
        service.submitFile(cliActor(), {
          organisationId: opts.org,
          period: opts.period,
          fileName: path.basename(file),
          filePath: file,
          dryRun: opts.dryRun ?? false,
        }),
      );
      printReport(report, opts.format);
      if (report.outcome === 'rejected') throw new CliExit(1);
    });

  for (const [name, description] of [
    ['approve', 'approve a submitted return (locks it)'],
    ['send-back', 'send a submitted return back to the submitter, with a reason'],
    ['unlock', 'unlock an approved return for changes, with a reason'],
  ] as const) {
    const command = returns
      .command(name)
      .description(description)
      .requiredOption('--org <id>', 'organisation id')
      .requiredOption('--period <quarter>', 'quarter, like 2026-Q1');
    if (name !== 'approve')
      command.requiredOption('--reason <text>', 'why (recorded in the history and audit)');
    command.action(async (opts: { org: string; period: string; reason?: string }) => {
      await withDeps(async ({ returns: service }) => {
        const ret = await service.findReturn(opts.org, opts.period);
        if (!ret) throw new Error(`Nothing has been submitted for ${opts.org} ${opts.period}.`);
        const ctx = cliActor();
        const after =
          name === 'approve'
            ? await service.approve(ctx, ret.id)
            : name === 'send-back'
              ? await service.returnToSubmitter(ctx, ret.id, opts.reason)
              : await service.unlock(ctx, ret.id, opts.reason);
        process.stdout.write(`${opts.org} ${after.period} is now ${after.status}.\n`);
      });
    });
  }

  returns
    .command('status')
    .description('expected, received, on time, late and missing returns, and reporting rates')
    .option('--from <quarter>', 'first quarter (default: four quarters before --to)')
    .option('--to <quarter>', 'last quarter (default: the current quarter)')
    .option('--overdue', 'only overdue returns')
    .addOption(formatOption())
    .action(async (opts: { from?: string; to?: string; overdue?: boolean; format: Format }) => {
      await withDeps(async ({ returns: service }) => {
        const all = await service.completeness(periodRange(service.today(), opts.from, opts.to));
        const rows = all.filter((r) => (opts.overdue ? r.state === 'overdue' : r.state !== 'not-expected'));
        if (opts.format === 'csv') {
          process.stdout.write(completenessCsv(rows));
          return;
        }
        printRows(
          rows,
          [
            { header: 'Organisation', value: (r) => r.organisationName },
            { header: 'Locality', value: (r) => r.localityCode ?? 'Pathfinder-wide' },
            { header: 'Period', value: (r) => r.period },
            { header: 'Due', value: (r) => r.dueDate },
            { header: 'State', value: (r) => STATE_LABELS[r.state] },
            { header: 'Return', value: (r) => r.returnStatus ?? '' },
            { header: 'Synthetic', value: (r) => (r.synthetic ? 'synthetic' : '') },
          ],
          opts.format,
        );
        if (opts.format === 'table') {
          process.stdout.write('\nReporting rates\n');
          printRows(
            reportingRates(all),
            [
              { header: 'Period', value: (r) => r.period },
              { header: 'Expected', value: (r) => r.expected },
              { header: 'Received', value: (r) => r.received },
              { header: 'On time', value: (r) => r.onTime },
              {
                header: 'Received %',
                value: (r) => (r.receivedRate === null ? '-' : Math.round(r.receivedRate * 100)),
              },
              {
                header: 'On time %',
                value: (r) => (r.onTimeRate === null ? '-' : Math.round(r.onTimeRate * 100)),
              },
            ],
            'table',
          );
        }
      });
    });

  returns
    .command('history')
    .description("a return's submissions (revisions) and status changes")
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--period <quarter>', 'quarter, like 2026-Q1')
    .addOption(formatOption())
    .action(async (opts: { org: string; period: string; format: Format }) => {
      await withDeps(async ({ returns: service }) => {
        const ret = await service.findReturn(opts.org, opts.period);
        if (!ret) throw new Error(`Nothing has been submitted for ${opts.org} ${opts.period}.`);
        printRows(
          await service.submissions(ret.id),
          [
            { header: 'Revision', value: (s) => s.revision },
            { header: 'File', value: (s) => s.file_name },
            { header: 'SHA-256', value: (s) => s.file_sha256 },
            { header: 'Rows', value: (s) => s.row_count },
            { header: 'Submitted', value: (s) => s.submitted_at.toISOString() },
            { header: 'By', value: (s) => s.submitted_by },
            { header: 'Approved', value: (s) => s.approved_at?.toISOString() ?? '' },
            { header: 'Synthetic', value: (s) => (s.synthetic ? 'synthetic' : '') },
          ],
          opts.format,
        );
      });
    });

  const implementation = program.command('implementation').description('the implementation tracker');
  implementation
    .command('list')
    .description('agreed status per locality and indicator, beside the data received')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ implementation: service }) => {
        const { period, entries } = await service.tracker();
        printRows(
          entries,
          [
            { header: 'Locality', value: (e) => e.localityCode },
            { header: 'Indicator', value: (e) => e.indicatorId },
            { header: 'Agreed status', value: (e) => IMPLEMENTATION_LABELS[e.status] },
            { header: 'Since', value: (e) => e.since ?? '' },
            { header: `Received ${period}`, value: (e) => (e.receivedLatest ? 'yes' : 'no') },
            { header: 'Note', value: (e) => e.note },
          ],
          opts.format,
        );
      });
    });
  implementation
    .command('set')
    .description("set a locality's agreed status for an indicator")
    .requiredOption('--locality <code>', 'LOC-NORFOLK, LOC-SUFFOLK, LOC-CAMBRIDGESHIRE or LOC-ESSEX')
    .requiredOption('--indicator <id>', 'indicator id')
    .addOption(
      new Option('--status <status>', 'agreed status')
        .choices([...IMPLEMENTATION_STATUSES])
        .makeOptionMandatory(),
    )
    .option('--since <date>', 'YYYY-MM-DD (default: today)')
    .option('--note <text>', 'a short note')
    .action(
      async (opts: {
        locality: string;
        indicator: string;
        status: string;
        since?: string;
        note?: string;
      }) => {
        await withDeps(async ({ implementation: service }) => {
          await service.setStatus(cliActor(), {
            localityCode: opts.locality,
            indicatorId: opts.indicator,
            status: opts.status,
            ...(opts.since ? { since: opts.since } : {}),
            ...(opts.note ? { note: opts.note } : {}),
          });
          process.stdout.write(
            `${opts.locality} ${opts.indicator}: ${IMPLEMENTATION_LABELS[opts.status as 'collecting']}.\n`,
          );
        });
      },
    );
}
