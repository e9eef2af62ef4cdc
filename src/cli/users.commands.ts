import type { Command } from 'commander';
import { cliActor } from '../platform/actor.ts';
import { ROLES, type Role } from '../platform/policies.ts';
import { formatOption, withDeps } from './context.ts';
import { printRows, type Format } from './output.ts';

/** "essex-police:submitter" → a membership. */
function parseMembership(value: string, previous: { organisationId: string; role: Role }[] = []) {
  const [organisationId, role] = value.split(':');
  if (!organisationId || !role) {
    throw new Error(`--member must be ORGANISATION:ROLE, like essex-police:submitter (you gave "${value}")`);
  }
  return [...previous, { organisationId, role: role as Role }];
}

/** Passwords come from an environment variable, never the command line, so they stay out of shell history. */
function passwordFrom(variable: string): string {
  const value = process.env[variable];
  if (!value)
    throw new Error(
      `Set the password in the environment variable ${variable} (it is not read from the command line).`,
    );
  return value;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('local user accounts and their roles');

  users
    .command('add <username>')
    .description(`add a user; roles: ${ROLES.join(', ')}`)
    .requiredOption('--name <name>', "the person's name, as shown on pages")
    .requiredOption('--member <org:role>', 'an organisation and role (repeatable)', parseMembership)
    .option('--password-env <variable>', 'environment variable holding the password', 'CLMD_PASSWORD')
    .action(
      async (
        username: string,
        opts: { name: string; member: { organisationId: string; role: Role }[]; passwordEnv: string },
      ) => {
        const password = passwordFrom(opts.passwordEnv);
        await withDeps(async (deps) => {
          const u = await deps.users.add(cliActor(), {
            username,
            displayName: opts.name,
            password,
            memberships: opts.member,
          });
          process.stdout.write(
            `Added ${u.username} (${u.memberships.map((m) => `${m.organisationId}:${m.role}`).join(', ')}).\n`,
          );
        });
      },
    );

  users
    .command('list')
    .description('list users with their roles (never passwords)')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      await withDeps(async (deps) => {
        printRows(
          await deps.users.list(),
          [
            { header: 'Username', value: (u) => u.username },
            { header: 'Name', value: (u) => u.displayName },
            {
              header: 'Roles',
              value: (u) => u.memberships.map((m) => `${m.organisationId}:${m.role}`).join(', '),
            },
            {
              header: 'Status',
              value: (u) =>
                u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > new Date() ? 'locked' : 'active',
            },
            { header: 'Demo', value: (u) => (u.demo ? 'demo' : '') },
          ],
          opts.format,
        );
      });
    });

  users
    .command('disable <username>')
    .description('disable a user and end their sessions')
    .action(async (username: string) => {
      await withDeps(async (deps) => {
        await deps.users.disable(cliActor(), username);
        process.stdout.write(`Disabled ${username}; their sessions have ended.\n`);
      });
    });

  users
    .command('reset-password <username>')
    .description('set a new password (from CLMD_PASSWORD), unlock the account and end its sessions')
    .option('--password-env <variable>', 'environment variable holding the password', 'CLMD_PASSWORD')
    .action(async (username: string, opts: { passwordEnv: string }) => {
      const password = passwordFrom(opts.passwordEnv);
      await withDeps(async (deps) => {
        await deps.users.resetPassword(cliActor(), username, password);
        process.stdout.write(`Password reset for ${username}.\n`);
      });
    });
}
