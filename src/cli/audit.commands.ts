import type { Command } from 'commander';
import { CliExit, withDeps } from './context.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('check that no audit event was altered, removed or reordered (exit 1 if one was)')
    .action(async () => {
      const result = await withDeps((deps) => deps.auditLog.verify());
      if (result.broken) {
        process.stderr.write(
          `The audit trail is broken at event ${result.broken.id}: it ${result.broken.reason}. ` +
            `${result.events} events checked. Preserve this database and tell your information governance lead.\n`,
        );
        throw new CliExit(1);
      }
      process.stdout.write(
        `The audit trail is whole: ${result.events} events, each linked to the one before.\n`,
      );
    });
}
