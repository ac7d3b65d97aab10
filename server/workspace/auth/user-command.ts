// `tweeling user add USERNAME --role planner` and `tweeling user list|disable|enable`. The password comes from
// TWEELING_PASSWORD or standard input, never from the command line (argv is visible to every user of the machine).
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { type Workspace, openWorkspace } from '../workspace.ts';
import { workspaceTarget } from '../workspace-target.ts';
import { ACCOUNT_ROLES, type AccountRole, createUser, listUsers, setUserDisabled } from './user-store.ts';

export const PASSWORD_ENV = 'TWEELING_PASSWORD';

export function registerUserCommands(program: Command, config: () => Config): void {
  const user = program.command('user').description('manage the accounts of planners, council members and admins');

  user
    .command('add')
    .description(`create an account; the password is read from ${PASSWORD_ENV} or standard input`)
    .argument('<username>', '2–64 letters, digits, dots, dashes or underscores')
    .requiredOption('--role <role>', ACCOUNT_ROLES.join(' | '))
    .action(async (username: string, o: { role: string }) => {
      if (!(ACCOUNT_ROLES as readonly string[]).includes(o.role)) throw new Error(`--role must be one of ${ACCOUNT_ROLES.join(', ')}`);
      const password = process.env[PASSWORD_ENV] ?? (await readPassword());
      await withWorkspace(config(), async (workspace) => {
        const created = await createUser(workspace, { username, password, role: o.role as AccountRole });
        console.error(`created ${created.role} account ${created.username}`);
      });
    });

  user
    .command('list')
    .description('list the accounts (never the passwords)')
    .action(async () => {
      await withWorkspace(config(), async (workspace) => {
        for (const u of await listUsers(workspace)) console.log(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.createdAt}`);
      });
    });

  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user
      .command(name)
      .description(disabled ? 'disable an account and end its sessions' : 'enable a disabled account')
      .argument('<username>')
      .action(async (username: string) => {
        await withWorkspace(config(), (workspace) => setUserDisabled(workspace, username, disabled));
        console.error(`${username} ${disabled ? 'disabled' : 'enabled'}`);
      });
  }
}

async function withWorkspace(config: Config, work: (workspace: Workspace) => Promise<void>): Promise<void> {
  const workspace = await openWorkspace(workspaceTarget(config));
  try {
    await work(workspace);
  } finally {
    await workspace.close();
  }
}

/** The first line of standard input; on a terminal, asked for without echoing what is typed. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) process.stderr.write('Password: ');
  if (stdin.isTTY) stdin.setRawMode(true);
  let text = '';
  try {
    for await (const chunk of stdin) {
      text += String(chunk);
      // Ctrl-C on a raw terminal arrives as a character.
      if (text.includes('\u0003')) throw new Error('cancelled');
      if (/[\r\n]/.test(text)) break;
    }
  } finally {
    if (stdin.isTTY) {
      stdin.setRawMode(false);
      process.stderr.write('\n');
    }
    stdin.pause();
  }
  const line = text.split(/\r?\n|\r/)[0];
  if (!line) throw new Error(`no password given: set ${PASSWORD_ENV} or pipe it to standard input`);
  return line;
}
