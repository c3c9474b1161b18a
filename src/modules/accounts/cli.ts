// `gongzhi user …` and `gongzhi apikey create`: accounts and API keys from the command line.
import { Option, type Command } from 'commander';
import { systemActor } from '../../platform/auth/scope.ts';
import { isRole, roleNames } from '../../platform/auth/roles.ts';
import type { CliTools } from '../../platform/module.ts';
import { createApiKey, provisionUser, resetPasswordByName } from './service.ts';

/** Adds `user add`, `user reset-password` and `apikey create`. */
export function registerAccountCommands(program: Command, { withDatabase }: CliTools): void {
  const user = program.command('user').description('Accounts');
  user
    .command('add <username>')
    .description('Create an account with a role; prints an initial password that must be changed at first sign-in')
    .addOption(new Option('--role <role>', 'role').choices(roleNames).makeOptionMandatory())
    .option('--org <code>', 'org node or grid code the role is granted on (omit for the whole tree)')
    .option('--name <displayName>', 'display name')
    .action(async (username: string, options: { role: string; org?: string; name?: string }) => {
      if (!isRole(options.role)) throw new Error(`unknown role ${options.role}`);
      const role = options.role;
      await withDatabase(async (database) => {
        const { password } = await provisionUser(database.db, { username, displayName: options.name ?? username, role, orgCode: options.org });
        console.log(`Created ${username} (${role}). Initial password (must be changed at first sign-in): ${password}`);
      });
    });
  user
    .command('reset-password <username>')
    .description('Issue a new initial password, to be changed at next sign-in; ends the user\'s sessions')
    .action(async (username: string) => {
      await withDatabase(async (database) => {
        console.log(`New initial password for ${username}: ${await resetPasswordByName(database.db, username)}`);
      });
    });

  program
    .command('apikey')
    .description('API keys for machine clients')
    .command('create')
    .description('Create an API key, scoped to an org node; the key is printed once')
    .requiredOption('--name <name>', 'what the client is')
    .option('--org <code>', 'org node the key is scoped to (omit for the whole tree)')
    .option('--role <role>', 'role of the key', 'open311_client')
    .action(async (options: { name: string; org?: string; role: string }) => {
      if (!isRole(options.role)) throw new Error(`unknown role ${options.role}`);
      const role = options.role;
      await withDatabase(async (database) => {
        const key = await createApiKey(database.db, { ...systemActor, grants: [{ role: 'security_admin', orgPath: '' }] }, { name: options.name, orgCode: options.org, role });
        console.log(`API key for ${options.name} (${key.role} on ${key.orgPath || 'the whole tree'}), shown once:\n${key.key}`);
      });
    });
}
