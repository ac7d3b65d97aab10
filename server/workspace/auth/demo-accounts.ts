// Accounts for the embedded demo municipality: on the first start of a Demostad twin, one planner (`planner`), one
// council member (`raad`) and one admin (`admin`), each with a random password, written once to
// DATA_DIR/demo-accounts.txt (readable by the owner only). Never for a real municipality.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Conflict } from '../../errors.ts';
import type { Workspace } from '../workspace.ts';
import { type AccountRole, createUser, listUsers } from './user-store.ts';

export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';
export const DEMO_ACCOUNTS: readonly { username: string; role: AccountRole }[] = [
  { username: 'planner', role: 'planner' },
  { username: 'raad', role: 'council' },
  { username: 'admin', role: 'admin' },
];

/**
 * Creates the demo accounts when the twin is synthetic and has no accounts yet; gives the lines written to the
 * file (username, role, password), or undefined when nothing was done.
 */
export async function ensureDemoAccounts(workspace: Workspace, options: { dataDir: string; synthetic: boolean }): Promise<string[] | undefined> {
  const file = path.join(options.dataDir, DEMO_ACCOUNTS_FILE);
  if (!options.synthetic || (await listUsers(workspace)).length > 0 || fs.existsSync(file)) return undefined;
  const lines: string[] = [];
  for (const { username, role } of DEMO_ACCOUNTS) {
    // 18 random bytes: 24 base64url characters, 144 bits.
    const password = randomBytes(18).toString('base64url');
    try {
      await createUser(workspace, { username, password, role });
    } catch (e) {
      // Another server on the same database made the demo accounts a moment ago: they are its to tell.
      if (e instanceof Conflict && lines.length === 0) return undefined;
      throw e;
    }
    lines.push(`${username}\t${role}\t${password}`);
  }
  const text = `# Demo accounts of this Demostad twin (username, role, password). Change or disable them with \`tweeling user\`.\n${lines.join('\n')}\n`;
  // 'wx': never overwrite; mode 0600: the passwords are for the owner of the data directory only.
  fs.writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  return lines;
}
