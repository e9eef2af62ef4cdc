import type { Command } from 'commander';
import { cliActor } from '../platform/actor.ts';
import { PURPOSES, type Purpose } from '../modules/sharing/sharing.model.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, type Format } from './output.ts';

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function registerAgreementsCommands(program: Command): void {
  const agreements = program.command('agreements').description('the data-sharing agreement register');
  agreements
    .command('list')
    .description('every agreement, with what it covers and when')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async ({ sharing }) => {
        const today = new Date().toISOString().slice(0, 10);
        printRows(
          await sharing.list(),
          [
            { header: 'Reference', value: (a) => a.reference },
            { header: 'Title', value: (a) => a.title },
            { header: 'Purpose', value: (a) => a.purpose },
            { header: 'Data owners', value: (a) => a.dataOwnerIds.join(', ') },
            { header: 'Recipients', value: (a) => a.recipientIds.join(', ') },
            { header: 'Categories', value: (a) => a.categories.join(', ') },
            { header: 'From', value: (a) => a.startsOn },
            { header: 'To', value: (a) => a.endsOn },
            { header: 'In force', value: (a) => (a.startsOn <= today && today <= a.endsOn ? 'yes' : 'no') },
          ],
          opts.format,
        );
      });
    });
  agreements
    .command('add <reference>')
    .description(
      `add an agreement; purposes: ${PURPOSES.join(', ')}; use * for every organisation or category`,
    )
    .requiredOption('--title <text>', 'title')
    .requiredOption('--purpose <purpose>', 'purpose of the sharing')
    .requiredOption('--owners <ids>', 'comma-separated organisation ids whose data is shared, or *')
    .requiredOption('--recipients <ids>', 'comma-separated organisation ids that may see it, or *')
    .requiredOption('--categories <names>', 'comma-separated indicator categories, or *')
    .requiredOption('--from <date>', 'first day in force, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day in force, YYYY-MM-DD')
    .action(
      async (
        reference: string,
        opts: {
          title: string;
          purpose: string;
          owners: string;
          recipients: string;
          categories: string;
          from: string;
          to: string;
        },
      ) => {
        await withDeps(async ({ sharing }) => {
          const a = await sharing.add(cliActor(), {
            reference,
            title: opts.title,
            purpose: opts.purpose as Purpose,
            dataOwnerIds: list(opts.owners),
            recipientIds: list(opts.recipients),
            categories: list(opts.categories),
            startsOn: opts.from,
            endsOn: opts.to,
          });
          process.stdout.write(`Added agreement ${a.reference}, in force ${a.startsOn} to ${a.endsOn}.\n`);
        });
      },
    );
}
