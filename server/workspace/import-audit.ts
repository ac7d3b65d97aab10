// Imports run from the command line, without a server or a session: after each successful `tweeling import …` an
// entry goes into the workspace audit log with the admin role (whoever can run the command administers the twin)
// and the names of the source files (names only, no paths: they can contain a user's home directory).
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { COMMAND_LINE_ACTOR } from './auth/user-store.ts';
import { openWorkspace } from './workspace.ts';
import { workspaceTarget } from './workspace-target.ts';

export function registerImportAudit(importCommand: Command, config: () => Config): void {
  importCommand.hook('postAction', async (_command, action) => {
    const files = action.args.map((f) => path.basename(f));
    const workspace = await openWorkspace(workspaceTarget(config()));
    try {
      await workspace.audit.record(workspace.db, { actor: COMMAND_LINE_ACTOR, action: `import.${action.name()}`, target: '', details: { files } });
    } finally {
      await workspace.close();
    }
  });
}
